"use client";

import { useTranslations } from "next-intl";
import { SelectField, type Option } from "@/components/ui/field";
import { roles } from "@/schemas/users";

function useRoleOptions() {
  const t = useTranslations("roles");
  return roles.map((r) => ({ value: r, label: t(r) }));
}

/** A membership's two choices, the unit and the role in it (a new user's first membership, or one more). */
export function UnitRoleFields({
  units,
  error,
  className,
}: {
  units: Option[];
  error: (field: string) => string | undefined;
  className: string;
}) {
  const t = useTranslations("users");
  const roleOptions = useRoleOptions();
  return (
    <div className={className}>
      <SelectField
        name="unitId"
        label={t("unit")}
        options={units}
        error={error("unitId")}
        placeholder={t("chooseUnit")}
        defaultValue=""
        required
      />
      <SelectField
        name="role"
        label={t("role")}
        options={roleOptions}
        error={error("role")}
        placeholder={t("chooseRole")}
        defaultValue=""
        required
      />
    </div>
  );
}
