import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { BoardFilters } from "@/components/leaderboard/board-filters";
import { BoardTable } from "@/components/leaderboard/board-table";
import { boardHref } from "@/components/leaderboard/href";
import { ScoreSummary } from "@/components/leaderboard/score-summary";
import { PageHeader } from "@/components/ui/page-header";
import { requireActorPage } from "@/server/auth/guards";
import { AppError } from "@/server/errors";
import { loadUnitDetail } from "@/server/leaderboard/load-unit-detail";
import { parseBoardSearch, type Search } from "@/server/leaderboard/parse-board-search";

export default async function LeaderboardUnitPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Search>;
}) {
  const actor = await requireActorPage();
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) notFound();
  const { query, errors, params: keep } = await parseBoardSearch(await searchParams);
  const detail = await loadUnitDetail(actor, id.data, query).catch((e) => {
    if (e instanceof AppError && (e.code === "NOT_FOUND" || e.code === "FORBIDDEN")) notFound();
    throw e;
  });
  const t = await getTranslations("leaderboard");
  const { unit } = detail;
  const back = unit.parentId
    ? boardHref("/leaderboard", keep, { parent: unit.parentId })
    : boardHref("/leaderboard", keep);
  return (
    <div>
      <Link href={back} className="text-sm text-brand-700 hover:underline">
        ← {unit.parentName ? t("groupOf", { name: unit.parentName }) : t("title")}
      </Link>
      <PageHeader
        title={unit.name}
        subtitle={`${unit.kind} · ${unit.code}`}
        actions={
          unit.hasChildren && (
            <Link
              href={boardHref("/leaderboard", keep, { parent: unit.id })}
              className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-700 hover:bg-slate-50"
            >
              {t("subUnits")}
            </Link>
          )
        }
      />
      <BoardFilters path={`/leaderboard/units/${unit.id}`} query={query} keep={{}} errors={errors} />
      {detail.score && (
        <ScoreSummary
          row={detail.score}
          groupSize={detail.score.groupSize}
          groupLabel={t("unitsInGroup", { count: detail.score.groupSize })}
        />
      )}
      <h2 className="mb-2 mt-6 text-lg font-semibold">{t("unitAccounts")}</h2>
      <p className="mb-3 text-sm text-slate-600">{t("accountsRankedIn")}</p>
      <BoardTable
        rows={detail.accounts}
        level="account"
        caption={t("unitAccounts")}
        linkFor={(r) => boardHref(`/leaderboard/accounts/${r.key}`, keep, { parent: undefined, view: undefined })}
      />
    </div>
  );
}
