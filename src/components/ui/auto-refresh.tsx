"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * Live state by polling (docs/decisions/0010-the-desk-on-phones.md): every `seconds` the page's server
 * components are drawn again, the top bar's counts with them, so both always agree with each other and with
 * the worker. Typed text and open dialogs stay (a refresh keeps client state); a hidden tab does not poll.
 */
export function AutoRefresh({ seconds }: { seconds: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, seconds * 1_000);
    return () => clearInterval(timer);
  }, [router, seconds]);
  return null;
}
