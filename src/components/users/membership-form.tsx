"use client";

import { useTranslations } from "next-intl";
import { addMembershipAction, removeMembershipAction } from "@/app/(app)/users/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, useConfirmedSubmit } from "@/components/ui/confirm-dialog";
import type { Option } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { text, useActionForm } from "@/components/ui/use-action-form";
import { UnitRoleFields } from "@/components/users/role-options";

export function MembershipForm({ userId, units }: { userId: string; units: Option[] }) {
  const t = useTranslations("users");
  const { state, pending, onSubmit, error } = useActionForm(addMembershipAction, (f) => ({
    userId,
    unitId: text(f, "unitId"),
    role: text(f, "role"),
  }));
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="space-y-3 border-t border-slate-100 pt-4"
      data-testid="membership-form"
    >
      <FormStatus state={state} success={t("membershipAdded")} />
      <UnitRoleFields units={units} error={error} className="grid grid-cols-1 gap-3 sm:grid-cols-[2fr_1fr]" />
      <Button type="submit" variant="secondary" disabled={pending}>
        {t("addMembership")}
      </Button>
    </form>
  );
}

export function RemoveMembershipButton({
  membershipId,
  name,
  membership,
}: {
  membershipId: string;
  /** The person's name and the membership as read ("Admin · Polresta Balikpapan"), for the question. */
  name: string;
  membership: string;
}) {
  const t = useTranslations("users");
  const { state, pending, onSubmit } = useActionForm(removeMembershipAction, () => ({ id: membershipId }));
  const confirmed = useConfirmedSubmit(onSubmit);
  return (
    <form onSubmit={confirmed.onSubmit} className="flex items-center gap-2">
      <ConfirmDialog
        {...confirmed.dialog}
        title={t("removeTitle")}
        message={t("removeMessage", { name, membership })}
        confirmLabel={t("confirmRemove")}
      />
      {state.status === "error" && (
        <span role="alert" className="text-xs text-red-700">
          {state.message}
        </span>
      )}
      <Button type="submit" size="sm" variant="danger" disabled={pending}>
        {t("remove")}
      </Button>
    </form>
  );
}
