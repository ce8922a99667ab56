import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { VerificationBadge } from "@/components/accounts/verification-badge";
import { Badge } from "@/components/ui/badge";
import { formatComponent, type NumberOptions } from "@/components/leaderboard/format";
import { RankChange } from "@/components/leaderboard/rank-change";
import { components } from "@/server/leaderboard/compute-index";
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
  if (rows.length === 0)
    return (
      <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-500">
        {t("noPeers")}
      </p>
    );
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full text-sm" data-testid="board">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-100 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-3 text-right">
              {t("rank")}
            </th>
            <th scope="col" className="px-2 py-3">
              {t("change")}
            </th>
            <th scope="col" className="px-3 py-3">
              {level === "unit" ? t("unit") : t("account")}
            </th>
            <th scope="col" className="px-3 py-3">
              {t("score")}
            </th>
            {components.map((c) => (
              <th key={c} scope="col" className="px-2.5 py-3 text-right" title={t(`componentHelp.${c}`)}>
                {t(`components.${c}`)}
              </th>
            ))}
            <th scope="col" className="px-3 py-3 text-right">
              {level === "unit" ? t("dormantAccounts") : t("status")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => {
            const href = linkFor(r);
            const attempts = r.cur.published + r.cur.failed;
            return (
              <tr key={r.key} className="hover:bg-brand-50/40" data-testid="board-row" data-key={r.key}>
                <td className="whitespace-nowrap px-3 py-2.5 text-right text-base font-bold tabular-nums text-slate-900">
                  {r.rank}
                  {r.groupSize !== undefined && (
                    <span className="text-xs font-normal text-slate-500">/{r.groupSize}</span>
                  )}
                </td>
                <td className="px-2 py-2.5">
                  <RankChange rank={r.rank} prevRank={r.prevRank} />
                </td>
                <td className="min-w-48 px-3 py-2.5">
                  {(() => {
                    // An account is told apart by its platform and handle; its display name often repeats the unit's.
                    const label = level === "unit" ? r.name : `${tp(r.platform ?? "X")} · @${r.code}`;
                    return href ? (
                      <Link href={href} className="font-semibold text-brand-700 hover:underline">
                        {label}
                      </Link>
                    ) : (
                      <span className="font-semibold">{label}</span>
                    );
                  })()}
                  <div className="text-xs text-slate-500">
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
                </td>
                <td className="px-3 py-2.5">
                  <div className="flex items-center gap-2">
                    <span className="w-10 text-right text-base font-bold tabular-nums" data-testid="score">
                      {n(r.score, { minimumFractionDigits: 1, maximumFractionDigits: 1 })}
                    </span>
                    <span className="hidden h-2 w-14 overflow-hidden rounded-full bg-slate-100 lg:block" aria-hidden>
                      <span className="block h-full rounded-full bg-brand-600" style={{ width: `${r.score}%` }} />
                    </span>
                  </div>
                </td>
                {components.map((c) => (
                  <td key={c} className="px-2.5 py-2.5 text-right tabular-nums" data-component={c}>
                    <div className="font-medium text-slate-900">{formatComponent(c, r.values, n)}</div>
                    <div
                      className="text-xs text-slate-500"
                      title={t("percentileOf", { value: n(r.percentiles[c], { maximumFractionDigits: 0 }) })}
                    >
                      P{n(r.percentiles[c], { maximumFractionDigits: 0 })}
                      {c === "reliability" && attempts > 0 && r.cur.failed > 0 && (
                        <span className="block text-red-700">
                          {t("failedShort", {
                            value: n(r.cur.failed / attempts, { style: "percent", maximumFractionDigits: 0 }),
                          })}
                        </span>
                      )}
                    </div>
                  </td>
                ))}
                <td className="px-3 py-2.5 text-right">
                  {level === "unit" ? (
                    r.dormant > 0 ? (
                      <Badge tone="amber">{t("dormantOf", { dormant: r.dormant, accounts: r.accounts })}</Badge>
                    ) : (
                      <span className="text-xs text-slate-400">0</span>
                    )
                  ) : r.dormant > 0 ? (
                    <Badge tone="amber">{t("dormant")}</Badge>
                  ) : (
                    <Badge tone="green">{t("active")}</Badge>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
