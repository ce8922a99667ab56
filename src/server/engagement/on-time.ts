import "server-only";
/** Published within this long after the scheduled time counts as on time (docs/product.md, reliability). */
export const ON_TIME_MS = 5 * 60_000;
