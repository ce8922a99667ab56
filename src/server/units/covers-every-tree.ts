import "server-only";
import { db } from "@/server/db";

/**
 * Whether these scope paths (scopeFor's) hold every unit: each unit without a parent lies under one of them.
 * The Kadiv Humas and the national operator read everything; a statement need not list or look up the units
 * they may read (a national list is 1,985 ids, sent as that many parameters; decision 0012, sixth pass).
 */
export async function coversEveryTree(paths: readonly string[]): Promise<boolean> {
  if (paths.length === 0) return false;
  const roots = await db.unit.findMany({ where: { parentId: null }, select: { path: true } });
  return roots.every((r) => paths.some((p) => r.path.startsWith(p)));
}
