import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DecisionPanel } from "@/components/approvals/decision-panel";
import { PostReview } from "@/components/approvals/post-review";
import { formatInZone } from "@/lib/time";
import { actorCanAnywhere, requireActorPage } from "@/server/auth/guards";
import { listApprovalQueue } from "@/server/posts/list-approval-queue";
import { loadPostReviews } from "@/server/posts/load-post-reviews";
import { approvePostAction, rejectPostAction } from "../posts/[id]/actions";
import { AutoRefresh } from "@/components/ui/auto-refresh";

export async function generateMetadata() {
  return { title: (await getTranslations("approvals"))("title") };
}

export default async function ApprovalsPage() {
  const actor = await requireActorPage();
  // Without the role: 404, not a redirect to the desk that hides the refusal (decision 0009).
  if (!actorCanAnywhere(actor, "post.approve")) notFound();
  const [t, tc, locale, queue] = await Promise.all([
    getTranslations("approvals"),
    getTranslations("composer"),
    getLocale(),
    listApprovalQueue(actor),
  ]);
  const reviews = await loadPostReviews(
    actor.id,
    queue.map((p) => p.id),
  );
  return (
    <div className="space-y-4">
      <AutoRefresh seconds={15} />
      <div>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="text-sm text-slate-600">{t("subtitle", { count: queue.length })}</p>
      </div>
      {queue.length === 0 && (
        <p className="rounded-xl border border-dashed border-slate-300 p-8 text-center text-slate-600">{t("empty")}</p>
      )}
      <ol className="space-y-4">
        {queue.map((p) => (
          <li key={p.id} className="rounded-xl border border-slate-200 bg-white p-4" data-testid="approval-item">
            <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600">
              <span>
                {p.unit.name} · {p.author.name} ·{" "}
                {t("submittedAt", { at: formatInZone(p.updatedAt, p.unit.timeZone, locale) })}
              </span>
              <span className="flex gap-2">
                {p.seenVersion === null && (
                  <span className="rounded-full bg-blue-100 px-2 py-0.5 text-xs font-semibold text-blue-800">
                    {t("new")}
                  </span>
                )}
                {p.changedSinceSeen && (
                  <span className="rounded-full bg-purple-100 px-2 py-0.5 text-xs font-semibold text-purple-800">
                    {t("changedSinceSeen", { from: p.seenVersion ?? 0, to: p.version })}
                  </span>
                )}
              </span>
            </div>
            {p.title && <p className="mt-2 font-semibold">{p.title}</p>}
            {p.commercialFlags.length > 0 && (
              <p className="mt-2 rounded bg-amber-50 p-2 text-sm text-amber-900" data-testid="approval-commercial">
                {tc("commercialWarning", { flags: p.commercialFlags.map((f) => tc(`commercial.${f}`)).join(", ") })}
              </p>
            )}
            {p.needsNewTime && <p className="mt-2 rounded bg-red-50 p-2 text-sm text-red-800">{t("needsNewTime")}</p>}
            {reviews.get(p.id) && (
              <div className="mt-3">
                <PostReview loaded={reviews.get(p.id)!} idPrefix={`review-${p.id}`} />
              </div>
            )}
            {p.decisions[0] && (
              <p className="mt-2 text-xs text-slate-600">
                {t("lastDecision", {
                  outcome: t(`outcome.${p.decisions[0].outcome}`),
                  name: p.decisions[0].decider.name,
                })}
              </p>
            )}
            <div className="mt-3 flex flex-wrap items-end justify-between gap-4">
              <DecisionPanel
                postId={p.id}
                version={p.version}
                accounts={p.targets.length}
                platforms={new Set(p.targets.map((x) => x.account.platform)).size}
                approve={approvePostAction}
                reject={rejectPostAction}
              />
              <Link href={`/posts/${p.id}`} className="text-sm text-brand-700 underline">
                {t("openPost")}
              </Link>
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
