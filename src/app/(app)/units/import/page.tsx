import { getTranslations } from "next-intl/server";
import { ImportPage } from "@/components/imports/import-page";
import { actorCanAnywhere, requireActorPage } from "@/server/auth/guards";

export async function generateMetadata() {
  return { title: (await getTranslations("imports"))("unitsTitle") };
}

export default async function ImportUnitsPage() {
  const actor = await requireActorPage();
  return <ImportPage kind="units" allowed={actorCanAnywhere(actor, "unit.manage")} />;
}
