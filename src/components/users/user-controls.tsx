"use client";

import { useTranslations } from "next-intl";
import { resetPasswordAction, setUserDisabledAction } from "@/app/(app)/users/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, useConfirmedSubmit } from "@/components/ui/confirm-dialog";
import { TextField } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { text, useActionForm } from "@/components/ui/use-action-form";

export function UserStatusButton({
  userId,
  disabled,
  name,
  memberships,
}: {
  userId: string;
  disabled: boolean;
  name: string;
  memberships: number;
}) {
  const t = useTranslations("users");
  const { state, pending, onSubmit } = useActionForm(setUserDisabledAction, () => ({
    id: userId,
    disabled: !disabled,
  }));
  // Disabling asks first; enabling again is harmless and does not.
  const confirmed = useConfirmedSubmit(onSubmit);
  return (
    <form onSubmit={disabled ? onSubmit : confirmed.onSubmit} className="flex items-center gap-2">
      <ConfirmDialog
        {...confirmed.dialog}
        title={t("disableTitle", { name })}
        message={t("disableMessage", { name, count: memberships })}
        confirmLabel={t("confirmDisable")}
      />
      {state.status === "error" && (
        <span role="alert" className="text-xs text-red-700">
          {state.message}
        </span>
      )}
      <Button type="submit" variant={disabled ? "secondary" : "danger"} disabled={pending}>
        {disabled ? t("enable") : t("disable")}
      </Button>
    </form>
  );
}

export function ResetPasswordForm({ userId }: { userId: string }) {
  const t = useTranslations("users");
  const { state, pending, onSubmit, error } = useActionForm(
    resetPasswordAction,
    (f) => ({ id: userId, password: text(f, "password") }),
    (_d, form) => form.reset(),
  );
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" data-testid="reset-password-form">
      <FormStatus state={state} success={t("passwordReset")} />
      <TextField
        name="password"
        type="password"
        label={t("newPassword")}
        hint={t("passwordHint")}
        error={error("password")}
        autoComplete="new-password"
      />
      <Button type="submit" variant="secondary" disabled={pending}>
        {t("resetPassword")}
      </Button>
    </form>
  );
}
