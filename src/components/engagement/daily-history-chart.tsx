"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import { ChartFigure } from "@/components/ui/chart-figure";
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/** A day, or with `until` the days from `day` to `until` summed (a week). */
export type DailySeriesPoint = { day: string; until?: string; published: number; failed: number; interactions: number };

/**
 * Posts per day (or per week: `per="week"`, points with `until`) as bars and the interactions those posts
 * earned as a line: activity and reach side by side.
 */
export function DailyHistoryChart({
  points,
  per = "day",
  testId = "daily-history-chart",
}: {
  points: DailySeriesPoint[];
  per?: "day" | "week";
  testId?: string;
}) {
  const t = useTranslations("engagement");
  const format = useFormatter();
  const locale = useLocale();
  const compact = new Intl.NumberFormat(locale, { notation: "compact", maximumFractionDigits: 1 });
  const tick = (v: number) => compact.format(v);
  // One formatter each for the whole series: a year is 365 rows of four cells, and going through the
  // intl context's formatter per cell was a measurable part of the national dashboard's render (decision 0012).
  // A series that crosses a new year names the year: "2 Des" alone could be either December of a 365-day period.
  const last = points.at(-1);
  const crossesYear = !!last && points[0]!.day.slice(0, 4) !== (last.until ?? last.day).slice(0, 4);
  const dayFormat = new Intl.DateTimeFormat(locale, {
    timeZone: "UTC",
    day: "numeric",
    month: "short",
    ...(crossesYear ? { year: "numeric" } : {}),
  });
  const numberFormat = new Intl.NumberFormat(locale);
  const label = (iso: string) => dayFormat.format(new Date(`${iso}T00:00:00Z`));
  const span = (p: DailySeriesPoint) =>
    p.until && p.until !== p.day ? `${label(p.day)} – ${label(p.until)}` : label(p.day);
  const spans = new Map(points.map((p) => [p.day, span(p)]));
  return (
    <ChartFigure
      label={per === "week" ? t("weeklyChartLabel") : t("dailyChartLabel")}
      columns={[per === "week" ? t("week") : t("day"), t("published"), t("failed"), t("interactions")]}
      rows={points.map((p) => [
        span(p),
        numberFormat.format(p.published),
        numberFormat.format(p.failed),
        numberFormat.format(p.interactions),
      ])}
    >
      <div className="h-64 w-full" data-testid={testId}>
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="day" tickFormatter={label} tick={{ fontSize: 11 }} minTickGap={24} />
            {/* As wide as its longest label: a week's sums reach thousands ("1,2 rb"), which a fixed 36 px cut off. */}
            <YAxis yAxisId="posts" tickFormatter={tick} tick={{ fontSize: 11 }} width="auto" allowDecimals={false} />
            <YAxis
              yAxisId="inter"
              orientation="right"
              tickFormatter={tick}
              tick={{ fontSize: 11 }}
              width={56}
              allowDecimals={false}
            />
            <Tooltip
              labelFormatter={(v: unknown) => (typeof v === "string" ? (spans.get(v) ?? label(v)) : "")}
              formatter={(v, name) => [format.number(Number(v)), name]}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar
              yAxisId="posts"
              dataKey="published"
              name={t("published")}
              stackId="p"
              fill="#1d4fd7"
              isAnimationActive={false}
            />
            <Bar
              yAxisId="posts"
              dataKey="failed"
              name={t("failed")}
              stackId="p"
              fill="#dc2626"
              isAnimationActive={false}
            />
            <Line
              yAxisId="inter"
              type="linear"
              dataKey="interactions"
              name={t("interactions")}
              stroke="#b45309"
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </ChartFigure>
  );
}
