import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { authOptions } from "@/server/auth/options";
import { loadActor, type Actor } from "@/server/auth/actor";
import { AppError } from "@/server/errors";

// The session guards of pages, actions and route handlers; who may do what is in actor.ts.
export { actorCan, actorCanAnywhere, assertCan, loadActor, type Actor } from "@/server/auth/actor";

export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions());
  const id = (session?.user as { id?: string } | undefined)?.id;
  return id ? loadActor(id) : null;
});

/** For pages: sends a visitor without a session to the sign-in page. */
export async function requireActorPage(): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect("/login");
  return actor;
}

/** For server actions and route handlers: throws instead of redirecting. */
export async function requireActor(): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) throw new AppError("UNAUTHENTICATED", "unauthenticated");
  return actor;
}
