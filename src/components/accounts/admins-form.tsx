"use client";

import { useTranslations } from "next-intl";
import { assignAdminsAction } from "@/app/(app)/accounts/actions";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/ui/form-status";
import { useActionForm } from "@/components/ui/use-action-form";

type Person = { id: string; name: string; email: string };

export function AdminsForm({
  accountId,
  eligible,
  assigned,
}: {
  accountId: string;
  eligible: Person[];
  assigned: string[];
}) {
  const t = useTranslations("accounts");
  const { state, pending, onSubmit, error } = useActionForm(assignAdminsAction, (f) => ({
    id: accountId,
    userIds: f.getAll("userIds").map(String),
  }));
  if (!eligible.length) return <p className="text-sm text-slate-600">{t("noEligibleAdmins")}</p>;
  return (
    <form onSubmit={onSubmit} className="space-y-3" data-testid="admins-form">
      <FormStatus state={state} success={t("adminsSaved")} />
      <fieldset aria-describedby="admins-hint" aria-invalid={error("userIds") ? true : undefined}>
        <legend className="sr-only">{t("admins")}</legend>
        <p id="admins-hint" className="mb-2 text-xs text-slate-600">
          {t("adminsHint")}
        </p>
        <ul className="max-h-64 space-y-1 overflow-y-auto">
          {eligible.map((p) => (
            <li key={p.id}>
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  name="userIds"
                  value={p.id}
                  defaultChecked={assigned.includes(p.id)}
                  className="h-4 w-4 rounded border-slate-300"
                />
                <span>
                  {p.name} <span className="text-slate-600">· {p.email}</span>
                </span>
              </label>
            </li>
          ))}
        </ul>
        {error("userIds") && <p className="mt-1 text-xs font-medium text-red-700">{error("userIds")}</p>}
      </fieldset>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? t("saving") : t("saveAdmins")}
      </Button>
    </form>
  );
}
