"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { createAccountAction, updateAccountAction } from "@/app/(app)/accounts/actions";
import { Button } from "@/components/ui/button";
import { CheckboxField, SelectField, TextField, type Option } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { checked, text, useActionForm } from "@/components/ui/use-action-form";
import { platforms } from "@/lib/platforms";

type Defaults = {
  id: string;
  unitId: string;
  handle: string;
  displayName: string;
  platformAccountId: string;
  profileUrl: string | null;
  verified: boolean;
};

/** Registers an account (mode "create") or edits one; the server decides what is allowed. */
export function AccountForm({
  units,
  defaults,
  defaultUnitId,
}: {
  units: Option[];
  defaults?: Defaults;
  defaultUnitId?: string;
}) {
  const t = useTranslations("accounts");
  const tp = useTranslations("platforms");
  const router = useRouter();
  const editing = Boolean(defaults);
  const { state, pending, onSubmit, error } = useActionForm(
    editing ? updateAccountAction : createAccountAction,
    (f) => ({
      ...(editing
        ? { id: defaults!.id }
        : { platform: text(f, "platform"), officialConfirmed: checked(f, "officialConfirmed") }),
      unitId: text(f, "unitId"),
      handle: text(f, "handle"),
      displayName: text(f, "displayName"),
      platformAccountId: text(f, "platformAccountId"),
      profileUrl: text(f, "profileUrl"),
      verified: checked(f, "verified"),
    }),
    (data) => router.push(`/accounts/${data.id}`),
  );

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-2xl space-y-4" data-testid="account-form">
      <FormStatus state={state} />
      <SelectField
        name="unitId"
        label={t("unit")}
        options={units}
        error={error("unitId")}
        defaultValue={defaults?.unitId ?? defaultUnitId ?? units[0]?.value}
      />
      {!editing && (
        <SelectField
          name="platform"
          label={t("platform")}
          error={error("platform")}
          placeholder="—"
          options={platforms.map((p) => ({ value: p, label: tp(p) }))}
        />
      )}
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <TextField
          name="handle"
          label={t("handle")}
          hint={t("handleHint")}
          error={error("handle")}
          defaultValue={defaults?.handle}
          autoComplete="off"
        />
        <TextField
          name="displayName"
          label={t("displayName")}
          error={error("displayName")}
          defaultValue={defaults?.displayName}
        />
      </div>
      <TextField
        name="platformAccountId"
        label={t("platformAccountId")}
        hint={t("platformAccountIdHint")}
        error={error("platformAccountId")}
        defaultValue={defaults?.platformAccountId}
        autoComplete="off"
      />
      <TextField
        name="profileUrl"
        type="url"
        label={t("profileUrl")}
        hint={t("profileUrlHint")}
        error={error("profileUrl")}
        defaultValue={defaults?.profileUrl ?? ""}
        placeholder="https://"
      />
      <CheckboxField
        name="verified"
        label={t("verified")}
        error={error("verified")}
        defaultChecked={defaults?.verified}
      />
      {!editing && (
        <CheckboxField name="officialConfirmed" label={t("officialConfirm")} error={error("officialConfirmed")} />
      )}
      <Button type="submit" disabled={pending}>
        {pending ? t("saving") : editing ? t("save") : t("create")}
      </Button>
    </form>
  );
}
