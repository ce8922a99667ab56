import { getTranslations } from "next-intl/server";
import { ImportPage } from "@/components/imports/import-page";
import { actorCanAnywhere, requireActorPage } from "@/server/auth/guards";

export async function generateMetadata() {
  return { title: (await getTranslations("imports"))("accountsTitle") };
}

export default async function ImportAccountsPage() {
  const actor = await requireActorPage();
  return <ImportPage kind="accounts" allowed={actorCanAnywhere(actor, "account.create")} />;
}
