import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { PostFilters } from "@/components/posts/post-filters";
import { StatusBadge } from "@/components/posts/status-badge";
import { formatInZone } from "@/lib/time";
import { postListFilterSchema } from "@/schemas/posts";
import { requireActorPage } from "@/server/auth/guards";
import { listUnitOptions } from "@/server/units/list-unit-options";
import { listTargets } from "@/server/posts/list-targets";

export async function generateMetadata() {
  return { title: (await getTranslations("posts"))("listTitle") };
}

export default async function PostsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const actor = await requireActorPage();
  const raw = Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => v));
  const parsed = postListFilterSchema.safeParse(raw);
  const filter = parsed.success ? parsed.data : { page: 1 };
  const [t, tp, locale, units, list] = await Promise.all([
    getTranslations("posts"),
    getTranslations("platforms"),
    getLocale(),
    listUnitOptions(actor, "post.read"),
    listTargets(actor, filter),
  ]);
  const query = (page: number) => new URLSearchParams({ ...raw, page: String(page) }).toString();
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-bold">{t("listTitle")}</h1>
        <Link href="/calendar" className="text-sm text-brand-700 underline">
          {t("calendarView")}
        </Link>
      </div>
      {!parsed.success && (
        <p role="alert" className="text-sm text-red-700">
          {t("badFilter")}
        </p>
      )}
      <PostFilters units={units} values={raw} />
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
        <table className="w-full text-sm">
          <thead className="text-left text-xs uppercase text-slate-500">
            <tr>
              <th className="px-4 py-2">{t("time")}</th>
              <th className="px-4 py-2">{t("account")}</th>
              <th className="px-4 py-2">{t("text")}</th>
              <th className="px-4 py-2">{t("status")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {list.rows.map((r) => (
              <tr key={r.id} data-testid="post-row">
                <td className="whitespace-nowrap px-4 py-2">
                  {r.scheduledAt ? formatInZone(r.scheduledAt, r.account.unit.timeZone, locale) : t("asSoonAsApproved")}
                </td>
                <td className="px-4 py-2">
                  <span className="font-semibold">{tp(r.account.platform)}</span> @{r.account.handle}
                  <span className="block text-xs text-slate-500">{r.account.unit.name}</span>
                </td>
                <td className="max-w-md truncate px-4 py-2">
                  <Link href={`/posts/${r.post.id}`} className="hover:underline">
                    {r.post.title || r.post.baseText}
                  </Link>
                </td>
                <td className="px-4 py-2">
                  <StatusBadge status={r.status} />
                </td>
              </tr>
            ))}
            {list.rows.length === 0 && (
              <tr>
                <td colSpan={4} className="px-4 py-8 text-center text-slate-500">
                  {t("noPosts")}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <nav className="flex items-center justify-between text-sm" aria-label={t("pagination")}>
        <span>{t("totalTargets", { count: list.total })}</span>
        <span className="flex gap-2">
          {list.page > 1 && (
            <Link href={`/posts?${query(list.page - 1)}`} className="underline">
              {t("previousPage")}
            </Link>
          )}
          <span>{t("pageOf", { page: list.page, pages: list.pages })}</span>
          {list.page < list.pages && (
            <Link href={`/posts?${query(list.page + 1)}`} className="underline">
              {t("nextPage")}
            </Link>
          )}
        </span>
      </nav>
    </div>
  );
}
