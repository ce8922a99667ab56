import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { TargetStatus } from "@/generated/prisma/enums";
import { DecisionPanel } from "@/components/approvals/decision-panel";
import { PostReview } from "@/components/approvals/post-review";
import { MetricHistoryChart } from "@/components/engagement/metric-history-chart";
import { BEING_SCHEDULED, StatusBadge } from "@/components/posts/status-badge";
import { ActionButton } from "@/components/ui/action-button";
import { DataTable } from "@/components/ui/data-table";
import { formatInZone } from "@/lib/time";
import { requireActorPage } from "@/server/auth/guards";
import { AppError } from "@/server/errors";
import { loadMetricHistory } from "@/server/engagement/load-metric-history";
import {
  chartedTarget,
  getPost,
  listPostTargets,
  POST_TARGET_PAGE_SIZE,
  type TargetTally,
} from "@/server/posts/get-post";
import { loadPostReviews } from "@/server/posts/load-post-reviews";
import { markPostSeen } from "@/server/posts/mark-post-seen";
import {
  approvePostAction,
  cancelTargetAction,
  checkTargetAction,
  confirmTargetAction,
  rejectPostAction,
  retryTargetAction,
} from "./actions";
import { ATTENTION_STATUSES, EDITABLE_STATUSES, isIn, LIVE_STATUSES, WAITING_STATUSES } from "@/lib/post-lifecycle";
import { AutoRefresh } from "@/components/ui/auto-refresh";

export async function generateMetadata() {
  return { title: (await getTranslations("posts"))("postTitle") };
}

