import { TZDate } from "@date-fns/tz";
import { addDays, addMonths, addWeeks, endOfMonth, endOfWeek, format, startOfMonth, startOfWeek } from "date-fns";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { CalendarGrid, type CalendarDay, type CalendarItem } from "@/components/posts/calendar-grid";
import { PostFilters } from "@/components/posts/post-filters";
import { nowInZone, toZonedInput, zoneLabel } from "@/lib/time";
import { postListFilterSchema } from "@/schemas/posts";
import { actorCan, actorCanAnywhere, requireActorPage } from "@/server/auth/guards";
import { listUnitFilterOptions } from "@/server/units/list-unit-options";
import { CALENDAR_PER_DAY, listCalendarGroups } from "@/server/posts/list-targets";
import { moveTargetAction } from "./actions";
import { isIn, MOVABLE_STATUSES } from "@/lib/post-lifecycle";
import { AutoRefresh } from "@/components/ui/auto-refresh";

// A day the calendar can show: from 1970 on (the year 0 crashed the page, decision 0009).
const daySchema = z.iso.date().refine((d) => d >= "1970-01-01");

export async function generateMetadata() {
  return { title: (await getTranslations("calendar"))("title") };
}

export default async function CalendarPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const actor = await requireActorPage();
  // A person without the right at all (a RESPONDER): 404, like every page refused for lack of rights.
  if (!actorCanAnywhere(actor, "post.read")) notFound();
  const raw = Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => v)) as Record<string, string>;
  const view = raw.view === "month" ? "month" : "week";
  const day = daySchema.optional().safeParse(raw.date);
  if (!day.success) notFound();
  const date = day.data;
  const filter = postListFilterSchema.catch({ page: 1 }).parse(raw);
  const { units, partial } = await listUnitFilterOptions(actor, "post.read", filter.unitId);
  // The grid follows the person's own unit clock; each post shows its time on its unit's clock.
  const home = units.find((u) => actor.memberships.some((m) => m.unitId === u.id))?.timeZone ?? "Asia/Jakarta";
  const now = nowInZone(home);
  const anchor = date ? new TZDate(`${date}T12:00:00`, home) : now;
  const start =
    view === "week" ? startOfWeek(anchor, { weekStartsOn: 1 }) : startOfWeek(startOfMonth(anchor), { weekStartsOn: 1 });
  const end =
    view === "week" ? endOfWeek(anchor, { weekStartsOn: 1 }) : endOfWeek(endOfMonth(anchor), { weekStartsOn: 1 });
  const [t, locale] = await Promise.all([getTranslations("calendar"), getLocale()]);
  const dateFmt = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "id-ID", {
    weekday: "short",
    day: "numeric",
    month: view === "week" ? "short" : undefined,
    timeZone: home,
  });
  const today = format(now, "yyyy-MM-dd");
  const days: CalendarDay[] = [];
  for (let d = start; d <= end; d = addDays(d, 1)) {
    days.push({
      date: format(d, "yyyy-MM-dd"),
      label: dateFmt.format(d),
      muted: view === "month" && d.getMonth() !== anchor.getMonth(),
      today: format(d, "yyyy-MM-dd") === today,
    });
  }
  const groups = await listCalendarGroups(
    actor,
    filter,
    { from: new Date(start.getTime()), to: new Date(addDays(end, 1).getTime()) },
    home,
    CALENDAR_PER_DAY[view],
  );
  // One chip per post and minute on the accounts' clock: a post to 40 accounts is one thing to look at, not 40.
  const items: CalendarItem[] = groups.map((g) => {
    const inHome = toZonedInput(g.at, home);
    const own = toZonedInput(g.at, g.zone);
    const movable =
      g.targetIds !== null &&
      g.statuses.every((s) => isIn(MOVABLE_STATUSES, s)) &&
      actorCan(actor, "post.schedule", { path: g.unitPath });
    return {
      key: `${g.postId}|${g.at.toISOString()}|${g.zone}`,
      // Only a chip this reader may move carries the ids its move sends.
      targetIds: movable ? (g.targetIds ?? []) : [],
      count: g.count,
      postId: g.postId,
      day: inHome.slice(0, 10),
      homeTime: inHome.slice(11),
      date: own.slice(0, 10),
      time: own.slice(11),
      zone: g.zone,
      zoneLabel: zoneLabel(g.zone),
      timeLabel: `${own.slice(11)} ${zoneLabel(g.zone)}`,
      platforms: g.platforms,
      statuses: g.statuses,
      text: g.text,
      movable,
    };
  });
  // Days with more chips than were sent say how many more, with a link to that day in the list.
  const perDay = new Map(groups.map((g) => [g.day, g.dayTotal]));
  for (const d of days) {
    const sent = items.filter((i) => i.day === d.date).length;
    d.hidden = Math.max(0, (perDay.get(d.date) ?? 0) - sent);
    if (d.hidden > 0)
      d.listHref = `/posts?${new URLSearchParams({ ...listFilters(raw), from: d.date, to: d.date }).toString()}`;
  }
  const step = (n: number) => format(view === "week" ? addWeeks(anchor, n) : addMonths(anchor, n), "yyyy-MM-dd");
  const link = (patch: Record<string, string>) => `/calendar?${new URLSearchParams({ ...raw, ...patch }).toString()}`;
  const title = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "id-ID", {
    month: "long",
    year: "numeric",
    timeZone: home,
  }).format(anchor);
  return (
    <div className="space-y-4">
      <AutoRefresh seconds={15} />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">
          {t("title")} · {title}
        </h1>
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <Link href={link({ date: step(-1) })} className="rounded-md border border-slate-300 bg-white px-2 py-1">
            ‹ {t("previous")}
          </Link>
          <Link href={link({ date: today })} className="rounded-md border border-slate-300 bg-white px-2 py-1">
            {t("today")}
          </Link>
          <Link href={link({ date: step(1) })} className="rounded-md border border-slate-300 bg-white px-2 py-1">
            {t("next")} ›
          </Link>
          <Link
            href={link({ view: "week" })}
            aria-current={view === "week" ? "page" : undefined}
            className={`rounded-md px-2 py-1 ${view === "week" ? "bg-brand-900 text-white" : "border border-slate-300 bg-white"}`}
          >
            {t("week")}
          </Link>
          <Link
            href={link({ view: "month" })}
            aria-current={view === "month" ? "page" : undefined}
            className={`rounded-md px-2 py-1 ${view === "month" ? "bg-brand-900 text-white" : "border border-slate-300 bg-white"}`}
          >
            {t("month")}
          </Link>
          <Link href="/posts" className="text-brand-700 underline">
            {t("listView")}
          </Link>
        </div>
      </div>
      <PostFilters units={units} partial={partial} values={raw} extra={{ view, ...(date ? { date } : {}) }} />
      <p className="text-xs text-slate-600">{t("zoneNote", { zone: zoneLabel(home) })}</p>
      <CalendarGrid days={days} items={items} move={moveTargetAction} view={view} zone={home} />
    </div>
  );
}

/** The calendar's filters that the post list understands. */
function listFilters(raw: Record<string, string>) {
  return Object.fromEntries(Object.entries(raw).filter(([k]) => ["unitId", "platform", "status"].includes(k)));
}
