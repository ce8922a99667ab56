import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { AccountStatusBadge, CredentialStatus } from "@/components/accounts/credential-status";
import { StatusButton } from "@/components/accounts/status-button";
import { VerificationBadge } from "@/components/accounts/verification-badge";
import { Badge } from "@/components/ui/badge";
import type { AccountView } from "@/server/accounts/account-view";
import { actorCan, type Actor } from "@/server/auth/guards";

export async function AccountTable({ actor, items }: { actor: Actor; items: AccountView[] }) {
  const [t, tp] = await Promise.all([getTranslations("accounts"), getTranslations("platforms")]);
  if (!items.length)
    return (
      <p className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-slate-500">
        {t("empty")}
      </p>
    );
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="account-table">
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-3">
              {t("colAccount")}
            </th>
            <th scope="col" className="px-4 py-3">
              {t("colPlatform")}
            </th>
            <th scope="col" className="px-4 py-3">
              {t("colUnit")}
            </th>
            <th scope="col" className="px-4 py-3">
              {t("colStatus")}
            </th>
            <th scope="col" className="px-4 py-3">
              {t("colCredentials")}
            </th>
            <th scope="col" className="px-4 py-3 text-right">
              {t("colFollowers")}
            </th>
            <th scope="col" className="px-4 py-3">
              <span className="sr-only">{t("enable")}</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {items.map((a) => {
            const disabled = a.status === "DISABLED";
            return (
              <tr
                key={a.id}
                data-testid="account-row"
                data-handle={a.handle}
                className={disabled ? "bg-slate-50 text-slate-400" : ""}
              >
                <td className="px-4 py-3">
                  <Link
                    href={`/accounts/${a.id}`}
                    className={`font-medium hover:underline ${disabled ? "text-slate-500" : "text-brand-700"}`}
                  >
                    {a.displayName}
                  </Link>
                  <div className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
                    @{a.handle} {a.verified && <Badge tone="blue">{t("verifiedBadge")}</Badge>}
                    <VerificationBadge state={a.verification} />
                  </div>
                </td>
                <td className="px-4 py-3">{tp(a.platform)}</td>
                <td className="px-4 py-3">{a.unit.name}</td>
                <td className="px-4 py-3">
                  <AccountStatusBadge status={a.status} />
                </td>
                <td className="px-4 py-3">
                  <CredentialStatus credentials={a.credentials} timeZone={a.unit.timeZone} />
                </td>
                <td className="px-4 py-3 text-right tabular-nums">{a.followerCount?.toLocaleString("id-ID") ?? "—"}</td>
                <td className="px-4 py-3 text-right">
                  {disabled && actorCan(actor, "account.disable", a.unit) && (
                    <StatusButton accountId={a.id} disabled size="sm" />
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
