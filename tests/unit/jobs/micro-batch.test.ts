import { describe, expect, it, vi } from "vitest";
import { microBatch } from "@/server/publishing/micro-batch";

// The worker's claims, recorded outcomes and limit reservations go through microBatch: calls made
// together must share one round trip, each caller must get its own answer, and a busy database
// must make batches larger rather than let calls pile up one statement each.

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("microBatch", () => {
  it("sends the calls of one turn as one batch and gives each caller its own answer", async () => {
    const batches: number[][] = [];
    const double = microBatch(async (keys: number[]) => {
      batches.push(keys);
      return new Map(keys.filter((k) => k !== 3).map((k) => [k, k * 2]));
    });
    const answers = await Promise.all([1, 2, 3, 4].map((k) => double(k)));
    expect(batches).toEqual([[1, 2, 3, 4]]);
    // A key the batch did not answer (a target that was not claimed) comes back undefined.
    expect(answers).toEqual([2, 4, undefined, 8]);
  });

  it("gathers calls while the batches allowed in flight are out, and sends them together after", async () => {
    const batches: string[][] = [];
    const pending: { keys: string[]; done: ReturnType<typeof deferred<Map<string, string>>> }[] = [];
    const call = microBatch(
      (keys: string[]) => {
        batches.push(keys);
        const done = deferred<Map<string, string>>();
        pending.push({ keys, done });
        return done.promise;
      },
      { maxSize: 100, maxInFlight: 1 },
    );

    const first = call("a");
    await new Promise((r) => setImmediate(r));
    const later = ["b", "c", "d"].map((k) => call(k));
    await new Promise((r) => setImmediate(r));
    expect(batches).toEqual([["a"]]);

    pending[0]!.done.resolve(new Map([["a", "A"]]));
    expect(await first).toBe("A");
    await vi.waitFor(() => expect(batches).toEqual([["a"], ["b", "c", "d"]]));
    pending[1]!.done.resolve(
      new Map([
        ["b", "B"],
        ["c", "C"],
        ["d", "D"],
      ]),
    );
    expect(await Promise.all(later)).toEqual(["B", "C", "D"]);
  });

  it("splits at maxSize", async () => {
    const sizes: number[] = [];
    const id = microBatch(
      async (keys: number[]) => {
        sizes.push(keys.length);
        return new Map(keys.map((k) => [k, k]));
      },
      { maxSize: 4, maxInFlight: 3 },
    );
    const all = await Promise.all(Array.from({ length: 10 }, (_, i) => id(i)));
    expect(all).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(sizes).toEqual([4, 4, 2]);
  });

  it("rejects every caller of a failed batch, and the next batch still goes out", async () => {
    let fail = true;
    const call = microBatch(async (keys: string[]) => {
      if (fail) throw new Error("database unreachable");
      return new Map(keys.map((k) => [k, k.toUpperCase()]));
    });
    const failed = await Promise.allSettled([call("x"), call("y")]);
    expect(failed.map((f) => f.status)).toEqual(["rejected", "rejected"]);
    fail = false;
    expect(await call("z")).toBe("Z");
  });
});
