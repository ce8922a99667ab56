"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { connectLineAction } from "@/app/(app)/accounts/connect/actions";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { text, useActionForm } from "@/components/ui/use-action-form";

/**
 * A LINE channel: its access token pasted, or issued from the channel id and secret; the secret is kept
 * (sealed) to check the channel's webhook deliveries. What is typed goes to the server once, LINE checks the
 * token there, and nothing is echoed back.
 */
export function LineConnectForm({ unitId, mode }: { unitId: string; mode: "token" | "issue" }) {
  const t = useTranslations("connect");
  const router = useRouter();
  const { state, pending, onSubmit, error } = useActionForm(
    connectLineAction,
    (f) =>
      mode === "token"
        ? { mode, unitId, accessToken: text(f, "accessToken"), channelSecret: text(f, "webhookSecret") }
        : { mode, unitId, channelId: text(f, "channelId"), channelSecret: text(f, "channelSecret") },
    (data, form) => {
      form.reset();
      router.push(`/accounts/connect/result?outcome=connected&account=${data.id}&platform=LINE_OA`);
    },
  );
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" data-testid={`line-${mode}-form`}>
      <FormStatus state={state} />
      {mode === "token" ? (
        <>
          <TextField
            name="accessToken"
            type="password"
            label={t("lineToken")}
            hint={t("lineTokenHint")}
            error={error("accessToken")}
            autoComplete="off"
            spellCheck={false}
          />
          {/* Its own name: both forms are on one page, and a field's id follows its name. */}
          <TextField
            name="webhookSecret"
            type="password"
            label={t("lineWebhookSecret")}
            hint={t("lineWebhookSecretHint")}
            error={error("channelSecret")}
            autoComplete="off"
            spellCheck={false}
          />
        </>
      ) : (
        <>
          <TextField
            name="channelId"
            label={t("lineChannelId")}
            inputMode="numeric"
            error={error("channelId")}
            autoComplete="off"
          />
          <TextField
            name="channelSecret"
            type="password"
            label={t("lineChannelSecret")}
            hint={t("lineChannelSecretHint")}
            error={error("channelSecret")}
            autoComplete="off"
            spellCheck={false}
          />
        </>
      )}
      <Button type="submit" disabled={pending}>
        {pending ? t("saving") : mode === "token" ? t("lineVerifyToken") : t("lineIssue")}
      </Button>
    </form>
  );
}
