import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
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
  if (posts.length === 0)
    return (
      <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-500">
        {t("noPosts")}
      </p>
    );
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full text-sm" data-testid="post-metrics">
        <thead className="bg-slate-100 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-3">
              {t("publishedAt")}
            </th>
            <th scope="col" className="px-3 py-3">
              {t("post")}
            </th>
            {(["views", "likes", "comments", "shares", "saves"] as const).map((k) => (
              <th key={k} scope="col" className="px-3 py-3 text-right">
                {te(k)}
              </th>
            ))}
            <th scope="col" className="px-3 py-3 text-right">
              {te("interactions")}
            </th>
            <th scope="col" className="px-3 py-3 text-right">
              {t("readings")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {posts.map((p) => (
            <tr
              key={p.targetId}
              className={p.targetId === selected ? "bg-brand-50" : "hover:bg-slate-50"}
              data-testid="post-row"
              data-target={p.targetId}
            >
              <td className="whitespace-nowrap px-3 py-2.5 text-slate-700">
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
              </td>
              <td className="max-w-md px-3 py-2.5">
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
              </td>
              {([p.views, p.likes, p.comments, p.shares, p.saves] as const).map((v, i) => (
                <td key={i} className="px-3 py-2.5 text-right tabular-nums">
                  {num(v)}
                </td>
              ))}
              <td className="px-3 py-2.5 text-right font-semibold tabular-nums" data-testid="post-interactions">
                {p.status === "FAILED" ? "—" : format.number(p.interactions)}
              </td>
              <td className="px-3 py-2.5 text-right text-xs text-slate-500">
                {p.readings}
                {p.missing > 0 && (
                  <span title={te("missingCaption", { count: p.missing })}>
                    {" "}
                    ({t("missingReadings", { count: p.missing })})
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
