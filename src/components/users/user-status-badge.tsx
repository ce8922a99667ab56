import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";

export async function UserStatusBadge({ disabled, lockedUntil }: { disabled: boolean; lockedUntil: Date | null }) {
  const t = await getTranslations("users");
  if (disabled) return <Badge tone="slate">{t("disabled")}</Badge>;
  if (lockedUntil && lockedUntil > new Date()) return <Badge tone="amber">{t("locked")}</Badge>;
  return <Badge tone="green">{t("active")}</Badge>;
}
