import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { Composer } from "@/components/composer/composer";
import { actorCanAnywhere, requireActorPage } from "@/server/auth/guards";
import { loadComposerData } from "@/server/posts/load-composer-data";
import { savePostAction, saveTargetGroupAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("composer"))("title") };
}

export default async function ComposePage() {
  const actor = await requireActorPage();
  if (!actorCanAnywhere(actor, "post.compose")) redirect("/");
  const t = await getTranslations("composer");
  const data = await loadComposerData(actor);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <Composer {...data} initial={null} save={savePostAction} saveGroup={saveTargetGroupAction} />
    </div>
  );
}
