import "server-only";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { zonedFormatter } from "@/components/ui/zoned-time";
import type { CredentialSummary } from "@/server/accounts/account-view";

/** All that is ever shown of credentials: connected until when, expired, or not connected. */
export async function CredentialStatus({
  credentials,
  timeZone,
  renews,
}: {
  credentials: CredentialSummary;
  timeZone: string;
  /** Whether the access renews itself (token health); left out, not said. */
  renews?: boolean;
}) {
  const [t, format] = await Promise.all([getTranslations("accounts"), zonedFormatter()]);
  if (!credentials.connected) return <Badge tone="slate">{t("notConnected")}</Badge>;
  const badge = !credentials.expiresAt ? (
    <Badge tone="green">{t("connectedNoExpiry")}</Badge>
  ) : credentials.expired ? (
    <Badge tone="red">{t("expired", { date: format(credentials.expiresAt, timeZone) })}</Badge>
  ) : (
    <Badge tone="green">{t("connected", { date: format(credentials.expiresAt, timeZone) })}</Badge>
  );
  if (renews === undefined || !credentials.expiresAt) return badge;
  return (
    <span className="inline-flex flex-col gap-0.5">
      {badge}
      <span className="text-xs text-slate-700" data-testid="token-renewal">
        {renews ? t("renewsItself") : t("needsPersonToRenew")}
      </span>
    </span>
  );
}

export async function AccountStatusBadge({ status }: { status: "ACTIVE" | "NEEDS_RECONNECT" | "DISABLED" }) {
  const t = await getTranslations("accountStatus");
  const tone = status === "ACTIVE" ? "green" : status === "NEEDS_RECONNECT" ? "amber" : "slate";
  return <Badge tone={tone}>{t(status)}</Badge>;
}
