import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { Composer } from "@/components/composer/composer";
import { actorCanAnywhere, requireActorPage } from "@/server/auth/guards";
import { loadComposerData } from "@/server/posts/load-composer-data";
import { savePostAction, saveTargetGroupAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("composer"))("title") };
}

export default async function ComposePage() {
  const actor = await requireActorPage();
  // Without the role: 404, not a redirect to the desk that hides the refusal (decision 0009).
  if (!actorCanAnywhere(actor, "post.compose")) notFound();
  const t = await getTranslations("composer");
  const data = await loadComposerData(actor);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <Composer {...data} initial={null} save={savePostAction} saveGroup={saveTargetGroupAction} />
    </div>
  );
}
