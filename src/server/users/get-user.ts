import "server-only";
import { z } from "zod";
import type { Actor } from "@/server/auth/actor";
import { loadManagedUser } from "@/server/users/user-access";

export async function getUser(actor: Actor, id: unknown) {
  const { id: userId } = z.object({ id: z.uuid() }).parse({ id });
  return loadManagedUser(actor, userId);
}
