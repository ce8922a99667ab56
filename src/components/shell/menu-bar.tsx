"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";

export type MenuItem = { href: string; label: string; badge?: number };

/**
 * The top bar's menu. On phones and narrow tablets (below the `md` breakpoint, where the side bar is
 * hidden) a disclosure button opens the same links as the side bar with the account controls (`children`)
 * below them; it closes on Escape (focus goes back to the button) and whenever a link leads to another
 * page. From `md` up only the account controls show, in the bar itself. They are rendered once, so each
 * control exists once in the page whatever its width.
 */
export function MenuBar({ items, children }: { items: MenuItem[]; children: React.ReactNode }) {
  const t = useTranslations("nav");
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const path = usePathname();
  const [shownFor, setShownFor] = useState(path);
  if (shownFor !== path) {
    setShownFor(path);
    setOpen(false);
  }
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);
  const waiting = items.reduce((sum, i) => sum + (i.badge ?? 0), 0);
  const active = (href: string) => (href === "/" ? path === "/" : path.startsWith(href));

  return (
    <div className="ml-auto">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
        data-testid="menu-button"
        className="inline-flex items-center gap-2 rounded-md border md:hidden border-slate-300 px-3 py-1.5 text-sm font-semibold text-slate-800 hover:bg-slate-100"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor">
          {open ? (
            <path d="M5.3 4.3 10 9l4.7-4.7 1 1L11 10l4.7 4.7-1 1L10 11l-4.7 4.7-1-1L9 10 4.3 5.3z" />
          ) : (
            <path d="M3 5h14v1.5H3zm0 4.25h14v1.5H3zM3 13.5h14V15H3z" />
          )}
        </svg>
        {t("menu")}
        {waiting > 0 && (
          <span className="rounded-full bg-amber-400 px-1.5 text-xs font-bold text-brand-900">
            {waiting}
            <span className="sr-only"> {t("waitingShort")}</span>
          </span>
        )}
      </button>
      <div
        id={panelId}
        className={`${open ? "block" : "hidden"} absolute inset-x-0 top-full z-30 border-b border-slate-200 bg-white shadow-lg md:static md:block md:border-0 md:shadow-none`}
      >
        <nav aria-label={t("main")} className="grid grid-cols-1 gap-1 p-3 sm:grid-cols-2 md:hidden">
          {items.map((item) => (
            <Link
              key={item.href}
              href={item.href}
              aria-current={active(item.href) ? "page" : undefined}
              className={`flex items-center justify-between rounded-md px-3 py-2.5 text-sm ${
                active(item.href) ? "bg-brand-50 font-semibold text-brand-900" : "text-slate-800 hover:bg-slate-100"
              }`}
            >
              {item.label}
              {item.badge ? (
                <span className="rounded-full bg-amber-400 px-1.5 text-xs font-bold text-brand-900">{item.badge}</span>
              ) : null}
            </Link>
          ))}
        </nav>
        <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 px-4 py-3 md:border-0 md:p-0">
          {children}
        </div>
      </div>
    </div>
  );
}
