"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { localeCookie, locales } from "@/i18n/locales";

/** A value that is not a known language changes nothing (found by the fuzz test: it answered 500). */
export async function setLocale(input: unknown): Promise<void> {
  const locale = z.enum(locales).safeParse(input);
  if (!locale.success) return;
  (await cookies()).set(localeCookie, locale.data, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax" });
}
