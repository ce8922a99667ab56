import { describe, expect, it } from "vitest";
import { dayInZone, formatInZone, fromZonedInput, toZonedInput } from "@/lib/time";

describe("unit time zones", () => {
  const instant = new Date("2026-11-22T01:30:00Z");

  it("shows one instant on each zone's own clock with its label", () => {
    expect(formatInZone(instant, "Asia/Jakarta")).toMatch(/08[.:]30 WIB$/);
    expect(formatInZone(instant, "Asia/Makassar")).toMatch(/09[.:]30 WITA$/);
    expect(formatInZone(instant, "Asia/Jayapura")).toMatch(/10[.:]30 WIT$/);
  });

  it("reads a wall-clock time in the unit's zone back to the same instant", () => {
    expect(toZonedInput(instant, "Asia/Makassar")).toBe("2026-11-22T09:30");
    expect(fromZonedInput("2026-11-22T09:30", "Asia/Makassar")?.toISOString()).toBe(instant.toISOString());
    expect(fromZonedInput("2026-11-22T10:30", "Asia/Jayapura")?.toISOString()).toBe(instant.toISOString());
    expect(fromZonedInput("bukan waktu", "Asia/Jakarta")).toBeNull();
  });

  it("puts late-evening UTC times on the next day in the east", () => {
    const late = new Date("2026-11-22T16:30:00Z");
    expect(dayInZone(late, "Asia/Jakarta")).toBe("2026-11-22");
    expect(dayInZone(late, "Asia/Jayapura")).toBe("2026-11-23");
  });
});

describe("a wall clock read from one cached formatter per zone", () => {
  it("agrees with the zone arithmetic of TZDate, minute by minute, across zones, midnight, years and DST", async () => {
    const { TZDate } = await import("@date-fns/tz");
    const pad = (n: number) => String(n).padStart(2, "0");
    const slow = (d: Date, zone: string) => {
      const z = new TZDate(d.getTime(), zone);
      return `${z.getFullYear()}-${pad(z.getMonth() + 1)}-${pad(z.getDate())}T${pad(z.getHours())}:${pad(z.getMinutes())}`;
    };
    const zones = ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura", "UTC", "America/New_York", "Australia/Adelaide"];
    const starts = ["1970-01-01T00:00:00Z", "2026-03-08T05:00:00Z", "2026-11-22T16:30:00Z", "2027-12-31T14:00:00Z"];
    let checked = 0;
    for (const zone of zones)
      for (const start of starts)
        for (let minutes = 0; minutes < 24 * 60; minutes += 7) {
          const d = new Date(Date.parse(start) + minutes * 60_000);
          expect(toZonedInput(d, zone)).toBe(slow(d, zone));
          checked++;
        }
    expect(checked).toBeGreaterThan(4_000);
  });
});
