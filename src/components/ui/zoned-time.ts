import "server-only";
import { getLocale } from "next-intl/server";
import { formatInZone } from "@/lib/time";

/** A formatter for the reader's language that shows instants in a unit's zone with WIB/WITA/WIT. */
export async function zonedFormatter() {
  const locale = await getLocale();
  return (date: Date, timeZone: string) => formatInZone(date, timeZone, locale);
}
