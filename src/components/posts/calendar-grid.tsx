"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { PlatformIcon } from "@/components/ui/platform-icon";
import { fromZonedInput } from "@/lib/time";
import { statusColours } from "./status-colours";

export type CalendarItem = {
  key: string;
  /** Empty when the chip holds too many targets to move from the calendar (then `movable` is false). */
  targetIds: string[];
  /** How many targets (accounts) the chip stands for. */
  count: number;
  postId: string;
  /** The day and "HH:mm" on the reader's clock (the grid's), which place the item in the grid. */
  day: string;
  homeTime: string;
  /** The date and time on the clock of the accounts' unit, as the item shows them and the move form edits them. */
  date: string;
  time: string;
  zone: string;
  zoneLabel: string;
  timeLabel: string;
  platforms: string[];
  statuses: string[];
  text: string;
  movable: boolean;
};

export type CalendarDay = {
  date: string;
  label: string;
  muted: boolean;
  today: boolean;
  /** Chips of this day the server did not send (a national day holds hundreds), shown in the list instead. */
  hidden?: number;
  listHref?: string;
};

const MONTH_CAP = 5;
const HOURS = Array.from({ length: 24 }, (_, h) => h);
const pad = (n: number) => String(n).padStart(2, "0");
type Result =
  { ok: true; data: { status: string } } | { ok: false; message: string; fieldErrors: Record<string, string> };

/**
 * The calendar (docs/decisions/0010-the-desk-on-phones.md). A post is rescheduled by dragging it to another
 * day (month) or another day and hour (week), or, by keyboard and on touch, with its "Pindahkan jadwal"
 * form. Either way the same server action moves it, under the same re-approval rule.
 */
