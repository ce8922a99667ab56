"use client";

import { useEffect, useRef } from "react";

/**
 * A block folded away on phones and open on wider screens (docs/decisions/0010-the-desk-on-phones.md):
 * a native <details>, so it opens and closes without script; once the script runs it opens itself
 * where the screen is at least `md` wide. Errors inside keep it open (`open`).
 */
export function Fold({
  summary,
  open,
  className,
  children,
}: {
  summary: React.ReactNode;
  open?: boolean;
  className?: string;
  children: React.ReactNode;
}) {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (ref.current && window.matchMedia("(min-width: 768px)").matches) ref.current.open = true;
  }, []);
  return (
    <details ref={ref} open={open} className={`group ${className ?? ""}`}>
      <summary className="cursor-pointer list-none rounded-md px-1 py-1 text-sm font-semibold text-slate-800 [&::-webkit-details-marker]:hidden">
        <span aria-hidden className="mr-1 inline-block transition-transform group-open:rotate-90">
          ▸
        </span>
        {summary}
      </summary>
      {children}
    </details>
  );
}
