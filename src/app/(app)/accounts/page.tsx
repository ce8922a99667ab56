import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AccountFilters } from "@/components/accounts/account-filters";
import { AccountsToReconnect } from "@/components/accounts/accounts-to-reconnect";
import { AccountTable } from "@/components/accounts/account-table";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { countAwaitingVerification } from "@/server/accounts/count-awaiting-verification";
import { listAccounts } from "@/server/accounts/list-accounts";
import { listAccountsToReconnect } from "@/server/accounts/token-health";
import { actorCan, actorCanAnywhere, requireActorPage } from "@/server/auth/guards";
import { listUnitOptions } from "@/server/units/list-unit-options";

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export async function generateMetadata() {
  return { title: (await getTranslations("accounts"))("title") };
}

export default async function AccountsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActorPage();
  // A person without the right at all (a RESPONDER): 404, like every page refused for lack of rights.
  if (!actorCanAnywhere(actor, "account.read")) notFound();
  const sp = await searchParams;
  const query = {
    unitId: one(sp.unit),
    platform: one(sp.platform),
    status: one(sp.status),
    verification: one(sp.verification),
    q: one(sp.q),
    page: one(sp.page),
  };
  const [t, tv, ti, result, units, awaiting, toReconnect] = await Promise.all([
    getTranslations("accounts"),
    getTranslations("verification"),
    getTranslations("imports"),
    listAccounts(actor, query),
    listUnitOptions(actor, "account.read"),
    countAwaitingVerification(actor),
    // Token health (decision 0008): who needs a person to connect again, for the unit filtered on.
    listAccountsToReconnect(actor, new Date(), 20, query.unitId || undefined),
  ]);
  const canCreate = actorCanAnywhere(actor, "account.create");
  return (
    <div>
      <PageHeader
        title={t("title")}
        subtitle={t("subtitle")}
        actions={
          <>
            {actorCanAnywhere(actor, "account.verify") && (
              <Link href="/accounts/verification" className={buttonClass("secondary")} data-testid="queue-link">
                {tv("queueLink", { count: awaiting })}
              </Link>
            )}
            {actorCanAnywhere(actor, "account.link") && (
              <Link
                href={query.unitId ? `/accounts/connect?unit=${query.unitId}` : "/accounts/connect"}
                className={buttonClass()}
                data-testid="connect-link"
              >
                {t("connectAccount")}
              </Link>
            )}
            {canCreate && (
              <Link href="/accounts/import" className={buttonClass("secondary")}>
                {ti("importLink")}
              </Link>
            )}
            {canCreate && (
              <Link
                href={query.unitId ? `/accounts/new?unit=${query.unitId}` : "/accounts/new"}
                className={buttonClass("secondary")}
              >
                {t("newAccount")}
              </Link>
            )}
          </>
        }
      />
      <AccountsToReconnect items={toReconnect} headingId="registry-reconnect" />
      <AccountFilters units={units} values={query} />
      <p className="mb-2 text-sm text-slate-600" data-testid="account-total">
        {t("total", { count: result.total })}
      </p>
      <AccountTable
        items={result.items}
        mayEnable={new Set(result.items.filter((a) => actorCan(actor, "account.disable", a.unit)).map((a) => a.id))}
      />
      <Pagination
        path="/accounts"
        params={{
          unit: query.unitId,
          platform: query.platform,
          status: query.status,
          verification: query.verification,
          q: query.q,
        }}
        page={result.page}
        pages={result.pages}
      />
    </div>
  );
}
