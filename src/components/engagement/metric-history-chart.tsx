"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import { ChartFigure } from "@/components/ui/chart-figure";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { MetricHistory } from "@/schemas/engagement";

const series = [
  { key: "likes", color: "#1d4fd7" },
  { key: "comments", color: "#0f766e" },
  { key: "shares", color: "#b45309" },
  { key: "saves", color: "#7c3aed" },
  { key: "clicks", color: "#be123c" },
] as const;

/**
 * Every reading of one post over time. Views sit on their own axis (they are ten to a hundred times the
 * rest); a reading the platform gave no number for leaves a gap instead of a drop to zero.
 */
export function MetricHistoryChart({ history, timeZone }: { history: MetricHistory; timeZone: string }) {
  const t = useTranslations("engagement");
  const format = useFormatter();
  const compact = new Intl.NumberFormat(useLocale(), { notation: "compact", maximumFractionDigits: 1 });
  const tick = (v: number) => compact.format(v);
  const shown = series.filter((s) => history.points.some((p) => p[s.key] !== null));
  const hasViews = history.points.some((p) => p.views !== null);
  const missing = history.points.filter((p) => p.missing).length;
  if (history.points.length === 0)
    return (
      <p className="text-sm text-slate-600" data-testid="metric-history-empty">
        {t("noReadings")}
      </p>
    );
  const data = history.points.map((p) => ({ ...p, time: new Date(p.at).getTime() }));
  const label = (v: number) =>
    format.dateTime(new Date(v), { timeZone, day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
  return (
    <figure data-testid="metric-history-chart">
      <ChartFigure
        label={t("metricChartLabel")}
        columns={[t("readAt"), ...(hasViews ? [t("views")] : []), ...shown.map((s) => t(s.key))]}
        rows={history.points.map((p) =>
          [label(new Date(p.at).getTime()), ...(hasViews ? [p.views] : []), ...shown.map((s) => p[s.key])].map((v) =>
            v === null ? t("missingShort") : typeof v === "number" ? format.number(v) : v,
          ),
        )}
      >
        <div className="h-64 w-full">
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
              <XAxis
                dataKey="time"
                type="number"
                scale="time"
                domain={["dataMin", "dataMax"]}
                tickFormatter={label}
                tick={{ fontSize: 11 }}
                minTickGap={40}
              />
              <YAxis yAxisId="n" tickFormatter={tick} tick={{ fontSize: 11 }} width={48} allowDecimals={false} />
              {hasViews && (
                <YAxis
                  yAxisId="views"
                  orientation="right"
                  tickFormatter={tick}
                  tick={{ fontSize: 11 }}
                  width={56}
                  allowDecimals={false}
                />
              )}
              <Tooltip
                labelFormatter={(v) => label(Number(v))}
                formatter={(v, name) => [v === null ? t("missingShort") : format.number(Number(v)), name]}
              />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              {hasViews && (
                <Line
                  yAxisId="views"
                  type="monotone"
                  dataKey="views"
                  name={t("views")}
                  stroke="#94a3b8"
                  strokeDasharray="4 3"
                  dot={false}
                  connectNulls={false}
                  isAnimationActive={false}
                />
              )}
              {shown.map((s) => (
                <Line
                  key={s.key}
                  yAxisId="n"
                  type="monotone"
                  dataKey={s.key}
                  name={t(s.key)}
                  stroke={s.color}
                  strokeWidth={2}
                  dot={{ r: 2 }}
                  connectNulls={false}
                  isAnimationActive={false}
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </div>
      </ChartFigure>
      <figcaption className="mt-1 text-xs text-slate-600">
        {t("readingsCaption", { count: history.points.length })}
        {missing > 0 && ` · ${t("missingCaption", { count: missing })}`}
      </figcaption>
    </figure>
  );
}
