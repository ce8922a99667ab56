import "server-only";
import { actorCan, type Actor } from "@/server/auth/actor";
import type { Action } from "@/server/auth/policy";
import { db } from "@/server/db";
import { forbidden, notFound } from "@/server/errors";
import { accountSelect } from "@/server/accounts/account-view";

/** The account with the policy checked for `action` on its unit: 404 if missing, 403 if outside the caller's rights. */
export async function loadAccountFor(actor: Actor, action: Action, id: string) {
  const row = await db.socialAccount.findUnique({ where: { id }, select: accountSelect });
  if (!row) throw notFound();
  if (!actorCan(actor, action, row.unit)) {
    // Someone who may not even read the account learns nothing about it.
    throw actorCan(actor, "account.read", row.unit) ? forbidden() : notFound();
  }
  return row;
}
