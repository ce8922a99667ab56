"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import { ChartFigure } from "@/components/ui/chart-figure";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type PlatformBar = { platform: string; published: number; interactions: number };

/** Posts and the interactions they earned, per platform, on two axes (they differ by orders of magnitude). */
export function PlatformChart({ bars }: { bars: PlatformBar[] }) {
  const t = useTranslations("dashboard");
  const format = useFormatter();
  const compact = new Intl.NumberFormat(useLocale(), { notation: "compact", maximumFractionDigits: 1 });
  const tick = (v: number) => compact.format(v);
  return (
    <ChartFigure
      label={t("platformChartLabel")}
      columns={[t("platform"), t("published"), t("interactions")]}
      rows={bars.map((b) => [b.platform, format.number(b.published), format.number(b.interactions)])}
    >
      <div className="h-64 w-full" data-testid="platform-chart">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={bars} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="platform" tick={{ fontSize: 11 }} />
            <YAxis yAxisId="posts" tickFormatter={tick} tick={{ fontSize: 11 }} width={40} allowDecimals={false} />
            <YAxis
              yAxisId="inter"
              orientation="right"
              tickFormatter={tick}
              tick={{ fontSize: 11 }}
              width={56}
              allowDecimals={false}
            />
            <Tooltip formatter={(v, name) => [format.number(Number(v)), name]} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar yAxisId="posts" dataKey="published" name={t("published")} fill="#1d4fd7" isAnimationActive={false} />
            <Bar
              yAxisId="inter"
              dataKey="interactions"
              name={t("interactions")}
              fill="#b45309"
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </ChartFigure>
  );
}
