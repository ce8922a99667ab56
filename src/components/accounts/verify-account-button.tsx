"use client";

import { useTranslations } from "next-intl";
import { verifyAccountsAction } from "@/app/(app)/accounts/verification/actions";
import { ActionButton } from "@/components/ui/action-button";

export function VerifyAccountButton({ accountId }: { accountId: string }) {
  const t = useTranslations("verification");
  return (
    <ActionButton
      action={verifyAccountsAction}
      input={{ ids: [accountId] }}
      label={t("verify")}
      variant="primary"
      testId="verify-account"
    />
  );
}
