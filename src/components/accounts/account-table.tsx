import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { AccountStatusBadge, CredentialStatus } from "@/components/accounts/credential-status";
import { StatusButton } from "@/components/accounts/status-button";
import { VerificationBadge } from "@/components/accounts/verification-badge";
import { Badge } from "@/components/ui/badge";
import { DataTable, type Column } from "@/components/ui/data-table";
import type { AccountView } from "@/server/accounts/account-view";

/** `mayEnable` holds the disabled accounts this person may switch back on (decided by the page). */
type Row = AccountView & { renews?: boolean };

export async function AccountTable({ items, mayEnable }: { items: Row[]; mayEnable: ReadonlySet<string> }) {
  const [t, tp] = await Promise.all([getTranslations("accounts"), getTranslations("platforms")]);
  const columns: Column<Row>[] = [
    {
      key: "account",
      header: t("colAccount"),
      className: "min-w-48",
      cell: (a) => (
        <>
          <Link
            href={`/accounts/${a.id}`}
            className={`font-medium hover:underline ${a.status === "DISABLED" ? "text-slate-600" : "text-brand-700"}`}
          >
            {a.displayName}
          </Link>
          <div className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
            @{a.handle} {a.verified && <Badge tone="blue">{t("verifiedBadge")}</Badge>}
            <VerificationBadge state={a.verification} />
          </div>
        </>
      ),
    },
    { key: "platform", header: t("colPlatform"), cell: (a) => tp(a.platform) },
    { key: "unit", header: t("colUnit"), cell: (a) => a.unit.name },
    { key: "status", header: t("colStatus"), cell: (a) => <AccountStatusBadge status={a.status} /> },
    {
      key: "credentials",
      header: t("colCredentials"),
      cell: (a) => <CredentialStatus credentials={a.credentials} timeZone={a.unit.timeZone} renews={a.renews} />,
    },
    {
      key: "followers",
      header: t("colFollowers"),
      align: "right",
      className: "tabular-nums",
      cell: (a) => a.followerCount?.toLocaleString("id-ID") ?? "—",
    },
    {
      key: "enable",
      header: t("enable"),
      hiddenHeader: true,
      align: "right",
      cell: (a) =>
        a.status === "DISABLED" && mayEnable.has(a.id) ? <StatusButton accountId={a.id} disabled size="sm" /> : null,
    },
  ];
  return (
    <DataTable
      label={t("tableLabel")}
      rows={items}
      columns={columns}
      rowKey={(a) => a.id}
      rowProps={(a) => ({
        "data-testid": "account-row",
        "data-handle": a.handle,
        className: a.status === "DISABLED" ? "bg-slate-50 text-slate-600" : "",
      })}
      empty={t("empty")}
      testId="account-table"
    />
  );
}
