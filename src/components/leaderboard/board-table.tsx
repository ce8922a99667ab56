import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { VerificationBadge } from "@/components/accounts/verification-badge";
import { Badge } from "@/components/ui/badge";
import { DataTable, type Column } from "@/components/ui/data-table";
import { formatComponent, type NumberOptions } from "@/lib/format-component";
import { RankChange } from "@/components/leaderboard/rank-change";
import { components } from "@/lib/activity-index";
import type { BoardRow } from "@/server/leaderboard/build-board";
import type { VerificationState } from "@/schemas/verification";

type Row = BoardRow & {
  canOpen?: boolean;
  groupSize?: number;
  /** Accounts awaiting HQ's verification in the unit's subtree (unit rows). */
  awaitingVerification?: number;
  verification?: VerificationState;
};

/**
 * The index table: rank and movement, score, then each component's value with its percentile under it,
 * so a reader sees not only where a unit stands but why.
 */
export async function BoardTable({
  rows,
  level,
  linkFor,
  caption,
}: {
  rows: Row[];
  level: "unit" | "account";
  linkFor: (r: Row) => string | null;
  caption: string;
}) {
  const [t, tp, tv, format] = await Promise.all([
    getTranslations("leaderboard"),
    getTranslations("platforms"),
    getTranslations("verification"),
    getFormatter(),
  ]);
  const n = (v: number, o?: NumberOptions) => format.number(v, o);
  const label = (r: Row) => {
    // An account is told apart by its platform and handle; its display name often repeats the unit's.
    const text = level === "unit" ? r.name : `${tp(r.platform ?? "X")} · @${r.code}`;
    const href = linkFor(r);
    return href ? (
      <Link href={href} className="font-semibold text-brand-700 hover:underline">
        {text}
      </Link>
    ) : (
      <span className="font-semibold">{text}</span>
    );
  };
  const columns: Column<Row>[] = [
    {
      key: "rank",
      header: t("rank"),
      align: "right",
      className: "whitespace-nowrap text-base font-bold tabular-nums text-slate-900",
      cell: (r) => (
        <>
          {r.rank}
          {r.groupSize !== undefined && <span className="text-xs font-normal text-slate-600">/{r.groupSize}</span>}
        </>
      ),
    },
    { key: "change", header: t("change"), cell: (r) => <RankChange rank={r.rank} prevRank={r.prevRank} /> },
    {
      key: "name",
      header: level === "unit" ? t("unit") : t("account"),
      className: "min-w-48",
      cell: (r) => (
        <>
          {label(r)}
          <div className="text-xs text-slate-600">
            {level === "unit" ? t("accountCount", { count: r.accounts }) : r.unitName}
          </div>
          {level === "unit" && (r.awaitingVerification ?? 0) > 0 && (
            <div className="text-xs text-amber-800" data-testid="awaiting-verification">
              {tv("awaiting", { count: r.awaitingVerification ?? 0 })}
            </div>
          )}
          {level === "account" && r.verification && r.verification !== "VERIFIED" && (
            <VerificationBadge state={r.verification} />
          )}
        </>
      ),
    },
    {
      key: "score",
      header: t("score"),
      cell: (r) => (
        <div className="flex items-center gap-2">
          <span className="w-10 text-right text-base font-bold tabular-nums" data-testid="score">
            {n(r.score, { minimumFractionDigits: 1, maximumFractionDigits: 1 })}
          </span>
          <span className="hidden h-2 w-14 overflow-hidden rounded-full bg-slate-100 lg:block" aria-hidden>
            <span className="block h-full rounded-full bg-brand-600" style={{ width: `${r.score}%` }} />
          </span>
        </div>
      ),
    },
    ...components.map((c): Column<Row> => ({
      key: c,
      header: t(`components.${c}`),
      headerTitle: t(`componentHelp.${c}`),
      align: "right",
      className: "tabular-nums",
      cell: (r) => {
        const attempts = r.cur.published + r.cur.failed;
        return (
          <>
            <div className="font-medium text-slate-900">
              {/* Nothing attempted is no reliability at all, not 0 % (the index still counts it as 0). */}
              {c === "reliability" && attempts === 0 ? (
                <span title={t("noAttempts")}>
                  —<span className="sr-only"> {t("noAttempts")}</span>
                </span>
              ) : c === "responsiveness" && r.values.responsiveness === null ? (
                <span title={t("noCitizenItems")}>
                  —<span className="sr-only"> {t("noCitizenItems")}</span>
                </span>
              ) : (
                formatComponent(c, r.values, n)
              )}
            </div>
            <div
              className="text-xs text-slate-600"
              title={t("percentileOf", { value: n(r.percentiles[c], { maximumFractionDigits: 0 }) })}
            >
              {t(level === "unit" ? "betterThanUnits" : "betterThanAccounts", {
                pct: n(r.percentiles[c] / 100, { style: "percent", maximumFractionDigits: 0 }),
              })}
              {c === "reliability" && attempts > 0 && r.cur.failed > 0 && (
                <span className="block text-red-700">
                  {t("failedShort", {
                    value: n(r.cur.failed / attempts, { style: "percent", maximumFractionDigits: 0 }),
                  })}
                </span>
              )}
              {/* The share alone hides how few items it rests on: the counts say it (and move with each reply). */}
              {c === "responsiveness" && r.cur.responsesDue > 0 && (
                <span className="block" data-testid="responses-on-time">
                  {t("responsesOnTime", { onTime: r.cur.responsesOnTime, due: r.cur.responsesDue })}
                </span>
              )}
            </div>
          </>
        );
      },
    })),
    {
      key: "dormant",
      header: level === "unit" ? t("dormantAccounts") : t("status"),
      align: "right",
      cell: (r) =>
        level === "unit" ? (
          r.dormant > 0 ? (
            <Badge tone="amber">{t("dormantOf", { dormant: r.dormant, accounts: r.accounts })}</Badge>
          ) : (
            <span className="text-xs text-slate-600">0</span>
          )
        ) : r.dormant > 0 ? (
          <Badge tone="amber">{t("dormant")}</Badge>
        ) : (
          <Badge tone="green">{t("active")}</Badge>
        ),
    },
  ];
  return (
    <DataTable
      label={caption}
      rows={rows}
      columns={columns}
      dense
      rowKey={(r) => r.key}
      rowProps={(r) => ({ "data-testid": "board-row", "data-key": r.key, className: "hover:bg-brand-50/40" })}
      empty={t("noPeers")}
      testId="board"
    />
  );
}
