import "server-only";
import type { Tx } from "@/server/db";
import { db } from "@/server/db";

// Sessions that end (docs/decisions/0009-trust.md): the session cookie (a signed JWT) carries the user's
// `session_version` from sign-in. Every read of the session compares it with the database, so raising
// the version ends all of the user's open sessions at their next request.

export type SessionToken = { sub?: string; sv?: unknown };

/** Whether a session cookie still belongs to an enabled user at their current session version. */
export async function sessionIsCurrent(token: SessionToken): Promise<boolean> {
  if (!token.sub || typeof token.sv !== "number") return false;
  const user = await db.user.findUnique({
    where: { id: token.sub },
    select: { sessionVersion: true, disabledAt: true },
  });
  return !!user && !user.disabledAt && user.sessionVersion === token.sv;
}

/** Ends every open session of the user: sign-out, password reset, disabling, a removed membership. */
export async function endSessions(client: Tx, userId: string): Promise<void> {
  await client.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}
