import type { ReactNode } from "react";

/** A headline number with how it moved since the previous period; `better` says which direction is good news. */
export function KpiCard({
  label,
  value,
  delta,
  better = "up",
  hint,
  testId,
}: {
  label: string;
  value: string;
  delta?: { text: string; direction: "up" | "down" | "flat" } | null;
  better?: "up" | "down";
  hint?: ReactNode;
  testId?: string;
}) {
  const good = delta && delta.direction !== "flat" && delta.direction === better;
  const tone = !delta || delta.direction === "flat" ? "text-slate-600" : good ? "text-emerald-700" : "text-red-700";
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm" data-testid={testId}>
      <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">{label}</p>
      <p
        className="mt-1 text-3xl font-bold tabular-nums text-brand-900"
        data-testid={testId ? `${testId}-value` : undefined}
      >
        {value}
      </p>
      {delta && (
        <p className={`mt-1 text-xs font-medium ${tone}`}>
          {delta.direction === "up" ? "▲" : delta.direction === "down" ? "▼" : "="} {delta.text}
        </p>
      )}
      {hint && <p className="mt-1 text-xs text-slate-600">{hint}</p>}
    </div>
  );
}
