"use client";

import { useTranslations } from "next-intl";
import { setAccountDisabledAction } from "@/app/(app)/accounts/actions";
import { Button } from "@/components/ui/button";
import { useActionForm } from "@/components/ui/use-action-form";

/** Disable or re-enable an account; a refusal is shown next to the button. */
export function StatusButton({
  accountId,
  disabled,
  size = "md",
}: {
  accountId: string;
  disabled: boolean;
  size?: "sm" | "md";
}) {
  const t = useTranslations("accounts");
  const { state, pending, onSubmit } = useActionForm(setAccountDisabledAction, () => ({
    id: accountId,
    disabled: !disabled,
  }));
  return (
    <form onSubmit={onSubmit} className="inline-flex items-center gap-2">
      <Button type="submit" size={size} variant={disabled ? "secondary" : "danger"} disabled={pending}>
        {disabled ? t("enable") : t("disable")}
      </Button>
      {state.status === "error" && (
        <span role="alert" className="text-xs text-red-700">
          {state.message}
        </span>
      )}
    </form>
  );
}
