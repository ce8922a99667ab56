import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { DataTable, type Column } from "@/components/ui/data-table";
import { zonedFormatter } from "@/components/ui/zoned-time";
import type { AccountPost } from "@/server/leaderboard/load-account-detail";

/** An account's posts in the period with their latest numbers; a dash is "the platform gave no number", not zero. */
export async function PostMetricsTable({
  posts,
  timeZone,
  selected,
  hrefFor,
}: {
  posts: AccountPost[];
  timeZone: string;
  selected?: string;
  hrefFor: (targetId: string) => string;
}) {
  const [t, te, format, zoned] = await Promise.all([
    getTranslations("leaderboard"),
    getTranslations("engagement"),
    getFormatter(),
    zonedFormatter(),
  ]);
  const num = (v: number | null) => (v === null ? "—" : format.number(v));
  const metric = (key: "views" | "likes" | "comments" | "shares" | "saves"): Column<AccountPost> => ({
    key,
    header: te(key),
    align: "right",
    className: "tabular-nums",
    cell: (p) => num(p[key]),
  });
  return (
    <DataTable
      label={t("postsTableLabel")}
      rows={posts}
      dense
      testId="post-metrics"
      rowKey={(p) => p.targetId}
      rowProps={(p) => ({
        "data-testid": "post-row",
        "data-target": p.targetId,
        className: p.targetId === selected ? "bg-brand-50" : "hover:bg-slate-50",
      })}
      empty={t("noPosts")}
      columns={[
        {
          key: "publishedAt",
          header: t("publishedAt"),
          className: "whitespace-nowrap text-slate-700",
          cell: (p) => (
            <>
              {p.publishedAt ? zoned(p.publishedAt, timeZone) : p.scheduledAt ? zoned(p.scheduledAt, timeZone) : "—"}
              <div className="mt-0.5">
                {p.status === "FAILED" ? (
                  <Badge tone="red">{t("failed")}</Badge>
                ) : p.onTime ? (
                  <Badge tone="green">{t("onTime")}</Badge>
                ) : (
                  <Badge tone="amber">{t("late")}</Badge>
                )}
              </div>
            </>
          ),
        },
        {
          key: "post",
          header: t("post"),
          className: "min-w-48 max-w-md",
          cell: (p) => (
            <>
              <Link
                href={hrefFor(p.targetId)}
                className="line-clamp-2 text-slate-900 hover:text-brand-700 hover:underline"
                scroll={false}
              >
                {p.text}
              </Link>
              <Link href={`/posts/${p.postId}`} className="text-xs text-brand-700 hover:underline">
                {t("openPost")}
              </Link>
            </>
          ),
        },
        metric("views"),
        metric("likes"),
        metric("comments"),
        metric("shares"),
        metric("saves"),
        {
          key: "interactions",
          header: te("interactions"),
          align: "right",
          className: "font-semibold tabular-nums",
          cell: (p) => (
            <span data-testid="post-interactions">{p.status === "FAILED" ? "—" : format.number(p.interactions)}</span>
          ),
        },
        {
          key: "readings",
          header: t("readings"),
          align: "right",
          className: "text-xs text-slate-600",
          cell: (p) => (
            <>
              {p.readings}
              {p.missing > 0 && (
                <span title={te("missingCaption", { count: p.missing })}>
                  {" "}
                  ({t("missingReadings", { count: p.missing })})
                </span>
              )}
            </>
          ),
        },
      ]}
    />
  );
}
