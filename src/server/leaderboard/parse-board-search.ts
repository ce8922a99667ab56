import "server-only";
import { getTranslations } from "next-intl/server";
import { localizeIssues } from "@/server/localize-zod";
import { boardQuerySchema, type BoardQuery } from "@/schemas/leaderboard";

export type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * Reads the board's query string. A wrong value does not break the page: the board falls back to the
 * last 30 days and the form shows what was wrong, in the reader's language.
 */
export async function parseBoardSearch(
  sp: Search,
): Promise<{ query: BoardQuery; errors: Record<string, string>; params: Record<string, string | undefined> }> {
  const raw = Object.fromEntries(
    ["period", "from", "to", "platform", "parent", "view", "basis"].map((k) => [k, one(sp[k])]),
  );
  const parsed = boardQuerySchema.safeParse(raw);
  if (parsed.success) {
    const q = parsed.data;
    return {
      query: q,
      errors: {},
      params: {
        period: q.period,
        from: q.period === "custom" ? q.from : undefined,
        to: q.period === "custom" ? q.to : undefined,
        platform: q.platform,
        parent: q.parent,
        view: q.view === "accounts" ? "accounts" : undefined,
        basis: q.basis === "all" ? "all" : undefined,
      },
    };
  }
  const t = await getTranslations("errors");
  const errors = localizeIssues(parsed.error.issues, t);
  const fallback = boardQuerySchema.parse({
    parent: boardQuerySchema.safeParse({ parent: raw.parent }).success ? raw.parent : undefined,
  });
  return { query: { ...fallback, from: raw.from, to: raw.to }, errors, params: { parent: fallback.parent } };
}
