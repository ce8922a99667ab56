"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { fromZonedInput, toZonedInput } from "@/lib/time";
import { statusColours } from "./status-colours";

export type CalendarItem = {
  key: string;
  targetIds: string[];
  postId: string;
  day: string;
  at: string;
  timeLabel: string;
  zone: string;
  platforms: string[];
  statuses: string[];
  text: string;
  movable: boolean;
};

const MONTH_CAP = 5;
type Result =
  { ok: true; data: { status: string } } | { ok: false; message: string; fieldErrors: Record<string, string> };

/** Drag a post to another day to reschedule it at the same time of day, on its own unit's clock. */
export function CalendarGrid({
  days,
  items,
  move,
  view,
}: {
  days: { date: string; label: string; muted: boolean }[];
  items: CalendarItem[];
  move: (input: unknown) => Promise<Result>;
  view: "week" | "month";
}) {
  const t = useTranslations("calendar");
  const tp = useTranslations("platforms");
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const [expanded, setExpanded] = useState<Set<string>>(new Set());

  function drop(day: string, key: string) {
    const item = items.find((i) => i.key === key);
    if (!item || item.day === day) return;
    const time = toZonedInput(new Date(item.at), item.zone).slice(11);
    const at = fromZonedInput(`${day}T${time}`, item.zone);
    if (!at) return;
    start(async () => {
      let needsApproval = false;
      for (const targetId of item.targetIds) {
        const result = await move({ targetId, scheduledAt: at.toISOString() });
        if (!result.ok) {
          setMessage({ ok: false, text: [result.message, ...Object.values(result.fieldErrors)].join(" ") });
          router.refresh();
          return;
        }
        needsApproval ||= result.data.status === "PENDING_APPROVAL";
      }
      setMessage({ ok: true, text: needsApproval ? t("movedNeedsApproval") : t("moved") });
      router.refresh();
    });
  }

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
      <div
        className={`grid grid-cols-7 gap-px overflow-hidden rounded-xl border border-slate-200 bg-slate-200 ${pending ? "opacity-60" : ""}`}
      >
        {days.map((d) => (
          <div
            key={d.date}
            data-day={d.date}
            onDragOver={(e) => e.preventDefault()}
            onDrop={(e) => drop(d.date, e.dataTransfer.getData("text/plain"))}
            className={`${view === "week" ? "min-h-96" : "min-h-28"} bg-white p-1.5 ${d.muted ? "bg-slate-50 text-slate-600" : ""}`}
          >
            <p className="mb-1 text-xs font-semibold">{d.label}</p>
            {(() => {
              const dayItems = items.filter((i) => i.day === d.date);
              const cap = view === "month" && !expanded.has(d.date) ? MONTH_CAP : dayItems.length;
              return (
                <ul className="space-y-1">
                  {dayItems.slice(0, cap).map((i) => (
                    <li
                      key={i.key}
                      draggable={i.movable}
                      onDragStart={(e) => e.dataTransfer.setData("text/plain", i.key)}
                      data-testid="calendar-item"
                      data-status={i.statuses.join(" ")}
                      className={`rounded px-1 py-0.5 text-[11px] leading-tight ${i.statuses.length === 1 ? (statusColours[i.statuses[0]!] ?? "bg-slate-100") : i.statuses.includes("FAILED") || i.statuses.includes("UNCONFIRMED") ? "bg-red-50 text-red-900 ring-1 ring-red-300" : "bg-slate-100 text-slate-800"} ${i.movable ? "cursor-grab" : ""}`}
                      title={`${i.text}\n${i.platforms.map((p) => tp(p)).join(", ")}`}
                    >
                      <Link href={`/posts/${i.postId}`} className="block">
                        <span className="font-semibold">{i.timeLabel}</span> ·{" "}
                        {t("accounts", { count: i.targetIds.length })}
                        <span className="block truncate">{i.text}</span>
                      </Link>
                    </li>
                  ))}
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
              );
            })()}
          </div>
        ))}
      </div>
    </div>
  );
}
