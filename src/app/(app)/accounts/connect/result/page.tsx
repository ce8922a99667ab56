import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CredentialStatus } from "@/components/accounts/credential-status";
import { buttonClass } from "@/components/ui/button";
import { Card, Notice, PageHeader } from "@/components/ui/page-header";
import { connectResultSchema } from "@/schemas/connect";
import { runAction } from "@/server/action-result";
import { getAccount } from "@/server/accounts/get-account";
import { actorCanAnywhere, requireActorPage } from "@/server/auth/guards";

export async function generateMetadata() {
  return { title: (await getTranslations("connect"))("resultTitle") };
}

/** Where "Sambungkan akun" ends: what was connected and to which unit, or why nothing was. */
export default async function ConnectResultPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActorPage();
  // Only those who connect accounts reach the end of connecting one (decision 0009).
  if (!actorCanAnywhere(actor, "account.link")) notFound();
  const [t, tp] = await Promise.all([getTranslations("connect"), getTranslations("platforms")]);
  const parsed = connectResultSchema.safeParse(await searchParams);
  const back = (
    <Link href="/accounts/connect" className={buttonClass("secondary")}>
      {t("again")}
    </Link>
  );
  if (parsed.success && parsed.data.outcome === "connected" && parsed.data.account.length > 0) {
    const found = await Promise.all(parsed.data.account.map((id) => runAction(() => getAccount(actor, id))));
    const accounts = found.flatMap((r) => (r.ok ? [r.data] : []));
    const partly = parsed.data.reason;
    if (accounts.length > 0) {
      return (
        <div>
          <PageHeader title={t("resultTitle")} />
          <Card className="max-w-3xl">
            <div role="status" data-testid="connect-result" data-outcome="connected">
              {accounts.map((a) => (
                <div key={a.id} className="mb-3" data-testid="connected-account">
                  <p className="text-lg font-semibold">
                    {t("connected", { handle: a.handle, platform: tp(a.platform), unit: a.unit.name })}
                  </p>
                  <p className="mt-1">
                    <CredentialStatus credentials={a.credentials} timeZone={a.unit.timeZone} />
                  </p>
                  {a.verification === "PENDING" && (
                    <p className="mt-1 text-sm text-slate-600">{t("awaitsVerification")}</p>
                  )}
                </div>
              ))}
              {partly && (
                <Notice tone="error">
                  {t("someRefused")} {t(`refused.${partly}`)}
                </Notice>
              )}
            </div>
            <div className="mt-4 flex flex-wrap gap-2">
              {accounts.length === 1 && (
                <Link href={`/accounts/${accounts[0]!.id}`} className={buttonClass()}>
                  {t("openAccount")}
                </Link>
              )}
              {back}
            </div>
          </Card>
        </div>
      );
    }
  }
  const reason = parsed.success && parsed.data.reason ? parsed.data.reason : "stateInvalid";
  return (
    <div>
      <PageHeader title={t("resultTitle")} />
      <Card className="max-w-3xl">
        <div data-testid="connect-result" data-outcome="refused" data-reason={reason}>
          <Notice tone="error">{t(`refused.${reason}`)}</Notice>
        </div>
        <div className="mt-4">{back}</div>
      </Card>
    </div>
  );
}
