import "server-only";
import { db } from "@/server/db";

/**
 * Remembers the version a person has now seen, so the queue can show what changes after this. When the
 * version is newer than the one seen before, that one is kept as the prior version: the post page refreshes
 * itself, and the changes it showed stay highlighted (against the prior version) until the person decides.
 */
export async function markPostSeen(userId: string, postId: string, version: number): Promise<void> {
  await db.$executeRaw`
    INSERT INTO post_views (user_id, post_id, seen_version, seen_at)
    VALUES (${userId}::uuid, ${postId}::uuid, ${version}, now())
    ON CONFLICT (user_id, post_id) DO UPDATE SET
      prior_version = CASE WHEN post_views.seen_version < EXCLUDED.seen_version
                           THEN post_views.seen_version ELSE post_views.prior_version END,
      seen_version = EXCLUDED.seen_version,
      seen_at = now()`;
}
