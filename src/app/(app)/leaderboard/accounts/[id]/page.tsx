import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { DailyHistoryChart } from "@/components/engagement/daily-history-chart";
import { MetricHistoryChart } from "@/components/engagement/metric-history-chart";
import { BoardFilters } from "@/components/leaderboard/board-filters";
import { boardHref } from "@/components/leaderboard/href";
import { PostMetricsTable } from "@/components/leaderboard/post-metrics-table";
import { ScoreSummary } from "@/components/leaderboard/score-summary";
import { Card, PageHeader } from "@/components/ui/page-header";
import { requireActorPage } from "@/server/auth/guards";
import { loadMetricHistory } from "@/server/engagement/load-metric-history";
import { AppError } from "@/server/errors";
import { loadAccountDetail } from "@/server/leaderboard/load-account-detail";
import { parseBoardSearch, type Search } from "@/server/leaderboard/parse-board-search";

export default async function LeaderboardAccountPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Search>;
}) {
  const actor = await requireActorPage();
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) notFound();
  const sp = await searchParams;
  const { query, errors, params: keep } = await parseBoardSearch(sp);
  const hide = (e: unknown) => {
    if (e instanceof AppError && (e.code === "NOT_FOUND" || e.code === "FORBIDDEN")) notFound();
    throw e;
  };
  const detail = await loadAccountDetail(actor, id.data, query).catch(hide);
  const selected = z.uuid().safeParse(Array.isArray(sp.post) ? sp.post[0] : sp.post);
  // Unless a post is picked, the newest one with readings: a post published a minute ago has no
  // history yet, and an empty chart tells leadership nothing (it is one click away in the table).
  const published = detail.posts.filter((p) => p.status === "PUBLISHED");
  const chosen =
    detail.posts.find((p) => p.targetId === (selected.success ? selected.data : undefined)) ??
    published.find((p) => p.readings > 0) ??
    published[0];
  const history = chosen ? await loadMetricHistory(actor, chosen.targetId).catch(hide) : null;
  const [t, tp, format] = await Promise.all([
    getTranslations("leaderboard"),
    getTranslations("platforms"),
    getFormatter(),
  ]);
  const { account } = detail;
  const here = `/leaderboard/accounts/${account.id}`;
  return (
    <div>
      <Link
        href={boardHref(`/leaderboard/units/${account.unitId}`, keep, { parent: undefined, view: undefined })}
        className="text-sm text-brand-700 hover:underline"
      >
        ← {account.unitName}
      </Link>
      <PageHeader
        title={account.displayName}
        subtitle={`${tp(account.platform)} · @${account.handle} · ${t("followers")}: ${account.followerCount === null ? "—" : format.number(account.followerCount)}`}
      />
      <BoardFilters path={here} query={query} keep={{}} errors={errors} withPlatform={false} />
      {detail.row && (
        <ScoreSummary
          level="account"
          row={detail.row}
          groupSize={detail.row.groupSize}
          groupLabel={t("accountsInGroup", { count: detail.row.groupSize, platform: tp(account.platform) })}
        />
      )}
      <div className="mt-6 grid grid-cols-1 gap-6 xl:grid-cols-2">
        <Card title={t("dailyHistory")}>
          <DailyHistoryChart points={detail.daily} />
        </Card>
        <Card title={chosen ? t("postHistory", { text: chosen.text.slice(0, 60) }) : t("postHistoryEmpty")}>
          {history ? (
            <MetricHistoryChart history={history} timeZone={account.timeZone} />
          ) : (
            <p className="text-sm text-slate-600">{t("noPosts")}</p>
          )}
        </Card>
      </div>
      <h2 className="mb-2 mt-6 text-lg font-semibold">{t("posts")}</h2>
      <PostMetricsTable
        posts={detail.posts}
        timeZone={account.timeZone}
        selected={chosen?.targetId}
        hrefFor={(targetId) => boardHref(here, { ...keep, post: targetId }, { parent: undefined, view: undefined })}
      />
    </div>
  );
}
