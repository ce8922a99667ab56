import "server-only";
// The decaying collection schedule: engagement moves fast in the first hours and slowly after,
// so early readings are close together and later ones daily, up to 30 days after publishing.

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Seconds after publishing at which a post is read: 15 min … 8 h, then every day up to 30 days (36 readings). */
export const checkpointsSec: readonly number[] = [
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  4 * HOUR,
  8 * HOUR,
  ...Array.from({ length: 30 }, (_, i) => (i + 1) * DAY),
];

/**
 * The first checkpoint strictly after `after` (the last reading, or the publish time), or null when the
 * 30 days are over. A collector that was down resumes at the next checkpoint instead of catching up on
 * every one it missed.
 */
export function nextPollTime(publishedAt: Date, after: Date): Date | null {
  const elapsedSec = (after.getTime() - publishedAt.getTime()) / 1000;
  const next = checkpointsSec.find((c) => c > elapsedSec);
  return next === undefined ? null : new Date(publishedAt.getTime() + next * 1000);
}
