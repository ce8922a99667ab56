import { describe, expect, it } from "vitest";
import { isoToDay } from "@/server/engagement/days";
import { monthStart, splitMonths } from "@/server/leaderboard/months";

const d = isoToDay;

describe("splitting a period into whole months and end days", () => {
  it("finds the first day of a month, across years and leap days", () => {
    expect(monthStart(d("2024-02-29"))).toBe(d("2024-02-01"));
    expect(monthStart(d("2026-01-01"))).toBe(d("2026-01-01"));
    expect(monthStart(d("2025-12-31"))).toBe(d("2025-12-01"));
  });

  it("reads a year ending mid-month as its whole months and the days at both ends", () => {
    expect(splitMonths(d("2025-11-23"), d("2026-11-22"))).toEqual({
      months: [d("2025-12-01"), d("2026-10-01")],
      days: [
        [d("2025-11-23"), d("2025-11-30")],
        [d("2026-11-01"), d("2026-11-22")],
      ],
    });
  });

  it("needs no days when the period is whole months, and no months when none fits", () => {
    expect(splitMonths(d("2026-01-01"), d("2026-03-31"))).toEqual({
      months: [d("2026-01-01"), d("2026-03-01")],
      days: [],
    });
    expect(splitMonths(d("2026-02-01"), d("2026-02-28"))).toEqual({
      months: [d("2026-02-01"), d("2026-02-01")],
      days: [],
    });
    expect(splitMonths(d("2026-01-15"), d("2026-02-27"))).toEqual({
      months: null,
      days: [[d("2026-01-15"), d("2026-02-27")]],
    });
    expect(splitMonths(d("2026-01-31"), d("2026-03-01"))).toEqual({
      months: [d("2026-02-01"), d("2026-02-01")],
      days: [
        [d("2026-01-31"), d("2026-01-31")],
        [d("2026-03-01"), d("2026-03-01")],
      ],
    });
  });

  it("covers every day of the period exactly once", () => {
    for (let from = d("2025-12-20"); from < d("2026-03-10"); from += 3) {
      for (const len of [1, 7, 30, 31, 45, 90, 366]) {
        const to = from + len - 1;
        const { months, days } = splitMonths(from, to);
        const covered: number[] = days.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => a + i));
        if (months)
          for (let m = months[0]; m <= months[1]; m = monthStart(m + 31)) {
            const next = monthStart(m + 31);
            for (let x = m; x < next; x++) covered.push(x);
          }
        expect(covered.sort((a, b) => a - b)).toEqual(Array.from({ length: len }, (_, i) => from + i));
      }
    }
  });
});
