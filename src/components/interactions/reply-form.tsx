"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { CheckboxField, TextAreaField } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { text, useActionForm } from "@/components/ui/use-action-form";
import type { ActionResult } from "@/lib/action-result";
import { interactionCategories } from "@/lib/interactions";
import { replyLength } from "@/lib/replies";
import type { Platform } from "@/generated/prisma/enums";

// The public reply (decision 0011, "Public replies"): starts from the function's answer, counts characters as
// the platform does, and is checked again on the server (the platform's limit, the item's state).

export function ReplyForm({
  action,
  interactionId,
  initial,
  platform,
  limit,
  needsApproval,
}: {
  action: (input: unknown) => Promise<ActionResult<unknown>>;
  interactionId: string;
  initial: string;
  platform: Platform;
  limit: number;
  needsApproval: boolean;
}) {
  const t = useTranslations("interactions");
  const [length, setLength] = useState(() => replyLength(platform, initial));
  const form = useActionForm(action, (f) => ({ interactionId, text: text(f, "text") ?? "" }));
  const over = length > limit;
  return (
    <form noValidate onSubmit={form.onSubmit} className="space-y-3" aria-label={t("replyTitle")}>
      <FormStatus state={form.state} success={needsApproval ? t("replyAwaitsApproval") : t("replyQueued")} />
      <TextAreaField
        name="text"
        label={t("replyText")}
        hint={needsApproval ? t("replyNeedsApprovalHint") : t("replyHint")}
        rows={6}
        defaultValue={initial}
        onChange={(e) => setLength(replyLength(platform, e.currentTarget.value))}
        error={form.error("text")}
      />
      <p className={`text-xs ${over ? "font-bold text-red-700" : "text-slate-600"}`} aria-live="polite">
        {t("replyCount", { length, limit })}
      </p>
      <Button type="submit" disabled={form.pending} data-testid="reply-submit">
        {needsApproval ? t("replySubmitForApproval") : t("replySend")}
      </Button>
    </form>
  );
}

/** Which categories' replies wait for a SUPERVISOR's approval in one organisation (a fieldset of checkboxes). */
export function ReplyApprovalForm({
  action,
  rootUnitId,
  categories,
}: {
  action: (input: unknown) => Promise<ActionResult<unknown>>;
  rootUnitId: string;
  categories: string[];
}) {
  const t = useTranslations("interactions");
  const form = useActionForm(action, (f) => ({
    rootUnitId,
    categories: interactionCategories.filter((c) => f.get(`approval.${c}`) === "on"),
  }));
  return (
    <form noValidate onSubmit={form.onSubmit} className="space-y-3">
      <FormStatus state={form.state} success={t("replyApprovalSaved")} />
      <fieldset>
        <legend className="text-sm font-semibold">{t("replyApprovalTitle")}</legend>
        <p className="mb-2 text-xs text-slate-600">{t("replyApprovalHint")}</p>
        <div className="grid grid-cols-1 gap-2 sm:grid-cols-2">
          {interactionCategories.map((c) => (
            <CheckboxField
              key={c}
              name={`approval.${c}`}
              label={t(`categories.${c}`)}
              defaultChecked={categories.includes(c)}
            />
          ))}
        </div>
      </fieldset>
      <Button type="submit" disabled={form.pending} data-testid="reply-approval-submit">
        {t("saveReplyApproval")}
      </Button>
    </form>
  );
}
