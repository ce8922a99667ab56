"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { createUserAction } from "@/app/(app)/users/actions";
import { Button } from "@/components/ui/button";
import { TextField, type Option } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { text, useActionForm } from "@/components/ui/use-action-form";
import { UnitRoleFields } from "@/components/users/role-options";

export function UserForm({ units }: { units: Option[] }) {
  const t = useTranslations("users");
  const router = useRouter();
  const { state, pending, onSubmit, error } = useActionForm(
    createUserAction,
    (f) => ({
      name: text(f, "name"),
      email: text(f, "email"),
      password: text(f, "password"),
      unitId: text(f, "unitId"),
      role: text(f, "role"),
    }),
    (data) => router.push(`/users/${data.id}`),
  );
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" data-testid="user-form">
      <FormStatus state={state} />
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <TextField name="name" label={t("name")} error={error("name")} />
        <TextField name="email" type="email" label={t("email")} error={error("email")} autoComplete="off" />
      </div>
      <TextField
        name="password"
        type="password"
        label={t("password")}
        hint={t("passwordHint")}
        error={error("password")}
        autoComplete="new-password"
      />
      <UnitRoleFields units={units} error={error} className="grid grid-cols-1 gap-4 sm:grid-cols-[2fr_1fr]" />
      <Button type="submit" disabled={pending}>
        {pending ? t("saving") : t("create")}
      </Button>
    </form>
  );
}
