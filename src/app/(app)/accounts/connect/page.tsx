import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { buttonClass } from "@/components/ui/button";
import { indent } from "@/components/ui/field";
import { Card, Notice, PageHeader } from "@/components/ui/page-header";
import { connectSlugs, missingSettings, type ConnectSlug } from "@/server/accounts/connect/connectors";
import { actorCanAnywhere, requireActorPage } from "@/server/auth/guards";
import { listUnitOptions } from "@/server/units/list-unit-options";

export async function generateMetadata() {
  return { title: (await getTranslations("connect"))("title") };
}

/** "Sambungkan akun": pick the unit, then the platform; the platform's own page asks which account. */
export default async function ConnectPage({ searchParams }: { searchParams: Promise<{ unit?: string }> }) {
  const actor = await requireActorPage();
  const [t, tp, units, { unit }] = await Promise.all([
    getTranslations("connect"),
    getTranslations("platforms"),
    listUnitOptions(actor, "account.link"),
    searchParams,
  ]);
  // No unit to connect an account to means no right to: 404, not 200 with a notice (decision 0009).
  if (units.length === 0) notFound();
  const chosen = units.find((u) => u.id === unit) ?? units[0]!;
  const slugs = Object.keys(connectSlugs) as ConnectSlug[];
  return (
    <div>
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <Card className="max-w-3xl">
        <form method="get" className="mb-4 flex flex-wrap items-end gap-2">
          <label className="flex w-full min-w-0 flex-col text-sm sm:w-auto">
            <span className="mb-1 font-medium">{t("unit")}</span>
            <select
              name="unit"
              defaultValue={chosen.id}
              className="w-full max-w-full rounded border border-slate-300 px-2 py-1.5"
            >
              {units.map((u) => (
                <option key={u.id} value={u.id}>
                  {indent(u.level, `${u.name} (${u.code})`)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className={buttonClass("secondary", "sm")}>
            {t("chooseUnit")}
          </button>
        </form>
        <Notice>{t("officialOnly", { unit: chosen.name })}</Notice>
        <ul className="mt-4 space-y-3" aria-label={t("platforms")}>
          {slugs.map((slug) => {
            const missing = missingSettings(slug);
            const platform = tp(connectSlugs[slug]);
            return (
              <li key={slug} className="flex flex-wrap items-center gap-3" data-testid={`connect-${slug}`}>
                {missing.length === 0 ? (
                  // A plain link: the start route answers with a redirect to the platform.
                  <a href={`/api/oauth/${slug}/start?unit=${chosen.id}`} className={buttonClass()}>
                    {t("connectWith", { platform })}
                  </a>
                ) : (
                  <>
                    <span className={`${buttonClass("secondary")} cursor-not-allowed`} aria-disabled="true">
                      {t("connectWith", { platform })}
                    </span>
                    <span className="text-sm text-slate-600">
                      {t("missingSettings", { names: missing.join(", ") })}
                    </span>
                  </>
                )}
              </li>
            );
          })}
          <li className="flex flex-wrap items-center gap-3" data-testid="connect-line">
            {/* LINE has no consent page for bots: its channel token is checked on Siar's own page. */}
            <Link href={`/accounts/connect/line?unit=${chosen.id}`} className={buttonClass()}>
              {t("connectWith", { platform: tp("LINE_OA") })}
            </Link>
          </li>
        </ul>
        {/* Pasting tokens is SUPERADMIN's documented fallback only; LINE has its own page above. */}
        {actorCanAnywhere(actor, "account.connect") && (
          <p className="mt-4 text-sm text-slate-600">
            {t("pasteFallback")}{" "}
            <Link href={`/accounts/new?unit=${chosen.id}`} className="text-brand-700 underline">
              {t("pasteLink")}
            </Link>
          </p>
        )}
      </Card>
    </div>
  );
}
