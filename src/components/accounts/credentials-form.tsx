"use client";

import { useTranslations } from "next-intl";
import { connectCredentialsAction } from "@/app/(app)/accounts/actions";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { text, useActionForm } from "@/components/ui/use-action-form";

/** Pasted tokens go to the server once; the form is emptied afterwards and nothing is echoed back. */
export function CredentialsForm({
  accountId,
  zoneLabel,
  connected,
}: {
  accountId: string;
  zoneLabel: string;
  connected: boolean;
}) {
  const t = useTranslations("accounts");
  const { state, pending, onSubmit, error } = useActionForm(
    connectCredentialsAction,
    (f) => ({
      id: accountId,
      accessToken: text(f, "accessToken"),
      refreshToken: text(f, "refreshToken"),
      expiresAt: text(f, "expiresAt"),
    }),
    (_data, form) => form.reset(),
  );
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" data-testid="credentials-form">
      <FormStatus state={state} success={t("connectedSaved")} />
      <TextField
        name="accessToken"
        type="password"
        label={t("accessToken")}
        error={error("accessToken")}
        autoComplete="off"
        spellCheck={false}
      />
      <TextField
        name="refreshToken"
        type="password"
        label={t("refreshToken")}
        error={error("refreshToken")}
        autoComplete="off"
        spellCheck={false}
      />
      <TextField
        name="expiresAt"
        type="datetime-local"
        label={t("expiresAt", { zone: zoneLabel })}
        error={error("expiresAt")}
      />
      <Button type="submit" disabled={pending}>
        {pending ? t("saving") : connected ? t("replace") : t("connect")}
      </Button>
    </form>
  );
}
