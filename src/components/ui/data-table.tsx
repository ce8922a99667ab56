import type { HTMLAttributes, ReactNode } from "react";

export type Column<Row> = {
  /** Stable key of the column (React key, and `data-column` on its cells). */
  key: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  align?: "left" | "right";
  /** Read by screen readers only (an actions column, say). */
  hiddenHeader?: boolean;
  /** Extra classes of the column's cells (widths, wrapping). */
  className?: string;
  headerTitle?: string;
};

/**
 * The one table of the desk (docs/decisions/0010-the-desk-on-phones.md). It scrolls sideways inside its
 * card, never the page: on a phone the card is as wide as the screen and the table keeps its columns.
 * The card is a named region that takes keyboard focus, so a keyboard user can scroll it too (WCAG 2.1.1).
 */
export function DataTable<Row>({
  label,
  rows,
  columns,
  rowKey,
  rowProps,
  empty,
  testId,
  caption,
  dense,
  bare,
}: {
  /** Names the scrollable region (and the table, when there is no caption). */
  label: string;
  rows: readonly Row[];
  columns: readonly Column<Row>[];
  rowKey: (row: Row) => string;
  rowProps?: (row: Row) => HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string | undefined>;
  /** Shown instead of the table when there are no rows. */
  empty: ReactNode;
  testId?: string;
  /** Read by screen readers before the table (what the rows are). */
  caption?: string;
  dense?: boolean;
  /** Inside a card of its own: no frame. */
  bare?: boolean;
}) {
  if (rows.length === 0)
    return (
      <p className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
        {empty}
      </p>
    );
  const pad = dense ? "px-3 py-2.5" : "px-4 py-3";
  const align = (c: Column<Row>) => (c.align === "right" ? "text-right" : "text-left");
  return (
    <div
      role="region"
      aria-label={label}
      // A scrolling region must be reachable by keyboard (axe: scrollable-region-focusable).
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
      tabIndex={0}
      className={`relative max-w-full overflow-x-auto focus-visible:outline-2 focus-visible:outline-brand-600 ${bare ? "" : "rounded-xl border border-slate-200 bg-white shadow-sm"}`}
    >
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid={testId}>
        <caption className="sr-only">{caption ?? label}</caption>
        <thead className="bg-slate-50 text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={`${pad} ${align(c)}`} title={c.headerTitle}>
                {c.hiddenHeader ? <span className="sr-only">{c.header}</span> : c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">
          {rows.map((row) => (
            <tr key={rowKey(row)} {...rowProps?.(row)}>
              {columns.map((c) => (
                <td key={c.key} data-column={c.key} className={`${pad} ${align(c)} ${c.className ?? ""}`}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
