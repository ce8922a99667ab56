"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

type Result = { ok: true } | { ok: false; message: string; fieldErrors: Record<string, string> };

/**
 * A button that runs one server action and shows its refusal in the person's language; with `confirm`
 * it asks first, saying what the action touches.
 */
export function ActionButton({
  action,
  input,
  label,
  variant = "secondary",
  testId,
  confirm,
}: {
  action: (input: unknown) => Promise<Result>;
  input: unknown;
  label: string;
  variant?: "primary" | "secondary" | "danger";
  testId?: string;
  confirm?: { title: string; message: string; confirmLabel: string };
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const run = () =>
    start(async () => {
      setError(null);
      const result = await action(input);
      if (!result.ok) setError([result.message, ...Object.values(result.fieldErrors)].join(" "));
      else router.refresh();
    });
  const styles = {
    primary: "bg-brand-600 text-white hover:bg-brand-700",
    secondary: "border border-slate-300 bg-white hover:bg-slate-50",
    danger: "border border-red-300 bg-white text-red-700 hover:bg-red-50",
  }[variant];
  return (
    <span className="inline-flex flex-col">
      <button
        type="button"
        disabled={pending}
        data-testid={testId}
        className={`rounded-md px-3 py-1 text-sm font-semibold disabled:opacity-60 ${styles}`}
        onClick={() => (confirm ? setAsking(true) : run())}
      >
        {label}
      </button>
      {error && (
        <span role="alert" className="mt-1 text-xs text-red-700">
          {error}
        </span>
      )}
      {confirm && (
        <ConfirmDialog
          open={asking}
          {...confirm}
          onClose={() => setAsking(false)}
          onConfirm={() => {
            setAsking(false);
            run();
          }}
        />
      )}
    </span>
  );
}
