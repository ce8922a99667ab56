import { randomUUID } from "node:crypto";
import { createTranslator } from "next-intl";
import { ZodError } from "zod";
import type { Role } from "@/generated/prisma/client";
import id from "@/messages/id.json";
import { loadActor, type Actor } from "@/server/auth/guards";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { createUnit } from "../../factories/units";
import { createUser } from "../../factories/users";

/**
 * A small organisation of this test file's own (tests never share rows):
 * root → poldaA (WITA) → polresA → polsekA, and root → poldaB (WIB) → polresB,
 * with people in each role. Handles are unique per world.
 */
export async function makeWorld() {
  const tag = randomUUID().slice(0, 8);
  const root = await createUnit(db, { name: `Mabes ${tag}`, kind: "Mabes", timeZone: "Asia/Jakarta" });
  const poldaA = await createUnit(db, {
    name: `Polda A ${tag}`,
    kind: "Polda",
    timeZone: "Asia/Makassar",
    parent: root,
  });
  const polresA = await createUnit(db, { name: `Polres A ${tag}`, kind: "Polres", parent: poldaA });
  const polsekA = await createUnit(db, { name: `Polsek A ${tag}`, kind: "Polsek", parent: polresA });
  const poldaB = await createUnit(db, {
    name: `Polda B ${tag}`,
    kind: "Polda",
    timeZone: "Asia/Jakarta",
    parent: root,
  });
  const polresB = await createUnit(db, { name: `Polres B ${tag}`, kind: "Polres", parent: poldaB });
  const person = async (role: Role, unitId: string, name: string) => {
    const user = await createUser(db, { name: `${name} ${tag}`, memberships: [{ unitId, role }] });
    return (await loadActor(user.id)) as Actor;
  };
  return {
    tag,
    units: { root, poldaA, polresA, polsekA, poldaB, polresB },
    unitIds: [root, poldaA, polresA, polsekA, poldaB, polresB].map((u) => u.id),
    superadmin: await person("SUPERADMIN", root.id, "Superadmin"),
    adminA: await person("ADMIN", poldaA.id, "Admin A"),
    supervisorA: await person("SUPERVISOR", poldaA.id, "Supervisor A"),
    leaderA: await person("LEADERSHIP", poldaA.id, "Pimpinan A"),
    adminPolresA: await person("ADMIN", polresA.id, "Admin Polres A"),
    adminB: await person("ADMIN", poldaB.id, "Admin B"),
    handle: (suffix: string) => `${suffix}_${tag}`,
  };
}
export type World = Awaited<ReturnType<typeof makeWorld>>;

/** The error a use-case threw, for asserting on it. */
export async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the use-case to refuse, but it succeeded");
}

/** field → message key, whichever of the two error kinds the use-case threw. */
export function fieldKeys(error: unknown): Record<string, string> {
  if (error instanceof ZodError) {
    const out: Record<string, string> = {};
    for (const issue of error.issues) out[issue.path.join(".")] ??= issue.message;
    return out;
  }
  if (error instanceof AppError) {
    return Object.fromEntries(
      Object.entries(error.fieldErrors).map(([f, m]) => [f, typeof m === "string" ? m : m.key]),
    );
  }
  throw error;
}

export const errorsId = createTranslator({ locale: "id", messages: id, namespace: "errors" });

export async function auditCount(actor: Actor) {
  return db.auditLog.count({ where: { actorId: actor.id } });
}
