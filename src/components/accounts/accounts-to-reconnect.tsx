import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { formatInZone } from "@/lib/time";
import type { AccountToReconnect } from "@/server/accounts/token-health";

/**
 * The accounts that need a person to connect them again (decision 0008 "Token health"): refused by their
 * platform, or ending within 7 days without a way to renew themselves. Shown on the home page and in the
 * registry; nothing when there are none.
 */
export async function AccountsToReconnect({
  items,
  headingId,
}: {
  items: readonly AccountToReconnect[];
  headingId: string;
}) {
  if (items.length === 0) return null;
  const [t, tp, locale] = await Promise.all([getTranslations("home"), getTranslations("platforms"), getLocale()]);
  return (
    <section className="mb-4 rounded-xl border border-amber-300 bg-amber-50 p-5" aria-labelledby={headingId}>
      <h2 id={headingId} className="mb-1 font-semibold">
        {t("reconnectTitle")}
      </h2>
      <p className="mb-3 text-sm text-slate-700">{t("reconnectHint")}</p>
      <ul className="space-y-2 text-sm" data-testid="accounts-to-reconnect">
        {items.map((a) => (
          <li key={a.id} data-reason={a.reason}>
            <Link href={`/accounts/${a.id}`} className="font-medium text-brand-700 hover:underline">
              {tp(a.platform)} @{a.handle}
            </Link>{" "}
            <span className="text-slate-700">
              · {a.unit.name} ·{" "}
              {a.reason === "refused"
                ? t("reconnectRefused")
                : t(a.reason === "expired" ? "reconnectExpired" : "reconnectExpires", {
                    date: a.tokenExpiresAt ? formatInZone(a.tokenExpiresAt, a.unit.timeZone, locale) : "",
                  })}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
