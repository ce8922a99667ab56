"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormStatus } from "@/components/ui/form-status";
import { TextField } from "@/components/ui/field";
import { text, useActionForm } from "@/components/ui/use-action-form";
import type { ActionResult } from "@/lib/action-result";
import { components as keys, type Component, type Weights } from "@/lib/activity-index";

/** Six whole numbers that add up to 100, with the running total shown while typing. */
export function WeightsForm({
  action,
  rootUnitId,
  initial,
}: {
  action: (input: unknown) => Promise<ActionResult<Weights>>;
  /** The organisation whose weights these are. */
  rootUnitId: string;
  initial: Weights;
}) {
  const t = useTranslations("leaderboard");
  const [values, setValues] = useState<Record<Component, string>>(
    () => Object.fromEntries(keys.map((k) => [k, String(initial[k])])) as Record<Component, string>,
  );
  const { state, pending, onSubmit, error } = useActionForm(action, (form) => ({
    rootUnitId,
    ...Object.fromEntries(keys.map((k) => [k, text(form, k)])),
  }));
  const sum = keys.reduce((s, k) => s + (Number(values[k]) || 0), 0);
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate data-testid="weights-form">
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        {keys.map((k) => (
          <TextField
            key={k}
            name={k}
            label={t(`components.${k}`)}
            hint={t(`componentHelp.${k}`)}
            type="number"
            min={0}
            max={100}
            step={1}
            inputMode="numeric"
            value={values[k]}
            onChange={(e) => setValues({ ...values, [k]: e.target.value })}
            error={error(k)}
          />
        ))}
      </div>
      <p
        className={`text-sm font-semibold ${sum === 100 ? "text-emerald-700" : "text-amber-700"}`}
        data-testid="weights-sum"
      >
        {t("weightsSum", { sum })}
      </p>
      <FormStatus state={state} success={t("weightsSaved")} />
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {t("saveWeights")}
      </button>
    </form>
  );
}
