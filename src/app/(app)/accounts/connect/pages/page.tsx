import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PickPagesForm } from "@/components/accounts/pick-pages-form";
import { buttonClass } from "@/components/ui/button";
import { Card, Notice, PageHeader } from "@/components/ui/page-header";
import { listPendingPages } from "@/server/accounts/connect/pick-pages";
import { actorCanAnywhere, requireActorPage } from "@/server/auth/guards";

export async function generateMetadata() {
  return { title: (await getTranslations("connect"))("pagesTitle") };
}

/** Facebook's return: the Pages the person manages, to pick which are registered under the unit. */
export default async function PickPagesPage({ searchParams }: { searchParams: Promise<{ connection?: unknown }> }) {
  const actor = await requireActorPage();
  // Without the right to connect accounts: 404, as every page refused for lack of rights (decision 0009).
  if (!actorCanAnywhere(actor, "account.link")) notFound();
  const [t, { connection }] = await Promise.all([getTranslations("connect"), searchParams]);
  const pending = await listPendingPages(actor, connection);
  return (
    <div>
      <PageHeader title={t("pagesTitle")} />
      <Card className="max-w-3xl">
        {pending ? (
          <>
            <p className="mb-4">{t("pagesIntro", { unit: pending.unit.name })}</p>
            <PickPagesForm connectionId={String(connection)} pages={pending.pages} />
          </>
        ) : (
          <div data-testid="connect-result" data-outcome="refused" data-reason="stateUsed">
            <Notice tone="error">{t("pagesGone")}</Notice>
            <div className="mt-4">
              <Link href="/accounts/connect" className={buttonClass("secondary")}>
                {t("again")}
              </Link>
            </div>
          </div>
        )}
      </Card>
    </div>
  );
}
