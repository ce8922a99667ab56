"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { CheckboxField, SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { checked, text, useActionForm } from "@/components/ui/use-action-form";
import type { ActionResult } from "@/lib/action-result";
import { interactionCategories } from "@/lib/interactions";

// The small forms of Interaksi Warga. Each submits to one server action, keeps what was typed when the
// server refuses and shows each field's message (src/components/ui/use-action-form.ts).

type Action = (input: unknown) => Promise<ActionResult<unknown>>;

export function TriageForm({
  action,
  interactionId,
  category,
  urgent,
}: {
  action: Action;
  interactionId: string;
  category: string | null;
  urgent: boolean;
}) {
  const t = useTranslations("interactions");
  const form = useActionForm(action, (f) => ({
    interactionId,
    category: text(f, "category"),
    urgent: checked(f, "urgent"),
  }));
  return (
    <form noValidate onSubmit={form.onSubmit} className="space-y-3" aria-label={t("triageTitle")}>
      <FormStatus state={form.state} success={t("triaged")} />
      <SelectField
        name="category"
        label={t("category")}
        defaultValue={category ?? ""}
        placeholder={t("chooseCategory")}
        options={interactionCategories.map((c) => ({ value: c, label: t(`categories.${c}`) }))}
        error={form.error("category")}
      />
      <CheckboxField name="urgent" label={t("urgentLabel")} defaultChecked={urgent} />
      <Button type="submit" disabled={form.pending} data-testid="triage-submit">
        {t("saveTriage")}
      </Button>
    </form>
  );
}

export function AssignForm({
  action,
  interactionId,
  assigneeId,
  operators,
}: {
  action: Action;
  interactionId: string;
  assigneeId: string | null;
  operators: { id: string; name: string }[];
}) {
  const t = useTranslations("interactions");
  const form = useActionForm(action, (f) => ({ interactionId, assigneeId: text(f, "assigneeId") ?? "" }));
  return (
    <form noValidate onSubmit={form.onSubmit} className="space-y-3" aria-label={t("assignTitle")}>
      <FormStatus state={form.state} success={t("assigned")} />
      <SelectField
        name="assigneeId"
        label={t("assignee")}
        defaultValue={assigneeId ?? ""}
        placeholder={t("nobody")}
        options={operators.map((o) => ({ value: o.id, label: o.name }))}
        error={form.error("assigneeId")}
      />
      <Button type="submit" variant="secondary" disabled={form.pending}>
        {t("assign")}
      </Button>
    </form>
  );
}

export function ForwardForm({
  action,
  interactionId,
  category,
  functions,
  deadlines,
}: {
  action: Action;
  interactionId: string;
  category: string | null;
  functions: { id: string; name: string; parent: string | null }[];
  deadlines: Record<string, number>;
}) {
  const t = useTranslations("interactions");
  const form = useActionForm(action, (f) => ({
    interactionId,
    toUnitId: text(f, "toUnitId") ?? "",
    deadlineHours: text(f, "deadlineHours") ?? "",
    note: text(f, "note") ?? "",
  }));
  const hours = category ? deadlines[category] : undefined;
  return (
    <form noValidate onSubmit={form.onSubmit} className="space-y-3" aria-label={t("forwardTitle")}>
      <FormStatus state={form.state} success={t("forwarded")} />
      {!category && <p className="text-sm text-amber-900">{t("categoryFirstHint")}</p>}
      <SelectField
        name="toUnitId"
        label={t("function")}
        defaultValue=""
        placeholder={t("chooseFunction")}
        options={functions.map((f) => ({ value: f.id, label: f.parent ? `${f.name} (${f.parent})` : f.name }))}
        error={form.error("toUnitId")}
      />
      <TextField
        // Remounted when the category changes, so the default follows it.
        key={category ?? "none"}
        name="deadlineHours"
        type="number"
        inputMode="numeric"
        min={1}
        max={720}
        label={t("deadlineHours")}
        hint={hours ? t("deadlineHoursHint", { hours, category: t(`categories.${category}`) }) : undefined}
        defaultValue={hours ?? ""}
        error={form.error("deadlineHours")}
      />
      <TextAreaField name="note" label={t("note")} rows={3} maxLength={2000} error={form.error("note")} />
      <Button type="submit" disabled={form.pending} data-testid="forward-submit">
        {t("forward")}
      </Button>
    </form>
  );
}

/** One text and a button: the answer, the clarification question, Humas's reply to it. */
export function TextForm({
  action,
  idField,
  id,
  field,
  label,
  submit,
  success,
  testId,
  rows = 4,
}: {
  action: Action;
  idField: string;
  id: string;
  field: string;
  label: string;
  submit: string;
  success: string;
  testId: string;
  rows?: number;
}) {
  const [done, setDone] = useState(false);
  const form = useActionForm(
    action,
    (f) => ({ [idField]: id, [field]: text(f, field) ?? "" }),
    (_data, element) => {
      element.reset();
      setDone(true);
    },
  );
  return (
    <form noValidate onSubmit={form.onSubmit} className="space-y-3" aria-label={label}>
      <FormStatus state={form.state} success={done ? success : undefined} />
      <TextAreaField name={field} label={label} rows={rows} maxLength={5000} error={form.error(field)} />
      <Button type="submit" disabled={form.pending} data-testid={testId}>
        {submit}
      </Button>
    </form>
  );
}

export function DeadlineSettingsForm({
  action,
  rootUnitId,
  hours,
}: {
  action: Action;
  rootUnitId: string;
  hours: Record<string, number>;
}) {
  const t = useTranslations("interactions");
  const form = useActionForm(action, (f) => ({
    rootUnitId,
    hours: Object.fromEntries(interactionCategories.map((c) => [c, text(f, `hours.${c}`) ?? ""])),
  }));
  return (
    <form noValidate onSubmit={form.onSubmit} className="space-y-3">
      <FormStatus state={form.state} success={t("deadlinesSaved")} />
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        {interactionCategories.map((c) => (
          <TextField
            key={c}
            name={`hours.${c}`}
            type="number"
            inputMode="numeric"
            min={1}
            max={720}
            label={t("deadlineFor", { category: t(`categories.${c}`) })}
            defaultValue={hours[c]}
            error={form.error(`hours.${c}`)}
          />
        ))}
      </div>
      <Button type="submit" disabled={form.pending}>
        {t("saveDeadlines")}
      </Button>
    </form>
  );
}

export function PrintButton({ label }: { label: string }) {
  return (
    <Button type="button" variant="secondary" className="print:hidden" onClick={() => window.print()}>
      {label}
    </Button>
  );
}