export default async function PostPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ target?: string; page?: string; status?: string }>;
}) {
  const { id } = await params;
  const query = await searchParams;
  const wanted = z.uuid().safeParse(query.target);
  const status = z.enum(TargetStatus).optional().catch(undefined).parse(query.status);
  if (!z.uuid().safeParse(id).success) notFound();
  const actor = await requireActorPage();
  const post = await getPost(actor, id).catch((e: unknown) => {
    if (e instanceof AppError) return null;
    throw e;
  });
  if (!post) notFound();
  const count = (where: (row: TargetTally[number]) => boolean) =>
    post.tally.filter(where).reduce((sum, row) => sum + row.count, 0);
  const has = (statuses: readonly string[]) => post.tally.some((x) => statuses.includes(x.status));
  const total = count(() => true);
  const shown = status ? count((x) => x.status === status) : total;
  const pages = Math.max(1, Math.ceil(shown / POST_TARGET_PAGE_SIZE));
  const page = Math.min(
    pages,
    z.coerce
      .number()
      .int()
      .min(1)
      .catch(1)
      .parse(query.page ?? 1),
  );
  const pending = has(["PENDING_APPROVAL"]) && !post.fanningOut;
  // While it waits for approval, the post as it will go out and what changed since the reader last saw it.
  const review = pending ? (await loadPostReviews(actor.id, [post.id])).get(post.id) : undefined;
  await markPostSeen(actor.id, post.id, post.version);
  const waiting = post.tally.filter((x) => x.status === "PENDING_APPROVAL");
  // Approved, but its fan-out job has not moved these targets yet: they wait for the job, not for a decision.
  const shownStatus = (status: string) => (post.fanningOut && status === "PENDING_APPROVAL" ? BEING_SCHEDULED : status);
  const [targets, charted] = await Promise.all([
    listPostTargets(post.id, { page, status }),
    chartedTarget(post.id, wanted.success ? wanted.data : undefined),
  ]);
  const t = await getTranslations("posts");
  const tp = await getTranslations("platforms");
  const ta = await getTranslations("audit");
  const tap = await getTranslations("approvals");
  const locale = await getLocale();
  const zone = post.unit.timeZone;
  const editable = post.can.edit && post.tally.every((x) => isIn(EDITABLE_STATUSES, x.status));
  const lastRejection = [...post.decisions].reverse().find((d) => d.outcome === "REJECTED");
  const sentBack = has(["CHANGES_REQUESTED"]);
  // The metric history of one published target: the one asked for, else the first published.
  const published = count((x) => x.status === "PUBLISHED");
  const history = charted ? await loadMetricHistory(actor, charted.id) : null;
  const number = new Intl.NumberFormat(locale === "en" ? "en-GB" : "id-ID");
  const tm = await getTranslations("engagement");

  return (
    <div className="space-y-6">
      {has(LIVE_STATUSES) && <AutoRefresh seconds={5} />}
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <p className="text-sm text-slate-600">
            {post.unit.name} · {t("by", { name: post.author.name })} · {formatInZone(post.createdAt, zone, locale)}
          </p>
          <h1 className="mt-1 text-xl font-bold">{post.title || t("postTitle")}</h1>
        </div>
        {editable && (
          <Link
            href={`/posts/${post.id}/edit`}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-semibold hover:bg-slate-50"
          >
            {t("edit")}
          </Link>
        )}
      </div>

      {sentBack && lastRejection && (
        <div
          role="status"
          className="rounded-lg border border-orange-300 bg-orange-50 p-4 text-sm"
          data-testid="rejection-comment"
        >
          <p className="font-semibold text-orange-900">{t("sentBackBy", { name: lastRejection.decider.name })}</p>
          <p className="mt-1 whitespace-pre-wrap">{lastRejection.comment}</p>
        </div>
      )}

      <section className="rounded-xl border border-slate-200 bg-white p-4">
        <p className="whitespace-pre-wrap" data-testid="post-text">
          {post.baseText}
        </p>
        {post.commercialFlags.length > 0 && (
          <p className="mt-3 rounded bg-amber-50 p-2 text-sm text-amber-900">{t("commercialFlagged")}</p>
        )}
        {post.media.length > 0 && (
          <ul className="mt-3 flex flex-wrap gap-2">
            {post.media.map((m) => (
              <li key={m.id} className="text-xs text-slate-600">
                {m.type === "VIDEO" ? (
                  <video src={m.url} className="h-24 rounded" muted />
                ) : (
                  // eslint-disable-next-line @next/next/no-img-element -- our own media route
                  <img src={m.url} alt={m.altText ?? ""} className="h-24 rounded" />
                )}
                {m.altText && <span className="block max-w-40 truncate">{m.altText}</span>}
              </li>
            ))}
          </ul>
        )}
      </section>

      {review && (
        <section aria-labelledby="what-goes-out" className="rounded-xl border border-slate-200 bg-white p-4">
          <h2 id="what-goes-out" className="mb-2 font-semibold">
            {tap("whatGoesOut")}
          </h2>
          <PostReview loaded={review} idPrefix="post-review" />
        </section>
      )}

      {post.fanningOut && (
        <p role="status" className="rounded-xl border border-sky-300 bg-sky-50 p-4 text-sm" data-testid="fanning-out">
          {t("approvedFanningOut", {
            version: post.version,
            count: number.format(waiting.reduce((sum, x) => sum + x.count, 0)),
          })}
        </p>
      )}

      {pending && post.can.approve && (
        <section className="rounded-xl border border-amber-300 bg-amber-50 p-4">
          <h2 className="mb-2 font-semibold">{t("awaitingYourDecision")}</h2>
          <DecisionPanel
            postId={post.id}
            version={post.version}
            accounts={waiting.reduce((sum, x) => sum + x.count, 0)}
            platforms={new Set(waiting.map((x) => x.platform)).size}
            approve={approvePostAction}
            reject={rejectPostAction}
          />
        </section>
      )}

      <section className="space-y-2">
        <h2 className="font-semibold">{t("targets", { count: number.format(total) })}</h2>
        <TargetStatusFilter postId={post.id} tally={post.tally} current={status} label={shownStatus} />
        <DataTable
          label={t("targets", { count: number.format(total) })}
          rows={targets}
          dense
          rowKey={(x) => x.id}
          rowProps={(x) => ({ "data-testid": "target-row", "data-platform": x.account.platform })}
          empty={t("noPosts")}
          columns={[
            {
              key: "account",
              header: t("account"),
              className: "min-w-40",
              cell: (x) => (
                <>
                  <span className="font-semibold">{tp(x.account.platform)}</span> @{x.account.handle}
                  <span className="block text-xs text-slate-600">{x.account.unit.name}</span>
                </>
              ),
            },
            {
              key: "time",
              header: t("time"),
              className: "whitespace-nowrap",
              cell: (x) =>
                x.scheduledAt
                  ? formatInZone(x.scheduledAt, x.account.unit.timeZone, locale)
                  : t(post.fanningOut ? "asSoonAsPossible" : "asSoonAsApproved"),
            },
            { key: "status", header: t("status"), cell: (x) => <StatusBadge status={shownStatus(x.status)} /> },
            {
              key: "result",
              header: t("result"),
              className: "min-w-40",
              cell: (x) => (
                <>
                  {x.platformUrl && (
                    <a
                      href={x.platformUrl}
                      target="_blank"
                      rel="noreferrer"
                      className="text-brand-700 underline"
                      data-testid="platform-link"
                    >
                      {t("viewOnPlatform")}
                    </a>
                  )}
                  {x.publishedAt && (
                    <span className="block text-xs text-slate-600">
                      {formatInZone(x.publishedAt, x.account.unit.timeZone, locale)}
                    </span>
                  )}
                  {x.status === "PUBLISHED" &&
                    (x.lastErrorKind === "awaiting_post_id" || x.lastErrorKind === "post_id_missing") && (
                      <span className="block text-xs text-amber-900" data-testid="target-post-id-note">
                        {t(`errorKind.${x.lastErrorKind}`, { platform: tp(x.account.platform) })}
                      </span>
                    )}
                  {x.status === "SCHEDULED" && x.lastErrorKind === "reconnect" && (
                    <span className="block text-xs text-amber-900" data-testid="target-waiting">
                      {t("errorKind.reconnect")}
                    </span>
                  )}
                  {isIn(ATTENTION_STATUSES, x.status) && (
                    <span className="block text-xs text-red-800" data-testid="target-error">
                      {t(`errorKind.${x.status === "UNCONFIRMED" ? "unknown" : (x.lastErrorKind ?? "permanent")}`)}
                      {x.lastError ? ` — ${x.lastError}` : ""}
                    </span>
                  )}
                </>
              ),
            },
            {
              key: "engagement",
              header: t("engagement"),
              className: "whitespace-nowrap text-xs",
              cell: (x) =>
                x.metrics && x.metrics.readings > 0 ? (
                  <Link
                    href={`/posts/${post.id}?target=${x.id}#metrics`}
                    className="hover:underline"
                    data-testid="target-metrics"
                  >
                    {x.metrics.views !== null && (
                      <span className="block">{t("metricViews", { n: number.format(x.metrics.views) })}</span>
                    )}
                    <span className="block" data-testid="target-interactions">
                      {t("metricInteractions", { n: number.format(x.metrics.interactions) })}
                    </span>
                  </Link>
                ) : x.status === "PUBLISHED" ? (
                  <span className="text-slate-600" data-testid="target-metrics">
                    {t("noReadingYet")}
                  </span>
                ) : null,
            },
            {
              key: "actions",
              header: t("actions"),
              cell: (x) => (
                <div className="flex flex-wrap gap-1">
                  {x.status === "FAILED" && post.can.edit && (
                    <ActionButton
                      action={retryTargetAction}
                      input={{ targetId: x.id }}
                      label={t("retry")}
                      variant="primary"
                    />
                  )}
                  {x.status === "UNCONFIRMED" && post.can.edit && (
                    <>
                      <ActionButton action={checkTargetAction} input={{ targetId: x.id }} label={t("checkPlatform")} />
                      <ActionButton
                        action={confirmTargetAction}
                        input={{ targetId: x.id }}
                        label={t("confirmPublished")}
                      />
                      <ActionButton
                        action={retryTargetAction}
                        input={{ targetId: x.id }}
                        label={t("confirmAbsentRetry")}
                        variant="danger"
                      />
                    </>
                  )}
                  {isIn(WAITING_STATUSES, x.status) && post.can.cancel && (
                    <ActionButton
                      action={cancelTargetAction}
                      input={{ targetId: x.id }}
                      label={t("cancel")}
                      variant="danger"
                      confirm={{
                        title: t("cancelTitle", { account: `${tp(x.account.platform)} @${x.account.handle}` }),
                        message: t("cancelMessage", { account: `${tp(x.account.platform)} @${x.account.handle}` }),
                        confirmLabel: t("confirmCancel"),
                      }}
                    />
                  )}
                </div>
              ),
            },
          ]}
        />
        {pages > 1 && (
          <nav className="flex flex-wrap items-center justify-end gap-2 text-sm" aria-label={t("pagination")}>
            {page > 1 && (
              <Link href={pageHref(post.id, page - 1, status)} className="underline">
                {t("previousPage")}
              </Link>
            )}
            <span>{t("pageOf", { page, pages })}</span>
            {page < pages && (
              <Link href={pageHref(post.id, page + 1, status)} className="underline" data-testid="targets-next-page">
                {t("nextPage")}
              </Link>
            )}
          </nav>
        )}
      </section>

      {charted && history && (
        <section
          id="metrics"
          className="rounded-xl border border-slate-200 bg-white p-4"
          data-testid="post-metric-history"
        >
          <h2 className="mb-2 font-semibold">
            {t("metricHistory", { platform: tp(charted.account.platform), handle: charted.account.handle })}
          </h2>
          <MetricHistoryChart history={history} timeZone={charted.account.unit.timeZone} />
          {published > 1 && <p className="mt-2 text-xs text-slate-600">{tm("pickTarget")}</p>}
        </section>
      )}

      <section className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <div className="rounded-xl border border-slate-200 bg-white p-4">
          <h2 className="mb-2 font-semibold">{t("approvals")}</h2>
          {post.decisions.length === 0 ? (
            <p className="text-sm text-slate-600">{t("noDecisions")}</p>
          ) : (
            <ol className="space-y-2 text-sm">
              {post.decisions.map((d) => (
                <li key={d.id}>
                  <span
                    className={
                      d.outcome === "APPROVED" ? "font-semibold text-emerald-700" : "font-semibold text-orange-700"
                    }
                  >
                    {t(`decision.${d.outcome}`)}
                  </span>{" "}
                  {t("byAt", {
                    name: d.decider.name,
                    at: formatInZone(d.createdAt, zone, locale),
                    version: d.postVersion,
                  })}
                  {d.comment && <p className="whitespace-pre-wrap text-slate-700">“{d.comment}”</p>}
                </li>
              ))}
            </ol>
          )}
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-4">
          <h2 className="mb-2 font-semibold">{t("history")}</h2>
          <ol className="max-h-80 space-y-1 overflow-y-auto text-sm">
            {post.history.map((h) => (
              <li key={h.key} className="flex gap-2">
                <span className="shrink-0 text-xs text-slate-600">{formatInZone(h.at, zone, locale)}</span>
                <span data-testid="history-entry" data-action={h.action}>
                  {h.actor ?? ta("system")}:{" "}
                  {t.has(`historyAction.${h.action}`) ? t(`historyAction.${h.action}`) : h.action}
                  {h.count > 1 && <span className="text-slate-600"> ({t("historyTargets", { count: h.count })})</span>}
                </span>
              </li>
            ))}
          </ol>
        </div>
      </section>
    </div>
  );
}

