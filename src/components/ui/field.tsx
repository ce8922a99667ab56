import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

// Form fields with their label, hint and error wired up for screen readers:
// the error sits under the field, is announced with it, and marks it aria-invalid.
const control =
  "mt-1 block w-full rounded-md border px-3 py-2 text-sm shadow-sm focus:outline-none focus:ring-2 focus:ring-brand-100 disabled:bg-slate-100";

function describedBy(name: string, hint?: ReactNode, error?: string) {
  return [hint ? `${name}-hint` : "", error ? `${name}-error` : ""].filter(Boolean).join(" ") || undefined;
}

function Shell({
  name,
  label,
  hint,
  error,
  children,
}: {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div className="text-sm" data-field={name}>
      <label htmlFor={`f-${name}`} className="font-medium text-slate-700">
        {label}
      </label>
      {children}
      {hint && (
        <p id={`${name}-hint`} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${name}-error`} className="mt-1 text-xs font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

type Common = { name: string; label: ReactNode; hint?: ReactNode; error?: string };

export function TextField({ name, label, hint, error, ...rest }: Common & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Shell name={name} label={label} hint={hint} error={error}>
      <input
        id={`f-${name}`}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, hint, error)}
        className={`${control} ${error ? "border-red-500" : "border-slate-300 focus:border-brand-600"}`}
        {...rest}
      />
    </Shell>
  );
}

export function TextAreaField({
  name,
  label,
  hint,
  error,
  ...rest
}: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <Shell name={name} label={label} hint={hint} error={error}>
      <textarea
        id={`f-${name}`}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, hint, error)}
        className={`${control} font-mono ${error ? "border-red-500" : "border-slate-300 focus:border-brand-600"}`}
        {...rest}
      />
    </Shell>
  );
}

export type Option = { value: string; label: string };

export function SelectField({
  name,
  label,
  hint,
  error,
  options,
  placeholder,
  ...rest
}: Common & SelectHTMLAttributes<HTMLSelectElement> & { options: Option[]; placeholder?: string }) {
  return (
    <Shell name={name} label={label} hint={hint} error={error}>
      <select
        id={`f-${name}`}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, hint, error)}
        className={`${control} bg-white ${error ? "border-red-500" : "border-slate-300 focus:border-brand-600"}`}
        {...rest}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Shell>
  );
}

export function CheckboxField({ name, label, error, ...rest }: Common & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div className="text-sm" data-field={name}>
      <label className="flex items-start gap-2">
        <input
          type="checkbox"
          id={`f-${name}`}
          name={name}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${name}-error` : undefined}
          className="mt-0.5 h-4 w-4 rounded border-slate-300 text-brand-600"
          {...rest}
        />
        <span className="text-slate-700">{label}</span>
      </label>
      {error && (
        <p id={`${name}-error`} className="mt-1 text-xs font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

/** Indents tree options with non-breaking spaces, since <option> ignores padding. */
export function indent(level: number, label: string): string {
  return `${"\u00a0\u00a0\u00a0".repeat(level)}${label}`;
}
