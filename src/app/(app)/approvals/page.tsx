import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DecisionPanel } from "@/components/approvals/decision-panel";
import { diffWords } from "@/lib/diff-words";
import { formatInZone } from "@/lib/time";
import { actorCanAnywhere, requireActorPage } from "@/server/auth/guards";
import { listApprovalQueue } from "@/server/posts/list-approval-queue";
import { approvePostAction, rejectPostAction } from "../posts/[id]/actions";
import { AutoRefresh } from "@/components/ui/auto-refresh";

export async function generateMetadata() {
  return { title: (await getTranslations("approvals"))("title") };
}

export default async function ApprovalsPage() {
  const actor = await requireActorPage();
  // Without the role: 404, not a redirect to the desk that hides the refusal (decision 0009).
  if (!actorCanAnywhere(actor, "post.approve")) notFound();
  const [t, tp, tc, locale, queue] = await Promise.all([
    getTranslations("approvals"),
    getTranslations("platforms"),
    getTranslations("composer"),
    getLocale(),
    listApprovalQueue(actor),
  ]);
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
            <p className="mt-2 whitespace-pre-wrap" data-testid="approval-text">
              {p.previousText
                ? diffWords(p.previousText, p.baseText).map((part, i) => (
                    <span
                      key={i}
                      className={
                        part.kind === "added"
                          ? "bg-emerald-100 text-emerald-900"
                          : part.kind === "removed"
                            ? "bg-red-100 text-red-900 line-through"
                            : ""
                      }
                    >
                      {part.text}
                    </span>
                  ))
                : p.baseText}
            </p>
            {p.commercialFlags.length > 0 && (
              <p className="mt-2 rounded bg-amber-50 p-2 text-sm text-amber-900" data-testid="approval-commercial">
                {tc("commercialWarning", { flags: p.commercialFlags.map((f) => tc(`commercial.${f}`)).join(", ") })}
              </p>
            )}
            {p.needsNewTime && <p className="mt-2 rounded bg-red-50 p-2 text-sm text-red-800">{t("needsNewTime")}</p>}
            {(() => {
              const byPlatform = new Map<string, number>();
              for (const x of p.targets)
                byPlatform.set(x.account.platform, (byPlatform.get(x.account.platform) ?? 0) + 1);
              const times = [
                ...new Set(
                  p.targets.map((x) =>
                    x.scheduledAt ? formatInZone(x.scheduledAt, x.account.unit.timeZone, locale) : t("asap"),
                  ),
                ),
              ];
              return (
                <div className="mt-3 space-y-1 text-xs">
                  <p className="flex flex-wrap gap-1">
                    {[...byPlatform].map(([platform, n]) => (
                      <span key={platform} className="rounded-full bg-slate-100 px-2 py-0.5 font-semibold">
                        {tp(platform)} · {t("accountCount", { count: n })}
                      </span>
                    ))}
                    <span className="rounded-full bg-blue-50 px-2 py-0.5 text-blue-900">
                      {times.slice(0, 3).join(" · ")}
                      {times.length > 3 ? " …" : ""}
                    </span>
                  </p>
                  <details>
                    <summary className="cursor-pointer text-slate-600">
                      {t("showAccounts", { count: p.targets.length })}
                    </summary>
                    <ul className="mt-1 flex flex-wrap gap-1">
                      {p.targets.map((x) => (
                        <li key={x.id} className="rounded-full bg-slate-100 px-2 py-0.5">
                          {tp(x.account.platform)} @{x.account.handle} ·{" "}
                          {x.scheduledAt ? formatInZone(x.scheduledAt, x.account.unit.timeZone, locale) : t("asap")}
                        </li>
                      ))}
                    </ul>
                  </details>
                </div>
              );
            })()}
            {p.decisions[0] && (
              <p className="mt-2 text-xs text-slate-600">
                {t("lastDecision", {
                  outcome: t(`outcome.${p.decisions[0].outcome}`),
                  name: p.decisions[0].decider.name,
                })}
              </p>
            )}
            <div className="mt-3 flex flex-wrap items-end justify-between gap-4">
              <DecisionPanel postId={p.id} version={p.version} approve={approvePostAction} reject={rejectPostAction} />
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
