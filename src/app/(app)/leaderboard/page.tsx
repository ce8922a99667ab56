import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BoardFilters } from "@/components/leaderboard/board-filters";
import { BoardTable } from "@/components/leaderboard/board-table";
import { OwnStanding } from "@/components/leaderboard/own-standing";
import { boardHref } from "@/components/leaderboard/href";
import { WeightsPanel } from "@/components/leaderboard/weights-panel";
import { buttonClass } from "@/components/ui/button";
import { Notice, PageHeader } from "@/components/ui/page-header";
import { actorCanAnywhere, requireActorPage } from "@/server/auth/guards";
import { dayToIso } from "@/server/engagement/days";
import { AppError } from "@/server/errors";
import { loadBoard } from "@/server/leaderboard/load-board";
import { loadOwnStanding } from "@/server/leaderboard/load-own-standing";
import { canManageWeights } from "@/server/leaderboard/weights";
import { parseBoardSearch, type Search } from "@/server/leaderboard/parse-board-search";

export async function generateMetadata() {
  return { title: (await getTranslations("leaderboard"))("title") };
}

export default async function LeaderboardPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActorPage();
  if (!actorCanAnywhere(actor, "leaderboard.read")) notFound();
  const { query, errors, params } = await parseBoardSearch(await searchParams);
  const board = await loadBoard(actor, query).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const [t, format, standings] = await Promise.all([
    getTranslations("leaderboard"),
    getFormatter(),
    loadOwnStanding(actor, query),
  ]);
  const date = (day: number) =>
    format.dateTime(new Date(`${dayToIso(day)}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  const accountsView = query.view === "accounts";
  const keep = { ...params, parent: board.parent.id };
  const tab = (active: boolean) =>
    `rounded-md px-3 py-1.5 text-sm font-semibold ${active ? "bg-brand-900 text-white" : "text-slate-600 hover:bg-slate-100"}`;

  return (
    <div>
      <PageHeader
        title={t("title")}
        subtitle={t("subtitle")}
        actions={
          <a
            href={boardHref("/api/leaderboard/export", keep)}
            className={buttonClass("secondary")}
            data-testid="export-csv"
          >
            {t("exportCsv")}
          </a>
        }
      />
      <OwnStanding standings={standings} />
      <nav aria-label={t("groups")} className="mb-3 flex flex-wrap items-center gap-1 text-sm text-slate-600">
        {board.trail.map((u, i) => (
          <span key={u.id} className="flex items-center gap-1">
            {i > 0 && <span aria-hidden>›</span>}
            {u.id === board.parent.id ? (
              <span className="font-semibold text-slate-900">{u.name}</span>
            ) : (
              <Link href={boardHref("/leaderboard", keep, { parent: u.id })} className="text-brand-700 hover:underline">
                {u.name}
              </Link>
            )}
          </span>
        ))}
        {board.roots
          .filter((r) => !board.trail.some((u) => u.id === r.id))
          .map((r) => (
            <Link
              key={r.id}
              href={boardHref("/leaderboard", keep, { parent: r.id })}
              className="ml-3 rounded-full border border-slate-300 px-2.5 py-0.5 text-xs hover:bg-slate-50"
            >
              {r.name}
            </Link>
          ))}
      </nav>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-lg font-semibold text-slate-900" data-testid="group-title">
          {accountsView ? t("accountsOf", { name: board.parent.name }) : t("groupOf", { name: board.parent.name })}
        </h2>
        {board.canViewAccounts && (
          <div className="flex gap-1 rounded-lg border border-slate-200 bg-white p-1">
            <Link
              href={boardHref("/leaderboard", keep, { view: undefined })}
              className={tab(!accountsView)}
              aria-current={!accountsView ? "page" : undefined}
            >
              {t("viewUnits")}
            </Link>
            <Link
              href={boardHref("/leaderboard", keep, { view: "accounts" })}
              className={tab(accountsView)}
              aria-current={accountsView ? "page" : undefined}
            >
              {t("viewAccounts")}
            </Link>
          </div>
        )}
      </div>
      {!accountsView && (
        <div
          className="mb-4 flex flex-wrap items-center gap-x-3 gap-y-2 rounded-xl border border-slate-200 bg-white p-3 text-sm"
          data-testid="board-basis"
        >
          <p className="min-w-0 flex-1 text-slate-700">
            {t(query.basis === "all" ? "basisAllSentence" : "basisOwnSentence")}
          </p>
          <nav aria-label={t("basisLabel")} className="flex flex-wrap gap-1 rounded-lg border border-slate-200 p-1">
            <Link
              href={boardHref("/leaderboard", keep, { basis: undefined })}
              className={tab(query.basis !== "all")}
              aria-current={query.basis !== "all" ? "page" : undefined}
            >
              {t("basisOwn")}
            </Link>
            <Link
              href={boardHref("/leaderboard", keep, { basis: "all" })}
              className={tab(query.basis === "all")}
              aria-current={query.basis === "all" ? "page" : undefined}
            >
              {t("basisAll")}
            </Link>
          </nav>
        </div>
      )}
      {Object.keys(errors).length > 0 && (
        <div className="mb-3">
          <Notice tone="error">{t("invalidFilters")}</Notice>
        </div>
      )}
      <BoardFilters
        path="/leaderboard"
        query={query}
        keep={{ parent: board.parent.id, view: params.view, basis: params.basis }}
        errors={errors}
      />
      <p className="mb-3 text-sm text-slate-600" data-testid="period-label">
        {t("periodLabel", {
          from: date(board.period.from),
          to: date(board.period.to),
          prevFrom: date(board.period.prevFrom),
          prevTo: date(board.period.prevTo),
        })}
      </p>
      <div className="mb-4">
        <WeightsPanel weights={board.weights} canEdit={canManageWeights(actor, board.parent)} />
      </div>
      <BoardTable
        rows={board.rows}
        level={accountsView ? "account" : "unit"}
        caption={t("title")}
        linkFor={(r) =>
          !r.canOpen
            ? null
            : accountsView
              ? boardHref(`/leaderboard/accounts/${r.key}`, params, { parent: undefined, view: undefined })
              : boardHref(`/leaderboard/units/${r.key}`, params, { parent: undefined })
        }
      />
    </div>
  );
}
