import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { UnitTree } from "@/components/units/unit-tree";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { notFound } from "next/navigation";
import { actorCanAnywhere, requireActorPage } from "@/server/auth/guards";
import { listUnitTree } from "@/server/units/list-unit-tree";

export async function generateMetadata() {
  return { title: (await getTranslations("units"))("title") };
}

export default async function UnitsPage() {
  const actor = await requireActorPage();
  // A person without the right at all (a RESPONDER): 404, like every page refused for lack of rights.
  if (!actorCanAnywhere(actor, "unit.read")) notFound();
  const [t, ti, roots] = await Promise.all([getTranslations("units"), getTranslations("imports"), listUnitTree(actor)]);
  return (
    <div>
      <PageHeader
        title={t("title")}
        subtitle={t("subtitle")}
        actions={
          actorCanAnywhere(actor, "unit.manage") && (
            <>
              <Link href="/units/import" className={buttonClass("secondary")}>
                {ti("importLink")}
              </Link>
              <Link href="/units/new" className={buttonClass()}>
                {t("newUnit")}
              </Link>
            </>
          )
        }
      />
      {roots.length ? <UnitTree roots={roots} /> : <p className="text-slate-600">{t("empty")}</p>}
    </div>
  );
}
