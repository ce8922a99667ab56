// Exponential backoff for transient platform failures: base · 2^(attempt−1), capped at an hour,
// with ±20 % jitter so that 500 targets that failed together do not retry together.

const CAP_MS = 3_600_000;

export function backoffDelay(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const exp = Math.min(CAP_MS, baseMs * 2 ** Math.max(0, attempt - 1));
  const jitter = 1 + (random() * 0.4 - 0.2);
  return Math.max(1, Math.round(exp * jitter));
}
