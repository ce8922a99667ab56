import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { z } from "zod";
import { Composer } from "@/components/composer/composer";
import { actorCan, requireActorPage } from "@/server/auth/guards";
import { getPost, loadEditableTargets } from "@/server/posts/get-post";
import { loadComposerData } from "@/server/posts/load-composer-data";
import { savePostAction, saveTargetGroupAction } from "../../../compose/actions";

export default async function EditPostPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const actor = await requireActorPage();
  const post = await getPost(actor, id).catch(() => null);
  if (!post || !actorCan(actor, "post.compose", post.unit)) notFound();
  const t = await getTranslations("composer");
  const data = await loadComposerData(actor);
  const initial = {
    postId: post.id,
    unitId: post.unit.id,
    baseText: post.baseText,
    title: post.title,
    media: post.media,
    targets: (await loadEditableTargets(post.id)).map((x) => ({
      accountId: x.accountId,
      textOverride: x.textOverride,
      scheduledAt: x.scheduledAt?.toISOString() ?? null,
    })),
  };
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("editTitle")}</h1>
      <Composer {...data} initial={initial} save={savePostAction} saveGroup={saveTargetGroupAction} />
    </div>
  );
}
