import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import Link from "next/link";
import { AdminsForm } from "@/components/accounts/admins-form";
import { AccountStatusBadge, CredentialStatus } from "@/components/accounts/credential-status";
import { CredentialsForm } from "@/components/accounts/credentials-form";
import { RejectAccountForm } from "@/components/accounts/reject-account-form";
import { StatusButton } from "@/components/accounts/status-button";
import { VerificationBadge } from "@/components/accounts/verification-badge";
import { VerifyAccountButton } from "@/components/accounts/verify-account-button";
import { DailyHistoryChart } from "@/components/engagement/daily-history-chart";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card, Notice, PageHeader } from "@/components/ui/page-header";
import { zonedFormatter } from "@/components/ui/zoned-time";
import { runAction } from "@/server/action-result";
import { getAccount } from "@/server/accounts/get-account";
import { actorCan, requireActorPage } from "@/server/auth/guards";
import { loadAccountDetail } from "@/server/leaderboard/load-account-detail";
import { parseBoardSearch } from "@/server/leaderboard/parse-board-search";

export default async function AccountPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActorPage();
  const { id } = await params;
  const [t, tp, tz, format] = await Promise.all([
    getTranslations("accounts"),
    getTranslations("platforms"),
    getTranslations("zones"),
    zonedFormatter(),
  ]);
  const result = await runAction(() => getAccount(actor, id));
  // Missing or outside the person's tree: 404, not 200 with a notice (decision 0009).
  if (!result.ok) notFound();
  const a = result.data;
  const disabled = a.status === "DISABLED";
  // The account's last 30 days from the daily roll-ups, the same numbers the index ranks.
  const activity = actorCan(actor, "leaderboard.read", { path: a.unit.path })
    ? await loadAccountDetail(actor, a.id, (await parseBoardSearch({ period: "30" })).query).catch(() => null)
    : null;
  const [tl, tv] = await Promise.all([getTranslations("leaderboard"), getTranslations("verification")]);
  const readOnly = !a.can.update && !a.can.connect && !a.can.assignAdmins && !a.can.disable;
  const rows: [string, React.ReactNode][] = [
    [t("platform"), tp(a.platform)],
    [t("handle"), `@${a.handle}`],
    [
      t("unit"),
      <Link key="u" href={`/accounts?unit=${a.unit.id}`} className="text-brand-700 hover:underline">
        {a.unit.name}
      </Link>,
    ],
    [t("platformAccountId"), <code key="p">{a.platformAccountId}</code>],
    [
      t("profileUrl"),
      a.profileUrl ? (
        <a key="l" href={a.profileUrl} className="text-brand-700 hover:underline" rel="noreferrer" target="_blank">
          {a.profileUrl}
        </a>
      ) : (
        "—"
      ),
    ],
    [t("colFollowers"), a.followerCount?.toLocaleString("id-ID") ?? t("followersUnknown")],
    [t("registeredAt"), format(a.createdAt, a.unit.timeZone)],
  ];
  return (
    <div className="space-y-6">
      <PageHeader
        title={
          <span className="flex items-center gap-3">
            {a.displayName} {a.verified && <Badge tone="blue">{t("verifiedBadge")}</Badge>}
          </span>
        }
        subtitle={`@${a.handle} · ${tp(a.platform)} · ${a.unit.name}`}
        actions={
          <>
            {a.can.update && (
              <Link href={`/accounts/${a.id}/edit`} className={buttonClass("secondary")}>
                {(await getTranslations("common"))("edit")}
              </Link>
            )}
            {a.can.disable && <StatusButton accountId={a.id} disabled={disabled} />}
          </>
        }
      />
      {disabled && <Notice tone="warn">{t("disabledNote")}</Notice>}
      {readOnly && <Notice>{t("readOnly")}</Notice>}
      {a.verification === "PENDING" && <Notice tone="warn">{tv("pendingNote")}</Notice>}
      {a.verification === "REJECTED" && <Notice tone="error">{tv("rejectedNote")}</Notice>}
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card title={t("details")}>
          <dl className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-2 text-sm">
            <dt className="text-slate-600">{t("colStatus")}</dt>
            <dd>
              <AccountStatusBadge status={a.status} />
            </dd>
            {rows.map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="text-slate-600">{label}</dt>
                <dd className="break-all">{value}</dd>
              </div>
            ))}
          </dl>
        </Card>
        <Card title={tv("panelTitle")}>
          <div className="space-y-2 text-sm" data-testid="verification-panel">
            <VerificationBadge state={a.verification} />
            {a.verificationAt && (
              <p className="text-slate-600">
                {a.verificationBy
                  ? tv("decidedBy", {
                      state: tv(a.verification),
                      name: a.verificationBy.name,
                      date: format(a.verificationAt, a.unit.timeZone),
                    })
                  : tv("decidedAuto")}
              </p>
            )}
            {a.verification === "REJECTED" && a.verificationNote && (
              <p className="text-red-800">{tv("rejectedReason", { reason: a.verificationNote })}</p>
            )}
            {a.can.verify && (
              <div className="flex flex-wrap items-start gap-4 pt-1">
                <VerifyAccountButton accountId={a.id} />
                <RejectAccountForm accountId={a.id} handle={a.handle} />
              </div>
            )}
          </div>
        </Card>
        <Card title={t("credentials")}>
          <div className="mb-3" data-testid="credential-status">
            <CredentialStatus credentials={a.credentials} timeZone={a.unit.timeZone} renews={a.renews} />
          </div>
          {a.can.connect && (
            <>
              <p className="mb-3 text-xs text-slate-600">{t("credentialsHint")}</p>
              <CredentialsForm
                accountId={a.id}
                zoneLabel={tz.has(a.unit.timeZone) ? tz(a.unit.timeZone) : a.unit.timeZone}
                connected={a.credentials.connected}
              />
            </>
          )}
          {!a.can.connect && a.can.link && (
            <p className="text-sm text-slate-700" data-testid="reconnect-hint">
              {t("reconnectViaPlatform")}{" "}
              <Link
                href={
                  a.platform === "LINE_OA"
                    ? `/accounts/connect/line?unit=${a.unit.id}`
                    : `/accounts/connect?unit=${a.unit.id}`
                }
                className="font-medium text-brand-700 underline"
              >
                {t("reconnectLink")}
              </Link>
            </p>
          )}
        </Card>
        <Card title={t("admins")} className="lg:col-span-2">
          {a.can.assignAdmins ? (
            <AdminsForm accountId={a.id} eligible={a.eligibleAdmins} assigned={a.admins.map((x) => x.id)} />
          ) : a.admins.length ? (
            <ul className="space-y-1 text-sm">
              {a.admins.map((x) => (
                <li key={x.id}>
                  {x.name} <span className="text-slate-600">· {x.email}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-600">{t("noAdmins")}</p>
          )}
        </Card>
        {activity && (
          <Card title={tl("dailyHistory")} className="lg:col-span-2">
            <DailyHistoryChart points={activity.daily} testId="account-daily-history" />
            <Link
              href={`/leaderboard/accounts/${a.id}`}
              className="mt-2 inline-block text-sm text-brand-700 hover:underline"
            >
              {tl("openInBoard")}
            </Link>
          </Card>
        )}
      </div>
    </div>
  );
}
