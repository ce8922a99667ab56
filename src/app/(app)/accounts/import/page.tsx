import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { ImportPage } from "@/components/imports/import-page";
import { actorCanAnywhere, requireActorPage } from "@/server/auth/guards";

export async function generateMetadata() {
  return { title: (await getTranslations("imports"))("accountsTitle") };
}

export default async function ImportAccountsPage() {
  const actor = await requireActorPage();
  // Without the right to import: 404, not 200 with a notice (decision 0009).
  if (!actorCanAnywhere(actor, "account.create")) notFound();
  return <ImportPage kind="accounts" />;
}
