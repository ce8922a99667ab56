import { describe, expect, it } from "vitest";
import {
  competitionRanks,
  computeIndex,
  defaultWeights,
  percentileRanks,
  type ComponentValues,
} from "@/lib/activity-index";

// Every expected number below was worked by hand (docs/decisions/0004-activity-index.md), not taken from the code.
const group: { key: string; values: ComponentValues }[] = [
  {
    key: "A",
    values: {
      activity: 10,
      consistency: 0.9,
      engagement: 40,
      engagementRate: 0.02,
      reliability: 0.95,
      responsiveness: 0.8,
    },
  },
  {
    key: "B",
    values: {
      activity: 6,
      consistency: 0.5,
      engagement: 120,
      engagementRate: 0.05,
      reliability: 0.95,
      responsiveness: null,
    },
  },
  {
    key: "C",
    values: {
      activity: 6,
      consistency: 0.7,
      engagement: 80,
      engagementRate: null,
      reliability: 0.95,
      responsiveness: 0.8,
    },
  },
  {
    key: "D",
    values: {
      activity: 2,
      consistency: 0.1,
      engagement: 80,
      engagementRate: 0.01,
      reliability: 0.5,
      responsiveness: 0.5,
    },
  },
];
/** The defaults before Responsivitas existed, which weights saved then still hold (responsiveness 0). */
const fiveComponentWeights = {
  activity: 25,
  consistency: 20,
  engagement: 20,
  engagementRate: 15,
  reliability: 20,
  responsiveness: 0,
};

describe("percentile rank within a peer group", () => {
  it("counts peers below and half the ties, over n − 1", () => {
    expect(percentileRanks([10, 6, 6, 2])).toEqual([100, 50, 50, 0]);
    expect(percentileRanks([0.9, 0.5, 0.7, 0.1]).map((x) => x.toFixed(3))).toEqual([
      "100.000",
      "33.333",
      "66.667",
      "0.000",
    ]);
  });

  it("puts a missing number below every number", () => {
    expect(percentileRanks([0.02, 0.05, null, 0.01]).map((x) => x.toFixed(3))).toEqual([
      "66.667",
      "100.000",
      "0.000",
      "33.333",
    ]);
  });

  it("gives 50 to a group that is all tied and 100 to a group of one", () => {
    expect(percentileRanks([3, 3, 3])).toEqual([50, 50, 50]);
    expect(percentileRanks([0])).toEqual([100]);
  });
});

describe("the activity index of a hand-worked peer group", () => {
  it("matches the hand-computed percentiles, scores and ranks with the weights 25/20/20/15/20/0", () => {
    const result = computeIndex(group, fiveComponentWeights);
    const byKey = Object.fromEntries(result.map((r) => [r.key, r]));
    expect(byKey.A!.percentiles.engagement).toBe(0);
    expect(byKey.C!.percentiles.engagement).toBe(50);
    expect(byKey.A!.percentiles.reliability.toFixed(3)).toBe("66.667");
    expect(byKey.D!.percentiles.reliability).toBe(0);
    expect(result.map((r) => [r.key, r.score, r.rank])).toEqual([
      ["A", 68.3, 1],
      ["B", 67.5, 2],
      ["C", 49.2, 3],
      ["D", 15, 4],
    ]);
  });

  it("counts Responsivitas with the default weights 20/20/15/10/20/15, a peer with nothing to answer lowest", () => {
    const result = computeIndex(group, defaultWeights);
    const byKey = Object.fromEntries(result.map((r) => [r.key, r]));
    expect(byKey.A!.percentiles.responsiveness.toFixed(3)).toBe("83.333");
    expect(byKey.C!.percentiles.responsiveness.toFixed(3)).toBe("83.333");
    expect(byKey.D!.percentiles.responsiveness.toFixed(3)).toBe("33.333");
    expect(byKey.B!.percentiles.responsiveness).toBe(0);
    expect(result.map((r) => [r.key, r.score, r.rank])).toEqual([
      ["A", 72.5, 1],
      ["B", 55, 3],
      ["C", 56.7, 2],
      ["D", 15.8, 4],
    ]);
  });

  it("follows the weights: all weight on engagement ranks by median interactions, with a shared second place", () => {
    const result = computeIndex(group, {
      activity: 0,
      consistency: 0,
      engagement: 1,
      engagementRate: 0,
      reliability: 0,
      responsiveness: 0,
    });
    expect(result.map((r) => [r.key, r.score, r.rank])).toEqual([
      ["A", 0, 4],
      ["B", 100, 1],
      ["C", 50, 2],
      ["D", 50, 2],
    ]);
  });

  it("ties identical peers and skips the next rank", () => {
    const same: ComponentValues = {
      activity: 5,
      consistency: 0.5,
      engagement: 10,
      engagementRate: 0.01,
      reliability: 1,
      responsiveness: 1,
    };
    const low: ComponentValues = {
      activity: 1,
      consistency: 0.1,
      engagement: 1,
      engagementRate: 0.001,
      reliability: 0.2,
      responsiveness: 0.2,
    };
    const result = computeIndex(
      [
        { key: "X", values: same },
        { key: "Y", values: same },
        { key: "Z", values: low },
      ],
      defaultWeights,
    );
    expect(result.map((r) => [r.key, r.score, r.rank])).toEqual([
      ["X", 75, 1],
      ["Y", 75, 1],
      ["Z", 0, 3],
    ]);
    expect(competitionRanks([75, 75, 0])).toEqual([1, 1, 3]);
  });
});
