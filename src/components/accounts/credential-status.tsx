import "server-only";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { zonedFormatter } from "@/components/ui/zoned-time";
import type { CredentialSummary } from "@/server/accounts/account-view";

/** All that is ever shown of credentials: connected until when, expired, or not connected. */
export async function CredentialStatus({
  credentials,
  timeZone,
}: {
  credentials: CredentialSummary;
  timeZone: string;
}) {
  const [t, format] = await Promise.all([getTranslations("accounts"), zonedFormatter()]);
  if (!credentials.connected) return <Badge tone="slate">{t("notConnected")}</Badge>;
  if (!credentials.expiresAt) return <Badge tone="green">{t("connectedNoExpiry")}</Badge>;
  const date = format(credentials.expiresAt, timeZone);
  return credentials.expired ? (
    <Badge tone="red">{t("expired", { date })}</Badge>
  ) : (
    <Badge tone="green">{t("connected", { date })}</Badge>
  );
}

export async function AccountStatusBadge({ status }: { status: "ACTIVE" | "NEEDS_RECONNECT" | "DISABLED" }) {
  const t = await getTranslations("accountStatus");
  const tone = status === "ACTIVE" ? "green" : status === "NEEDS_RECONNECT" ? "amber" : "slate";
  return <Badge tone={tone}>{t(status)}</Badge>;
}
