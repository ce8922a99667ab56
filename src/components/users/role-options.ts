"use client";

import { useTranslations } from "next-intl";
import { roles } from "@/schemas/users";

export function useRoleOptions() {
  const t = useTranslations("roles");
  return roles.map((r) => ({ value: r, label: t(r) }));
}
