import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { Platform } from "@/generated/prisma/enums";
import type { AccessCredentials, PlatformState, PublishContent, PublishMedia } from "@/platforms/types";
import { open } from "@/server/crypto/secret-box";
import { db } from "@/server/db";
import { mediaFilePath, mediaPublicUrl } from "@/server/media/media-path";
import { microBatch } from "@/server/publishing/micro-batch";

// Everything an adapter needs for one target, with the access token decrypted in memory only.

export type PublishTargetContext = {
  targetId: string;
  status: string;
  attempts: number;
  account: {
    id: string;
    platform: Platform;
    status: string;
    platformAccountId: string;
    handle: string;
    tokenExpiresAt: Date | null;
  };
  credentials: AccessCredentials | null;
  content: PublishContent;
  state: PlatformState;
};

function asState(value: unknown): PlatformState {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  const out: PlatformState = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean") out[k] = v;
  }
  return out;
}

export type Row = {
  id: string;
  status: string;
  attempts: number;
  text: string;
  title: string | null;
  platform_state: unknown;
  account_id: string;
  platform: Platform;
  account_status: string;
  platform_account_id: string;
  handle: string;
  token_expires_at: Date | null;
  access_token_enc: string | null;
  media: {
    type: "IMAGE" | "GIF" | "VIDEO";
    mimeType: string;
    storageKey: string;
    sizeBytes: number;
    altText: string | null;
    /** Fitted copies (media_variants): Instagram's JPEG, LINE's preview. */
    variants: { purpose: string; storageKey: string; mimeType: string; sizeBytes: number }[] | null;
  }[];
};

// The columns of a context; `target` supplies the target's own status and attempts (the claim passes
// the values it has just written, which the rest of its statement cannot see in post_targets yet).
const contextColumns = (target: { status: Prisma.Sql; attempts: Prisma.Sql }) => Prisma.sql`
    t.id::text AS id, ${target.status} AS status, ${target.attempts} AS attempts, COALESCE(t.text_override, p.base_text) AS text, p.title,
    t.platform_state, a.id::text AS account_id, a.platform::text AS platform, a.status::text AS account_status,
    a.platform_account_id, a.handle, a.token_expires_at, a.access_token_enc,
    COALESCE((SELECT json_agg(json_build_object('type', m.type, 'mimeType', m.mime_type, 'storageKey', m.storage_key,
                'sizeBytes', m.size_bytes, 'altText', m.alt_text,
                'variants', (SELECT json_agg(json_build_object('purpose', v.purpose, 'storageKey', v.storage_key,
                               'mimeType', v.mime_type, 'sizeBytes', v.size_bytes))
                             FROM media_variants v WHERE v.media_id = m.id)) ORDER BY m.position)
              FROM media m WHERE m.post_id = p.id), '[]'::json) AS media`;

/** One round trip for all the targets given. */
export async function loadPublishContexts(targetIds: readonly string[]): Promise<Map<string, PublishTargetContext>> {
  if (targetIds.length === 0) return new Map();
  const rows = await db.$queryRaw<Row[]>`
    SELECT ${contextColumns({ status: Prisma.sql`t.status::text`, attempts: Prisma.sql`t.attempts` })}
    FROM post_targets t JOIN posts p ON p.id = t.post_id JOIN social_accounts a ON a.id = t.account_id
    WHERE t.id = ANY(${[...targetIds]}::uuid[])`;
  return new Map(rows.map((t) => [t.id, toContext(t)]));
}

/** For transitionTargetsSelect: the contexts of the targets just moved, in the same statement. */
export const movedContextsSelect = Prisma.sql`
    SELECT ${contextColumns({ status: Prisma.sql`moved.status_now::text`, attempts: Prisma.sql`moved.attempts` })}
    FROM moved JOIN post_targets t ON t.id = moved.id JOIN posts p ON p.id = t.post_id JOIN social_accounts a ON a.id = t.account_id`;

/** Rows of movedContextsSelect, as contexts keyed by target id. */
export function toContexts(rows: readonly Row[]): Map<string, PublishTargetContext> {
  return new Map(rows.map((t) => [t.id, toContext(t)]));
}

const loadMany = microBatch((targetIds: string[]) => loadPublishContexts(targetIds));

export async function loadPublishRequest(targetId: string): Promise<PublishTargetContext | null> {
  return (await loadMany(targetId)) ?? null;
}

function toContext(t: Row): PublishTargetContext {
  return {
    targetId: t.id,
    status: t.status,
    attempts: t.attempts,
    account: {
      id: t.account_id,
      platform: t.platform,
      status: t.account_status,
      platformAccountId: t.platform_account_id,
      handle: t.handle,
      tokenExpiresAt: t.token_expires_at,
    },
    credentials: t.access_token_enc ? { accessToken: open(t.access_token_enc) } : null,
    content: {
      text: t.text,
      title: t.title,
      media: t.media.map((m) => mediaFor(t.platform, m)),
    },
    state: asState(t.platform_state),
  };
}

/**
 * The file a platform gets: Instagram the JPEG fitted at upload when there is one, LINE the original with the
 * preview fitted at upload (the original itself when it is small enough to be its own preview; the adapter
 * refuses one that is not). Everyone else the original (docs/platforms.md "Media fitted to each platform").
 */
function mediaFor(platform: Platform, m: Row["media"][number]): PublishMedia {
  const variant = (purpose: string) => m.variants?.find((v) => v.purpose === purpose);
  const ig = platform === "INSTAGRAM" ? variant("INSTAGRAM") : undefined;
  const file = ig ?? m;
  const preview = platform === "LINE_OA" ? variant("LINE_PREVIEW") : undefined;
  return {
    kind: m.type,
    mimeType: file.mimeType,
    url: mediaPublicUrl(file.storageKey),
    filePath: mediaFilePath(file.storageKey),
    sizeBytes: file.sizeBytes,
    altText: m.altText,
    ...(preview ? { preview: { url: mediaPublicUrl(preview.storageKey), sizeBytes: preview.sizeBytes } } : {}),
  };
}

/**
 * Saved before a risky platform call and as a long upload progresses; only while this worker still holds
 * the target. It renews the claim too: an upload that keeps saving progress is alive, and the reconciler
 * must not take it for a worker that died (PUBLISH_STUCK_AFTER_MS then bounds the time between two
 * saves, not a whole 500 MB upload).
 */
export async function savePlatformState(targetId: string, state: PlatformState): Promise<void> {
  await db.postTarget.updateMany({
    where: { id: targetId, status: "PUBLISHING" },
    data: { platformState: state, claimedAt: new Date() },
  });
}
