import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { PostFilters } from "@/components/posts/post-filters";
import { StatusBadge } from "@/components/posts/status-badge";
import { DataTable } from "@/components/ui/data-table";
import { formatInZone, zoneLabel } from "@/lib/time";
import { postListFilterSchema } from "@/schemas/posts";
import { notFound } from "next/navigation";
import { actorCanAnywhere, requireActorPage } from "@/server/auth/guards";
import { listUnitFilterOptions } from "@/server/units/list-unit-options";
import { listTargets } from "@/server/posts/list-targets";
import { AutoRefresh } from "@/components/ui/auto-refresh";

export async function generateMetadata() {
  return { title: (await getTranslations("posts"))("listTitle") };
}

export default async function PostsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const actor = await requireActorPage();
  // A person without the right at all (a RESPONDER): 404, like every page refused for lack of rights.
  if (!actorCanAnywhere(actor, "post.read")) notFound();
  const raw = Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => v));
  const parsed = postListFilterSchema.safeParse(raw);
  const filter = parsed.success ? parsed.data : postListFilterSchema.parse({});
  const [t, tp, locale, { units, partial }] = await Promise.all([
    getTranslations("posts"),
    getTranslations("platforms"),
    getLocale(),
    listUnitFilterOptions(actor, "post.read", filter.unitId),
  ]);
  // Days (from the calendar's "more in the list") are read on the person's own unit clock, as the calendar shows them.
  const home = units.find((u) => actor.memberships.some((m) => m.unitId === u.id))?.timeZone ?? "Asia/Jakarta";
  const list = await listTargets(actor, filter, home);
  const dayFilter = filter.from || filter.to;
  const number = new Intl.NumberFormat(locale === "en" ? "en-GB" : "id-ID");
  const query = (page: number) => new URLSearchParams({ ...raw, page: String(page) }).toString();
  return (
    <div className="space-y-4">
      <AutoRefresh seconds={15} />
      <div className="flex flex-wrap items-center justify-between gap-2">
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
      <PostFilters units={units} partial={partial} values={raw} />
      {dayFilter && (
        <p className="text-sm" data-testid="post-list-days">
          {t("onlyDays", {
            from: filter.from ?? "…",
            to: filter.to ?? "…",
            zone: zoneLabel(home),
          })}{" "}
          <Link
            href={`/posts?${new URLSearchParams(Object.fromEntries(Object.entries(raw).filter(([k]) => k !== "from" && k !== "to" && k !== "page")) as Record<string, string>).toString()}`}
            className="text-brand-700 underline"
          >
            {t("allDays")}
          </Link>
        </p>
      )}
      <DataTable
        label={t("tableLabel")}
        rows={list.rows}
        dense
        columns={[
          {
            key: "time",
            header: t("time"),
            className: "whitespace-nowrap",
            cell: (r) =>
              r.scheduledAt ? formatInZone(r.scheduledAt, r.account.unit.timeZone, locale) : t("asSoonAsApproved"),
          },
          {
            key: "account",
            header: t("account"),
            className: "min-w-40",
            cell: (r) => (
              <>
                <span className="font-semibold">{tp(r.account.platform)}</span> @{r.account.handle}
                <span className="block text-xs text-slate-600">{r.account.unit.name}</span>
              </>
            ),
          },
          {
            key: "text",
            header: t("text"),
            className: "min-w-48 max-w-md",
            cell: (r) => (
              <Link href={`/posts/${r.post.id}`} className="line-clamp-2 text-brand-700 hover:underline">
                {r.post.title || r.post.baseText}
              </Link>
            ),
          },
          { key: "status", header: t("status"), cell: (r) => <StatusBadge status={r.status} /> },
        ]}
        rowKey={(r) => r.id}
        rowProps={() => ({ "data-testid": "post-row" })}
        empty={t("noPosts")}
      />
      <nav className="flex flex-wrap items-center justify-between gap-2 text-sm" aria-label={t("pagination")}>
        <span data-testid="post-list-total">
          {t(list.more ? "totalTargetsOver" : "totalTargets", { count: number.format(list.total) })}
        </span>
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
