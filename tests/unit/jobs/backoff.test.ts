import { describe, expect, it } from "vitest";
import { backoffDelay } from "@/jobs/backoff";
import { confirmJobId, publishJobId } from "@/jobs/contract";
import { canTransition } from "@/lib/post-lifecycle";

describe("retry timing and job identity", () => {
  it("doubles the wait per attempt within ±20 % and stops at an hour", () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4].map((a) => backoffDelay(a, 1_000, mid))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(backoffDelay(3, 1_000, () => 0)).toBe(3_200);
    expect(backoffDelay(3, 1_000, () => 1)).toBe(4_800);
    expect(backoffDelay(40, 30_000, mid)).toBe(3_600_000);
  });

  it("derives one job id per target, without the ':' BullMQ reserves", () => {
    const id = "4f0c3a52-0e55-4d0b-9b1e-1d2f3a4b5c6d";
    // The id is the target's own, so enqueueing the same target twice finds the same job.
    expect(publishJobId(id)).toBe(`publish-${id}`);
    expect(publishJobId("another-target")).not.toBe(publishJobId(id));
    expect(publishJobId(id)).not.toContain(":");
    expect(confirmJobId(id, 2)).not.toContain(":");
  });

  it("allows only the life cycle's moves", () => {
    expect(canTransition("SCHEDULED", "PUBLISHING")).toBe(true);
    expect(canTransition("PUBLISHED", "SCHEDULED")).toBe(false);
    expect(canTransition("UNCONFIRMED", "PUBLISHING")).toBe(false);
    expect(canTransition("DRAFT", "SCHEDULED")).toBe(false);
  });
});
