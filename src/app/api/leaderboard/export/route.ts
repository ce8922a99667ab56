import { getLocale, getTranslations } from "next-intl/server";
import { NextResponse, type NextRequest } from "next/server";
import { requireActor } from "@/server/auth/guards";
import { dayToIso } from "@/server/engagement/days";
import { dayInZone } from "@/lib/time";
import { boardToCsv } from "@/server/leaderboard/export-csv";
import { loadBoard } from "@/server/leaderboard/load-board";
import { errorResponse } from "@/server/route-handler";
import { boardQuerySchema } from "@/schemas/leaderboard";

/** GET /api/leaderboard/export?<the board's query string>: the board the reader sees, as a CSV download. */
export async function GET(request: NextRequest) {
  try {
    const actor = await requireActor();
    const q = boardQuerySchema.parse(Object.fromEntries(request.nextUrl.searchParams));
    const board = await loadBoard(actor, q);
    const [t, tp, locale] = await Promise.all([
      getTranslations("leaderboard"),
      getTranslations("platforms"),
      getLocale(),
    ]);
    const level = q.view === "accounts" ? "account" : "unit";
    const csv = boardToCsv(
      board.rows,
      level,
      {
        rank: t("rank"),
        previousRank: t("previousRank"),
        name: level === "unit" ? t("unit") : t("account"),
        code: t("code"),
        platform: t("platform"),
        unit: t("unit"),
        score: t("score"),
        accounts: t("accounts"),
        dormant: t("dormant"),
        published: t("published"),
        onTime: t("onTime"),
        failed: t("failed"),
        interactions: t("interactions"),
        followers: t("followers"),
        components: {
          activity: t("components.activity"),
          consistency: t("components.consistency"),
          engagement: t("components.engagement"),
          engagementRate: t("components.engagementRate"),
          reliability: t("components.reliability"),
          responsiveness: t("components.responsiveness"),
        },
        percentile: (c) => t("percentileColumn", { component: c }),
        platformName: (p) => (tp.has(p) ? tp(p) : p),
      },
      locale === "en" ? "en" : "id",
    );
    // Board, level, scope, period and the day of export, e.g.
    // indeks-keaktifan_unit-di-bawah-polda-kalimantan-timur_2026-11-03-sd-2026-12-02_diunduh-2026-12-02.csv
    const slug = (v: string) =>
      v
        .normalize("NFKD")
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, "");
    const name = `${t("csvFile", {
      level: slug(t(level === "unit" ? "csvLevelUnits" : "csvLevelAccounts", { name: board.parent.name })),
      from: dayToIso(board.period.from),
      to: dayToIso(board.period.to),
      today: dayInZone(new Date(), "Asia/Jakarta"),
    })}.csv`;
    return new NextResponse(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${name}"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
