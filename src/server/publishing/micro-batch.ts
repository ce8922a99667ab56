import "server-only";
// Coalesces calls made at about the same moment into one: the worker handles many targets at once,
// and one statement for 50 claims costs the database little more than one for a single claim.
//
// Adaptive, without a fixed wait: calls made in the same turn of the event loop go out together as
// soon as that turn ends, unless `maxInFlight` batches are already on their way; then they gather
// until one comes back. A quiet worker pays no added latency, and a busy one sends batches as large
// as the database's answer time makes them, instead of many small ones that all wait on each other.

export type MicroBatchOptions = { maxSize: number; maxInFlight: number };

const DEFAULTS: MicroBatchOptions = { maxSize: 200, maxInFlight: 2 };

export function microBatch<K, V>(run: (keys: K[]) => Promise<Map<K, V>>, opts: MicroBatchOptions = DEFAULTS) {
  const pending: { key: K; resolve: (v: V | undefined) => void; reject: (e: unknown) => void }[] = [];
  let inFlight = 0;
  let scheduled = false;

  const schedule = () => {
    if (scheduled || pending.length === 0 || inFlight >= opts.maxInFlight) return;
    scheduled = true;
    setImmediate(flush);
  };

  function flush() {
    scheduled = false;
    while (pending.length > 0 && inFlight < opts.maxInFlight) {
      const batch = pending.splice(0, opts.maxSize);
      inFlight += 1;
      Promise.resolve()
        .then(() => run(batch.map((b) => b.key)))
        .then(
          (results) => batch.forEach((b) => b.resolve(results.get(b.key))),
          (error: unknown) => batch.forEach((b) => b.reject(error)),
        )
        .finally(() => {
          inFlight -= 1;
          schedule();
        });
    }
  }

  return (key: K): Promise<V | undefined> =>
    new Promise((resolve, reject) => {
      pending.push({ key, resolve, reject });
      schedule();
    });
}
