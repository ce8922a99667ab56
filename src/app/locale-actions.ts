"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { localeCookie, locales } from "@/i18n/locales";

export async function setLocale(input: unknown): Promise<void> {
  const locale = z.enum(locales).parse(input);
  (await cookies()).set(localeCookie, locale, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax" });
}
