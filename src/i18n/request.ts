import { cookies } from "next/headers";
import type { AbstractIntlMessages } from "next-intl";
import { getRequestConfig } from "next-intl/server";
import { localeCookie, toLocale } from "@/i18n/locales";

// Bahasa Indonesia unless the person chose English with the switch (a cookie, so URLs stay the same).
export default getRequestConfig(async () => {
  const locale = toLocale((await cookies()).get(localeCookie)?.value);
  return {
    locale,
    messages: ((await import(`../messages/${locale}.json`)) as { default: AbstractIntlMessages }).default,
    timeZone: "Asia/Jakarta",
  };
});
