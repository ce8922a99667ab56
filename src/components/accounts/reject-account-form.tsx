"use client";

import { useTranslations } from "next-intl";
import { rejectAccountAction } from "@/app/(app)/accounts/verification/actions";
import { Button } from "@/components/ui/button";
import { TextAreaField } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { text, useActionForm } from "@/components/ui/use-action-form";

/** Reject an awaiting account: folded away until asked for, and never without a reason. */
export function RejectAccountForm({ accountId, handle }: { accountId: string; handle: string }) {
  const t = useTranslations("verification");
  // One form per account on the queue page: the field's name (and so its id) is the account's.
  const field = `reason-${accountId}`;
  const { state, pending, onSubmit, error } = useActionForm(rejectAccountAction, (f) => ({
    id: accountId,
    reason: text(f, field),
  }));
  return (
    <details className="group">
      <summary className="cursor-pointer text-sm font-semibold text-red-700 hover:underline">{t("reject")}</summary>
      <form onSubmit={onSubmit} className="mt-2 space-y-2" aria-label={t("rejectTitle", { handle })}>
        <TextAreaField
          name={field}
          label={t("reason")}
          hint={t("reasonHint")}
          error={error("reason")}
          rows={2}
          maxLength={500}
          required
        />
        <Button type="submit" variant="danger" size="sm" disabled={pending}>
          {t("rejectConfirm")}
        </Button>
        <FormStatus state={state} success={t("rejectedDone")} />
      </form>
    </details>
  );
}
