/** "3 j 20 m" / "3 h 20 m": a duration between two instants, for response times. */
export function formatDuration(from: Date, to: Date, units: { d: string; h: string; m: string }): string {
  const minutes = Math.max(0, Math.round((to.getTime() - from.getTime()) / 60_000));
  const d = Math.floor(minutes / 1_440);
  const h = Math.floor((minutes % 1_440) / 60);
  const m = minutes % 60;
  return [d ? `${d} ${units.d}` : "", h ? `${h} ${units.h}` : "", `${m} ${units.m}`]
    .filter(Boolean)
    .slice(0, 2)
    .join(" ");
}
