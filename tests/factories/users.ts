import { randomUUID } from "node:crypto";
import { hashSync } from "@node-rs/argon2";
import type { Role, User } from "@/generated/prisma/client";
import type { Tx } from "@/server/db";

export const DEMO_PASSWORD = "Siar-Demo-2026!";
// Hashing is slow on purpose; tests and the seed hash the shared demo password once.
let demoHash: string | undefined;
function hashFor(password: string): string {
  if (password === DEMO_PASSWORD) return (demoHash ??= hashSync(DEMO_PASSWORD));
  return hashSync(password);
}

export type UserInput = {
  email?: string;
  name?: string;
  password?: string;
  memberships?: { unitId: string; role: Role }[];
};

export async function createUser(db: Tx, input: UserInput = {}): Promise<User> {
  const id = randomUUID();
  return db.user.create({
    data: {
      id,
      email: (input.email ?? `user-${id.slice(0, 8)}@siar.test`).toLowerCase(),
      name: input.name ?? `Pengguna ${id.slice(0, 4)}`,
      passwordHash: hashFor(input.password ?? DEMO_PASSWORD),
      memberships: {
        create: (input.memberships ?? []).map((m) => ({ id: randomUUID(), unitId: m.unitId, role: m.role })),
      },
    },
  });
}
