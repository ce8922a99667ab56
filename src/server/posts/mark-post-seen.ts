import "server-only";
import { db } from "@/server/db";

/** Remembers the version a person has now seen, so the queue can show what changes after this. */
export async function markPostSeen(userId: string, postId: string, version: number): Promise<void> {
  await db.postView.upsert({
    where: { userId_postId: { userId, postId } },
    create: { userId, postId, seenVersion: version },
    update: { seenVersion: version, seenAt: new Date() },
  });
}
