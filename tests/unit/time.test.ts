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
