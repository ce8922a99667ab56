import { TZDate } from "@date-fns/tz";

// Times are stored in UTC and always shown in the owning unit's zone, with its Indonesian label.
export const zoneLabels = { "Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT" } as const;
export type UnitZone = keyof typeof zoneLabels;

export function zoneLabel(timeZone: string): string {
  return zoneLabels[timeZone as UnitZone] ?? timeZone;
}

/** "22 Nov 2026 14.30 WITA" (id) or "22 Nov 2026, 14:30 WITA" (en). */
export function formatInZone(date: Date | string, timeZone: string, locale: string = "id"): string {
  const d = typeof date === "string" ? new Date(date) : date;
  const tag = locale === "en" ? "en-GB" : "id-ID";
  return `${cachedFormat(
    `${tag}|${timeZone}`,
    () =>
      new Intl.DateTimeFormat(tag, {
        timeZone,
        day: "numeric",
        month: "short",
        year: "numeric",
        hour: "2-digit",
        minute: "2-digit",
        hour12: false,
      }),
  ).format(d)} ${zoneLabel(timeZone)}`;
}

// Making an Intl.DateTimeFormat costs far more than using one, and a page formats hundreds of times (a calendar
// week, a post's targets, the audit log): one per locale and zone, kept for the process (decision 0012).
const formats = new Map<string, Intl.DateTimeFormat>();
function cachedFormat(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = formats.get(key);
  if (!f) formats.set(key, (f = make()));
  return f;
}

/** The value of an <input type="datetime-local"> showing `date` as the clock reads in `timeZone`. */
export function toZonedInput(date: Date, timeZone: string): string {
  // One formatting of the instant on the zone's clock ("2026-11-22, 09:30" in en-CA). TZDate's getters
  // (below, kept for any engine that formats otherwise) each recompute the zone's offset: most of the
  // calendar's render for 280 chips.
  const m = /^(\d{4})-(\d{2})-(\d{2}),? (\d{2}):(\d{2})$/.exec(
    cachedFormat(
      `input|${timeZone}`,
      () =>
        new Intl.DateTimeFormat("en-CA", {
          timeZone,
          year: "numeric",
          month: "2-digit",
          day: "2-digit",
          hour: "2-digit",
          minute: "2-digit",
          hourCycle: "h23",
        }),
    ).format(date),
  );
  if (m) return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}`;
  const z = new TZDate(date.getTime(), timeZone);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${z.getFullYear()}-${pad(z.getMonth() + 1)}-${pad(z.getDate())}T${pad(z.getHours())}:${pad(z.getMinutes())}`;
}

/**
 * The instant a wall-clock "YYYY-MM-DDTHH:mm" in `timeZone` stands for; null for a time that does not exist
 * (2027-13-45T99:99, 31 February, the year 0), which Date would roll over to another one (decision 0009).
 */
export function fromZonedInput(value: string, timeZone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  if (y < 1970) return null;
  const at = new Date(new TZDate(y, mo - 1, d, h, mi, 0, timeZone).getTime());
  return toZonedInput(at, timeZone) === value ? at : null;
}

/** The calendar day (YYYY-MM-DD) of an instant in a zone. */
export function dayInZone(date: Date, timeZone: string): string {
  return toZonedInput(date, timeZone).slice(0, 10);
}

/** The clock now, on a unit's clock. A page reads it once per request (server components render per request). */
export function nowInZone(timeZone: string): TZDate {
  return new TZDate(Date.now(), timeZone);
}