function pageHref(postId: string, page: number, status: string | undefined) {
  const query = new URLSearchParams({ page: String(page), ...(status ? { status } : {}) });
  return `/posts/${postId}?${query.toString()}`;
}

/** The targets counted per status, each a link that shows only those: 5,000 rows are read a page at a time. */
async function TargetStatusFilter({
  postId,
  tally,
  current,
  label,
}: {
  postId: string;
  tally: TargetTally;
  current: string | undefined;
  /** The status a reader is shown for a stored one (an approved broadcast's waiting targets). */
  label: (status: string) => string;
}) {
  const [t, ts, locale] = await Promise.all([getTranslations("posts"), getTranslations("targetStatus"), getLocale()]);
  const number = new Intl.NumberFormat(locale === "en" ? "en-GB" : "id-ID");
  const perStatus = new Map<string, number>();
  for (const row of tally) perStatus.set(row.status, (perStatus.get(row.status) ?? 0) + row.count);
  if (perStatus.size < 2 && !current) return null;
  const total = [...perStatus.values()].reduce((a, b) => a + b, 0);
  const link = (status: string | undefined, label: string, n: number) => (
    <li key={status ?? "all"}>
      <Link
        href={status ? `/posts/${postId}?status=${status}` : `/posts/${postId}`}
        aria-current={current === status ? "page" : undefined}
        className={`inline-block rounded-full border px-3 py-1 ${current === status ? "border-brand-700 bg-brand-50 font-semibold" : "border-slate-300 bg-white hover:bg-slate-50"}`}
        data-testid="target-status-filter"
      >
        {label} ({number.format(n)})
      </Link>
    </li>
  );
  return (
    <nav aria-label={t("targetStatusFilter")}>
      <ul className="flex flex-wrap gap-2 text-sm">
        {link(undefined, t("allTargets"), total)}
        {[...perStatus.entries()].map(([status, n]) => link(status, ts(label(status)), n))}
      </ul>
    </nav>
  );
}
