import type { Role } from "@/generated/prisma/client";
import { loadActor, type Actor } from "@/server/auth/actor";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { createUser } from "../factories/users";

// What the integration tests of decisions made on the server share: a new person with one role on one unit,
// loaded as the server loads the signed-in actor, and the refusal an action gives them.

/** A new user with `role` on the unit, as the server's guards see them. */
export async function actorWith(unitId: string, role: Role): Promise<Actor> {
  return (await loadActor((await createUser(db, { memberships: [{ unitId, role }] })).id))!;
}

/** The AppError `fn` is refused with; fails the test when it is not refused. */
export async function refusal(fn: () => Promise<unknown>): Promise<AppError> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}
