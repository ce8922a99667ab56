import { randomUUID } from "node:crypto";
import type { Platform, SocialAccount, Unit, User } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { createAccount } from "../../factories/accounts";
import { createUnit } from "../../factories/units";
import { createUser } from "../../factories/users";

// A small organisation of its own for each test file: tests share one database and never truncate.

export async function createTree(childCount: number, name = "Polda Uji") {
  const root = await createUnit(db, { name: `${name} induk`, kind: "Polda", timeZone: "Asia/Jakarta" });
  const children: Unit[] = [];
  for (let i = 0; i < childCount; i++)
    children.push(
      await createUnit(db, { name: `${name} ${String.fromCharCode(65 + i)}`, kind: "Polres", parent: root }),
    );
  const author = await createUser(db, { memberships: [{ unitId: root.id, role: "ADMIN" }] });
  return { root, children, author };
}

export function account(unit: Unit, platform: Platform, followerCount?: number): Promise<SocialAccount> {
  return createAccount(db, { unitId: unit.id, platform, connect: true, followerCount });
}

/** A post with one target in the given final state; times in UTC. */
export async function target(
  author: User,
  acc: SocialAccount,
  opts: { scheduledAt: Date; publishedAt?: Date | null; status?: "PUBLISHED" | "FAILED" },
): Promise<{ id: string; platformPostId: string }> {
  const postId = randomUUID();
  const status = opts.status ?? "PUBLISHED";
  const platformPostId = `p${randomUUID().replace(/-/g, "").slice(0, 20)}`;
  await db.post.create({ data: { id: postId, authorId: author.id, unitId: acc.unitId, baseText: "Uji keterlibatan" } });
  const id = randomUUID();
  await db.postTarget.create({
    data: {
      id,
      postId,
      accountId: acc.id,
      status,
      scheduledAt: opts.scheduledAt,
      publishedAt: status === "PUBLISHED" ? (opts.publishedAt ?? opts.scheduledAt) : null,
      platformPostId: status === "PUBLISHED" ? platformPostId : null,
    },
  });
  return { id, platformPostId };
}

export const at = (iso: string) => new Date(iso);
