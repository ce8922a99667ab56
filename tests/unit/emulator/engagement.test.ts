import { describe, expect, it } from "vitest";
import { engagementAt } from "@/emulator/engagement";

describe("emulated engagement", () => {
  it("grows with time since posting and is the same for the same post and moment", () => {
    const t0 = Date.UTC(2026, 10, 1);
    const at = (minutes: number) => engagementAt("1795313339032000001", t0, t0 + minutes * 60_000);
    expect(at(0).views).toBe(0);
    expect(at(60).views).toBeGreaterThan(at(5).views);
    expect(at(24 * 60).likes).toBeGreaterThan(at(60).likes);
    expect(at(90)).toEqual(at(90));
  });
});
