import Link from "next/link";
import type { ReactNode } from "react";
import { buttonClass } from "@/components/ui/button";

// The pieces of a plain GET filter form (registry, audit log): filters live in the URL, so a filtered
// list can be bookmarked and shared.

export const filterControl = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";

export function FilterField({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="text-sm">
      <label htmlFor={id} className="font-medium text-slate-700">
        {label}
      </label>
      {children}
    </div>
  );
}

/** A labelled select whose first option ("all …") clears the filter. */
export function FilterSelect({
  id,
  name,
  label,
  value,
  allLabel,
  options,
  hint,
}: {
  id: string;
  name: string;
  label: string;
  value: string | undefined;
  allLabel: string;
  options: readonly { value: string; label: string }[];
  /** A note under the select (read with it by screen readers). */
  hint?: string;
}) {
  return (
    <FilterField id={id} label={label}>
      <select
        id={id}
        name={name}
        defaultValue={value ?? ""}
        aria-describedby={hint ? `${id}-hint` : undefined}
        className={filterControl}
      >
        <option value="">{allLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      )}
    </FilterField>
  );
}

/** Apply, and a reset that goes back to the unfiltered list. */
export function FilterActions({
  applyLabel,
  resetLabel,
  resetHref,
}: {
  applyLabel: string;
  resetLabel: string;
  resetHref: string;
}) {
  return (
    <div className="flex items-end gap-2">
      <button type="submit" className={buttonClass()}>
        {applyLabel}
      </button>
      <Link href={resetHref} className={buttonClass("ghost")}>
        {resetLabel}
      </Link>
    </div>
  );
}
