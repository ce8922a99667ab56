"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { setLocale } from "@/app/locale-actions";

export function LocaleSwitch() {
  const locale = useLocale();
  const t = useTranslations("common");
  const router = useRouter();
  const [pending, start] = useTransition();
  const next = locale === "id" ? "en" : "id";
  return (
    <button
      type="button"
      disabled={pending}
      data-testid="locale-switch"
      onClick={() =>
        start(async () => {
          await setLocale(next);
          router.refresh();
        })
      }
      className="rounded-md border border-slate-300 px-2 py-1 text-xs font-semibold uppercase text-slate-700 hover:bg-slate-100"
    >
      <span className="sr-only">{t("switchLanguage")}: </span>
      <span lang={next}>{next === "en" ? "English" : "Bahasa Indonesia"}</span>
    </button>
  );
}
