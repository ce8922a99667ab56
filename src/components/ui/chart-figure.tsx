"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";

/**
 * A chart people can read without seeing it (WCAG 1.1.1): the drawing is one image named by `label`, and the
 * same numbers are a table under it, folded so it takes no room until opened.
 */
export function ChartFigure({
  label,
  columns,
  rows,
  children,
  testId,
}: {
  label: string;
  columns: string[];
  rows: (string | number)[][];
  children: ReactNode;
  testId?: string;
}) {
  const t = useTranslations("common");
  return (
    <figure className="w-full" data-testid={testId}>
      <div role="img" aria-label={label}>
        {children}
      </div>
      <details className="mt-1 text-xs" data-testid="chart-table">
        <summary className="cursor-pointer text-slate-700">{t("chartAsTable")}</summary>
        {/* A table that scrolls is a named region that takes focus, so a keyboard can scroll it. */}
        {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
        <div className="mt-1 max-h-64 overflow-auto" tabIndex={0} role="region" aria-label={label}>
          <table className="w-full text-left tabular-nums">
            <caption className="sr-only">{label}</caption>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c} scope="col" className="border-b border-slate-200 px-2 py-1 font-semibold">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i} className="border-b border-slate-100">
                  {r.map((v, j) =>
                    j === 0 ? (
                      <th key={j} scope="row" className="px-2 py-1 font-normal">
                        {v}
                      </th>
                    ) : (
                      <td key={j} className="px-2 py-1 text-right">
                        {v}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