export function CalendarGrid({
  days,
  items,
  move,
  view,
  zone,
}: {
  days: CalendarDay[];
  items: CalendarItem[];
  move: (input: unknown) => Promise<Result>;
  view: "week" | "month";
  /** The reader's unit zone: the grid's days and hour rows are on its clock. */
  zone: string;
}) {
  const t = useTranslations("calendar");
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [over, setOver] = useState<string | null>(null);
  const [moving, setMoving] = useState<CalendarItem | null>(null);

  /** Moves an item's targets to `at`; resolves to an error text, or null when moved. */
  function send(item: CalendarItem, at: Date): Promise<string | null> {
    return new Promise((resolve) =>
      start(async () => {
        const result = await move({ targetIds: item.targetIds, scheduledAt: at.toISOString() });
        if (!result.ok) {
          const text = [result.message, ...Object.values(result.fieldErrors)].join(" ");
          setMessage({ ok: false, text });
          router.refresh();
          resolve(text);
          return;
        }
        setMessage({
          ok: true,
          text: result.data.status === "PENDING_APPROVAL" ? t("movedNeedsApproval") : t("moved"),
        });
        router.refresh();
        resolve(null);
      }),
    );
  }

  /** A drop on a day keeps the time of day; a drop on an hour row of the week keeps the minutes. */
  function drop(day: string, hour: number | null, key: string) {
    setOver(null);
    const item = items.find((i) => i.key === key);
    if (!item?.movable) return;
    const time = hour === null ? item.homeTime : `${pad(hour)}:${item.homeTime.slice(3)}`;
    if (day === item.day && time === item.homeTime) return;
    const at = fromZonedInput(`${day}T${time}`, zone);
    if (at) void send(item, at);
  }

  const chip = (i: CalendarItem) => (
    <li
      key={i.key}
      draggable={i.movable}
      onDragStart={(e) => e.dataTransfer.setData("text/plain", i.key)}
      data-testid="calendar-item"
      data-status={i.statuses.join(" ")}
      className={`rounded px-1 py-0.5 text-[11px] leading-tight ${i.statuses.length === 1 ? (statusColours[i.statuses[0]!] ?? "bg-slate-100") : i.statuses.includes("FAILED") || i.statuses.includes("UNCONFIRMED") ? "bg-red-50 text-red-900 ring-1 ring-red-300" : "bg-slate-100 text-slate-800"} ${i.movable ? "cursor-grab" : ""}`}
      title={i.text}
    >
      <Link href={`/posts/${i.postId}`} className="block">
        <span className="font-semibold">{i.timeLabel}</span> · {t("accounts", { count: i.count })}
        <span className="block truncate">{i.text}</span>
      </Link>
      <span className="mt-0.5 flex flex-wrap items-center gap-0.5" data-testid="calendar-platforms">
        {i.platforms.map((p) => (
          <PlatformIcon key={p} platform={p} />
        ))}
      </span>
      {i.movable && (
        <button
          type="button"
          onClick={() => setMoving(i)}
          className="mt-0.5 block w-full rounded border border-current/30 bg-white/70 px-1 py-0.5 text-left text-[11px] font-medium [overflow-wrap:anywhere] text-brand-900 hover:bg-white focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
        >
          {t("moveButton")}
          <span className="sr-only">
            {": "}
            {i.text.slice(0, 80)}, {i.timeLabel}
          </span>
        </button>
      )}
    </li>
  );

  const dayHeader = (d: CalendarDay) => (
    <h2
      className={`mb-1 flex flex-wrap items-center gap-1 text-xs font-semibold ${view === "week" ? "md:min-h-9 md:content-start" : ""} ${d.today ? "text-brand-900" : ""}`}
      aria-current={d.today ? "date" : undefined}
      data-testid={d.today ? "calendar-today" : undefined}
    >
      <span>{d.label}</span>
      {d.today && (
        <span className="rounded-full bg-brand-700 px-1.5 py-px text-[10px] font-bold text-white">
          {t("todayBadge")}
        </span>
      )}
    </h2>
  );

  const moreLink = (d: CalendarDay) =>
    d.hidden && d.listHref ? (
      <Link
        href={d.listHref}
        className="mt-1 block text-[11px] text-brand-700 underline"
        data-testid="calendar-more-in-list"
      >
        {t("moreInList", { count: d.hidden })}
      </Link>
    ) : null;

  const ordered = [...items].sort((a, b) => (a.day + a.homeTime).localeCompare(b.day + b.homeTime));

  return (
    <div className="space-y-2">
      {message && (
        <p
          role={message.ok ? "status" : "alert"}
          className={`text-sm ${message.ok ? "text-emerald-700" : "text-red-700"}`}
        >
          {message.text}
        </p>
      )}
      {view === "week" ? (
        // The week: one column per day with 24 hour rows on a wide screen; on a phone the days stack and
        // only the hours that hold something are shown, which reads as an agenda.
        <div
          className={`grid grid-cols-1 gap-px overflow-hidden rounded-xl border border-slate-200 bg-slate-200 md:grid-cols-7 ${pending ? "opacity-60" : ""}`}
        >
          {days.map((d) => {
            const dayItems = ordered.filter((i) => i.day === d.date);
            return (
              <section
                key={d.date}
                data-day={d.date}
                aria-label={d.label}
                className={`p-1.5 ${d.today ? "bg-brand-50 ring-2 ring-brand-600 ring-inset" : "bg-white"}`}
              >
                {dayHeader(d)}
                {dayItems.length === 0 && <p className="text-[11px] text-slate-600 md:hidden">{t("nothing")}</p>}
                <div>
                  {HOURS.map((h) => {
                    const slotItems = dayItems.filter((i) => Number(i.homeTime.slice(0, 2)) === h);
                    const id = `${d.date}T${pad(h)}`;
                    return (
                      <div
                        key={h}
                        data-hour={pad(h)}
                        onDragOver={(e) => {
                          e.preventDefault();
                          if (over !== id) setOver(id);
                        }}
                        onDragLeave={() => setOver((o) => (o === id ? null : o))}
                        onDrop={(e) => {
                          e.preventDefault();
                          drop(d.date, h, e.dataTransfer.getData("text/plain"));
                        }}
                        className={`min-h-7 border-t border-slate-100 py-0.5 ${slotItems.length ? "" : "hidden md:block"} ${over === id ? "bg-brand-100" : ""}`}
                      >
                        <span aria-hidden="true" className="block text-[10px] leading-none text-slate-600">
                          {pad(h)}.00
                        </span>
                        {slotItems.length > 0 && <ul className="space-y-1">{slotItems.map(chip)}</ul>}
                      </div>
                    );
                  })}
                </div>
                {moreLink(d)}
              </section>
            );
          })}
        </div>
      ) : (
        <div
          className={`grid grid-cols-7 gap-px overflow-hidden rounded-xl border border-slate-200 bg-slate-200 ${pending ? "opacity-60" : ""}`}
        >
          {days.map((d) => {
            const dayItems = ordered.filter((i) => i.day === d.date);
            const cap = !expanded.has(d.date) ? MONTH_CAP : dayItems.length;
            return (
              <section
                key={d.date}
                data-day={d.date}
                aria-label={d.label}
                onDragOver={(e) => {
                  e.preventDefault();
                  if (over !== d.date) setOver(d.date);
                }}
                onDrop={(e) => {
                  e.preventDefault();
                  drop(d.date, null, e.dataTransfer.getData("text/plain"));
                }}
                className={`min-h-28 min-w-0 p-1.5 ${over === d.date ? "bg-brand-100" : d.today ? "bg-brand-50" : d.muted ? "bg-slate-50 text-slate-600" : "bg-white"} ${d.today ? "ring-2 ring-brand-600 ring-inset" : ""}`}
              >
                {dayHeader(d)}
                <ul className="space-y-1">
                  {dayItems.slice(0, cap).map(chip)}
                  {dayItems.length > cap && (
                    <li>
                      <button
                        type="button"
                        className="text-[11px] text-brand-700 underline"
                        onClick={() => setExpanded(new Set([...expanded, d.date]))}
                      >
                        {t("more", { count: dayItems.length - cap })}
                      </button>
                    </li>
                  )}
                </ul>
                {moreLink(d)}
              </section>
            );
          })}
        </div>
      )}
      {moving && <MoveDialog item={moving} onClose={() => setMoving(null)} send={send} />}
    </div>
  );
}

