import "server-only";
import { randomUUID } from "node:crypto";
import { saveTargetGroupSchema } from "@/schemas/posts";
import { actorCan, assertCan, type Actor } from "@/server/auth/actor";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";

/** Saves (or replaces, by name) a personal group of accounts for the composer. */
export async function saveTargetGroup(actor: Actor, raw: unknown) {
  const input = saveTargetGroupSchema.parse(raw);
  const unit = await db.unit.findUnique({ where: { id: input.unitId }, select: { id: true, path: true } });
  if (!unit) throw new AppError("VALIDATION", "validation", { unitId: "notFound" });
  assertCan(actor, "post.compose", unit);
  const accounts = await db.socialAccount.findMany({
    where: { id: { in: input.accountIds } },
    select: { id: true, unit: { select: { path: true } } },
  });
  if (
    accounts.length !== new Set(input.accountIds).size ||
    accounts.some((a) => !actorCan(actor, "post.compose", a.unit))
  ) {
    throw new AppError("FORBIDDEN", "forbidden", { accountIds: "targetOutOfScope" });
  }
  const data = { unitId: unit.id, accountIds: accounts.map((a) => a.id) };
  return db.targetGroup.upsert({
    where: { ownerId_name: { ownerId: actor.id, name: input.name } },
    create: { id: randomUUID(), ownerId: actor.id, name: input.name, ...data },
    update: data,
    select: { id: true, name: true, accountIds: true },
  });
}
