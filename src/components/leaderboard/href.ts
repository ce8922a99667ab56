/** A link that keeps the board's filters and changes some of them; empty values are left out. */
export function boardHref(
  path: string,
  params: Record<string, string | undefined>,
  change: Record<string, string | undefined> = {},
): string {
  const q = new URLSearchParams(
    Object.entries({ ...params, ...change }).filter((e): e is [string, string] => Boolean(e[1])),
  );
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
