"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { createUnitAction, updateUnitAction } from "@/app/(app)/units/actions";
import { Button } from "@/components/ui/button";
import { SelectField, TextField, type Option } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { text, useActionForm } from "@/components/ui/use-action-form";
import { timeZones } from "@/schemas/shared";

type Defaults = {
  id?: string;
  name?: string;
  code?: string;
  kind?: string;
  timeZone?: string;
  parentId?: string | null;
};

export function UnitForm({
  parents,
  defaults,
  root = false,
}: {
  parents: Option[];
  defaults: Defaults;
  root?: boolean;
}) {
  const t = useTranslations("units");
  const tz = useTranslations("zones");
  const router = useRouter();
  const editing = Boolean(defaults.id);
  const { state, pending, onSubmit, error } = useActionForm(
    editing ? updateUnitAction : createUnitAction,
    (f) => ({
      ...(editing ? { id: defaults.id } : {}),
      name: text(f, "name"),
      code: text(f, "code"),
      kind: text(f, "kind"),
      timeZone: text(f, "timeZone"),
      parentId: root ? null : text(f, "parentId"),
    }),
    () => router.push("/units"),
  );
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" data-testid="unit-form">
      <FormStatus state={state} />
      <TextField name="name" label={t("name")} error={error("name")} defaultValue={defaults.name} />
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <TextField
          name="code"
          label={t("code")}
          hint={t("codeHint")}
          error={error("code")}
          defaultValue={defaults.code}
          autoComplete="off"
        />
        <TextField
          name="kind"
          label={t("kind")}
          hint={t("kindHint")}
          error={error("kind")}
          defaultValue={defaults.kind}
        />
      </div>
      {root ? (
        <p className="text-sm text-slate-600">
          {t("parent")}: {t("noParent")}
        </p>
      ) : (
        <SelectField
          name="parentId"
          label={t("parent")}
          hint={editing ? t("moveHint") : undefined}
          error={error("parentId")}
          options={parents}
          defaultValue={defaults.parentId ?? undefined}
        />
      )}
      <SelectField
        name="timeZone"
        label={t("timeZone")}
        error={error("timeZone")}
        defaultValue={defaults.timeZone}
        options={timeZones.map((z) => ({ value: z, label: `${tz(z)} (${z})` }))}
      />
      <Button type="submit" disabled={pending}>
        {pending ? t("saving") : editing ? t("save") : t("create")}
      </Button>
    </form>
  );
}