/**
 * "Pindahkan jadwal": a date and a time on the clock of the item's unit, for the keyboard and for touch
 * screens, where dragging does not work. A native modal <dialog>: focus moves in, Escape closes it.
 */
function MoveDialog({
  item,
  onClose,
  send,
}: {
  item: CalendarItem;
  onClose: () => void;
  send: (item: CalendarItem, at: Date) => Promise<string | null>;
}) {
  const t = useTranslations("calendar");
  const tc = useTranslations("common");
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const field = (name: string) => {
      const value = form.get(name);
      return typeof value === "string" ? value : "";
    };
    const at = fromZonedInput(`${field("date")}T${field("time")}`, item.zone);
    if (!at) {
      setError(t("moveInvalid"));
      return;
    }
    setBusy(true);
    const failed = await send(item, at);
    setBusy(false);
    if (failed) setError(failed);
    else ref.current?.close();
  }

  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-about`}
      data-testid="move-dialog"
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl border border-slate-200 p-5 text-slate-900 shadow-xl backdrop:bg-slate-900/40"
    >
      <form onSubmit={submit} noValidate>
        <h2 id={`${id}-title`} className="text-lg font-semibold">
          {t("moveTitle")}
        </h2>
        <div id={`${id}-about`} className="mt-2 space-y-1 text-sm text-slate-700">
          <p className="line-clamp-2">{item.text}</p>
          <p>{t("moveNow", { time: item.timeLabel, count: item.count })}</p>
          <p>{t("moveRule")}</p>
        </div>
        <div className="mt-4 grid grid-cols-2 gap-3">
          <label className="block text-sm font-medium">
            {t("moveDate")}
            <input
              type="date"
              name="date"
              required
              defaultValue={item.date}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
              className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5"
            />
          </label>
          <label className="block text-sm font-medium">
            {t("moveTime", { zone: item.zoneLabel })}
            <input
              type="time"
              name="time"
              required
              defaultValue={item.time}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
              className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5"
            />
          </label>
        </div>
        {error && (
          <p id={`${id}-error`} role="alert" className="mt-2 text-sm text-red-700">
            {error}
          </p>
        )}
        <div className="mt-5 flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={() => ref.current?.close()}>
            {tc("cancel")}
          </Button>
          <Button type="submit" disabled={busy}>
            {t("moveSubmit")}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
