import { createHash } from "node:crypto";
import type { Ctx } from "@/emulator/context";
import { sniff, type Sniffed } from "@/emulator/sniff";

// X's media endpoints as strict as X (docs/platforms.md "X", from X's openapi.json and media guides):
// the simple upload POST /2/media/upload takes images only, up to 5 MB; everything else goes through
// POST /2/media/upload/initialize → /{id}/append (segments 0–999) → /{id}/finalize, then
// GET /2/media/upload?command=STATUS until processing succeeded. The category must match the file,
// a post may carry only media its author uploaded and that finished processing, and alt text is set
// with POST /2/media/metadata.

const MB = 1024 * 1024;
/** X: "Image: 5 MB, GIF: 15 MB, Video: 512 MB" (docs.x.com/x-api/media). */
export const X_MEDIA_LIMITS = { tweet_image: 5 * MB, tweet_gif: 15 * MB, tweet_video: 512 * MB } as const;
/** One APPEND segment: at most 5 MB (X's APPEND reference). */
const SEGMENT_MAX = 5 * MB;
const CATEGORIES = ["amplify_video", "tweet_gif", "tweet_image", "tweet_video", "dm_gif", "dm_image", "dm_video"];
const MEDIA_TYPES = [
  "video/mp4",
  "video/webm",
  "video/mp2t",
  "video/quicktime",
  "image/jpeg",
  "image/gif",
  "image/bmp",
  "image/png",
  "image/webp",
  "image/pjpeg",
  "image/tiff",
];

type Kind = "image" | "gif" | "video";
type Media = {
  account: string;
  category: string;
  kind: Kind;
  total: number;
  segments: Map<number, Buffer>;
  state: "uploading" | "processing" | "succeeded" | "failed";
  polls: number;
  sha256: string | null;
  altText: string | null;
  /** False when the bytes are not what the category says: processing fails at the first STATUS. */
  valid: boolean;
};

const stores = new WeakMap<object, Map<string, Media>>();
function media(ctx: Ctx): Map<string, Media> {
  let m = stores.get(ctx.state.epoch);
  if (!m) stores.set(ctx.state.epoch, (m = new Map<string, Media>()));
  return m;
}

const PROBLEM = { "content-type": "application/problem+json" };

export function invalid(ctx: Ctx, message: string, status = 400): void {
  ctx.send(
    status,
    {
      title: "Invalid Request",
      detail: "One or more parameters to your request was invalid.",
      type: "https://api.x.com/2/problems/invalid-request",
      errors: [{ message }],
    },
    PROBLEM,
  );
}

const kindOfCategory = (c: string): Kind => (c.endsWith("_gif") ? "gif" : c.endsWith("_image") ? "image" : "video");
const kindOfType = (t: string): Kind => (t === "image/gif" ? "gif" : t.startsWith("image/") ? "image" : "video");
const limitOf = (k: Kind) =>
  k === "image" ? X_MEDIA_LIMITS.tweet_image : k === "gif" ? X_MEDIA_LIMITS.tweet_gif : X_MEDIA_LIMITS.tweet_video;
const sniffedKind = (s: Sniffed): Kind | null => (s.kind === "unknown" ? null : s.kind);

function serverFault(ctx: Ctx, route: string): boolean {
  const fault = ctx.state.takeFault("x", ctx.state.accountOfToken("x", ctx.bearer()), ["server_error"], {
    route,
    creates: false,
  });
  if (!fault) return false;
  ctx.send(
    fault.status,
    { title: "Service Unavailable", detail: "Service Unavailable", type: "about:blank", status: fault.status },
    PROBLEM,
  );
  return true;
}

async function formData(ctx: Ctx): Promise<FormData | null> {
  const type = String(ctx.headers["content-type"] ?? "");
  if (!type.startsWith("multipart/form-data")) return null;
  return new Response(new Uint8Array(ctx.raw), { headers: { "content-type": type } }).formData().catch(() => null);
}

function view(id: string, m: Media) {
  return {
    id,
    media_key: `${m.kind === "image" ? 3 : m.kind === "gif" ? 16 : 7}_${id}`,
    size: m.total,
    expires_after_secs: 86_400,
    ...(m.kind === "image"
      ? {}
      : {
          processing_info:
            m.state === "succeeded"
              ? { state: "succeeded", progress_percent: 100 }
              : m.state === "failed"
                ? { state: "failed", progress_percent: 100 }
                : { state: m.polls === 0 ? "pending" : "in_progress", check_after_secs: 1, progress_percent: 50 },
        }),
  };
}

/** POST /2/media/upload: the simple upload, images of at most 5 MB. */
export async function simpleUpload(ctx: Ctx, account: string): Promise<void> {
  ctx.state.hit("x POST /2/media/upload");
  if (serverFault(ctx, "x POST /2/media/upload")) return;
  const data = await formData(ctx);
  const file = data?.get("media");
  const category = data?.get("media_category");
  if (!file || typeof file === "string") return invalid(ctx, "media is required");
  if (typeof category !== "string" || !CATEGORIES.includes(category))
    return invalid(ctx, `media_category must be one of [${CATEGORIES.join(", ")}]`);
  // "the older simple upload (images only)": video and GIF go through the chunked upload.
  if (kindOfCategory(category) !== "image")
    return invalid(ctx, `The simple upload takes images only; use the chunked upload for ${category}`);
  if (file.size > X_MEDIA_LIMITS.tweet_image)
    return invalid(ctx, `Image file size ${file.size} exceeds the maximum of ${X_MEDIA_LIMITS.tweet_image} bytes`);
  const bytes = Buffer.from(await file.arrayBuffer());
  if (sniffedKind(sniff(bytes)) !== "image")
    return invalid(ctx, "media does not match media_category tweet_image (unrecognized or not an image)");
  const id = ctx.state.nextId();
  const m: Media = {
    account,
    category,
    kind: "image",
    total: bytes.length,
    segments: new Map(),
    state: "succeeded",
    polls: 0,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    altText: null,
    valid: true,
  };
  media(ctx).set(id, m);
  ctx.send(200, { data: view(id, m) });
}

/** POST /2/media/upload/initialize */
export function initialize(ctx: Ctx, account: string): void {
  ctx.state.hit("x POST /2/media/upload/initialize");
  if (serverFault(ctx, "x POST /2/media/upload/initialize")) return;
  const body = ctx.json as { media_type?: unknown; media_category?: unknown; total_bytes?: unknown } | null;
  const type = body?.media_type;
  const category = body?.media_category;
  const total = body?.total_bytes;
  if (typeof type !== "string" || !MEDIA_TYPES.includes(type))
    return invalid(ctx, `media_type must be one of [${MEDIA_TYPES.join(", ")}]`);
  if (typeof category !== "string" || !CATEGORIES.includes(category))
    return invalid(ctx, `media_category must be one of [${CATEGORIES.join(", ")}]`);
  if (typeof total !== "number" || !Number.isInteger(total) || total < 1)
    return invalid(ctx, "total_bytes must be a positive integer");
  const kind = kindOfCategory(category);
  if (kindOfType(type) !== kind) return invalid(ctx, `media_type ${type} does not match media_category ${category}`);
  if (total > limitOf(kind))
    return invalid(ctx, `File size ${total} exceeds the maximum of ${limitOf(kind)} bytes for ${category}`);
  const id = ctx.state.nextId();
  media(ctx).set(id, {
    account,
    category,
    kind,
    total,
    segments: new Map(),
    state: "uploading",
    polls: 0,
    sha256: null,
    altText: null,
    valid: true,
  });
  ctx.send(200, { data: { id, media_key: `${kind === "image" ? 3 : 7}_${id}`, expires_after_secs: 86_400 } });
}

function owned(ctx: Ctx, account: string, id: string): Media | null {
  const m = media(ctx).get(id);
  return m && m.account === account ? m : null;
}

/** POST /2/media/upload/{id}/append: one segment (a repeated index replaces the earlier one). */
export async function append(ctx: Ctx, account: string, id: string): Promise<void> {
  ctx.state.hit("x POST /2/media/upload/{id}/append");
  if (serverFault(ctx, "x POST /2/media/upload/{id}/append")) return;
  const m = owned(ctx, account, id);
  if (!m) return invalid(ctx, `Media id ${id} was not found`);
  if (m.state !== "uploading") return invalid(ctx, `Media id ${id} is already finalized`);
  const data = await formData(ctx);
  const file = data?.get("media");
  const index = Number(data?.get("segment_index"));
  if (!file || typeof file === "string") return invalid(ctx, "media is required");
  if (!Number.isInteger(index) || index < 0 || index > 999) return invalid(ctx, "segment_index must be 0–999");
  if (file.size > SEGMENT_MAX) return invalid(ctx, `A segment may hold at most ${SEGMENT_MAX} bytes`);
  m.segments.set(index, Buffer.from(await file.arrayBuffer()));
  ctx.send(200, { data: { expires_at: Math.floor(Date.now() / 1000) + 86_400 } });
}

/** POST /2/media/upload/{id}/finalize: every byte announced must have arrived, and be what the category says. */
export function finalize(ctx: Ctx, account: string, id: string): void {
  ctx.state.hit("x POST /2/media/upload/{id}/finalize");
  if (serverFault(ctx, "x POST /2/media/upload/{id}/finalize")) return;
  const m = owned(ctx, account, id);
  if (!m) return invalid(ctx, `Media id ${id} was not found`);
  if (m.state !== "uploading") return ctx.send(200, { data: view(id, m) });
  const indexes = [...m.segments.keys()].sort((a, b) => a - b);
  const received = indexes.reduce((n, i) => n + (m.segments.get(i)?.length ?? 0), 0);
  if (received !== m.total || indexes.some((i, n) => i !== n))
    return invalid(ctx, `File size mismatch: ${received} bytes received in segments, ${m.total} announced`);
  const hash = createHash("sha256");
  for (const i of indexes) hash.update(m.segments.get(i) ?? Buffer.alloc(0));
  m.sha256 = hash.digest("hex");
  const actual = sniffedKind(sniff(m.segments.get(0) ?? Buffer.alloc(0)));
  m.segments.clear();
  if (m.kind === "image") {
    if (actual !== "image") return invalid(ctx, `media does not match media_category ${m.category}`);
    m.state = "succeeded";
  } else {
    // Video and GIF are processed after finalize; a file that is not what its category says fails there.
    m.state = "processing";
    m.valid = actual === m.kind;
  }
  ctx.send(200, { data: view(id, m) });
}

/** GET /2/media/upload?command=STATUS&media_id=… */
export function status(ctx: Ctx, account: string): void {
  ctx.state.hit("x GET /2/media/upload");
  if (serverFault(ctx, "x GET /2/media/upload")) return;
  const id = ctx.query.get("media_id") ?? "";
  const command = ctx.query.get("command");
  if (command !== null && command !== "STATUS") return invalid(ctx, "command must be STATUS");
  if (!/^[0-9]{1,19}$/.test(id)) return invalid(ctx, "media_id must be 1–19 digits");
  const m = owned(ctx, account, id);
  if (!m) return invalid(ctx, `Media id ${id} was not found`);
  if (m.state === "processing") {
    m.polls += 1;
    if (!m.valid) m.state = "failed";
    else if (m.polls > ctx.state.config.processingPolls) m.state = "succeeded";
  }
  const v = view(id, m);
  ctx.send(200, {
    data:
      m.state === "failed"
        ? {
            ...v,
            processing_info: {
              state: "failed",
              progress_percent: 100,
              error: { code: 1, name: "InvalidMedia", message: "Invalid or Unsupported media" },
            },
          }
        : v,
  });
}

/** POST /2/media/metadata: alt text (at most 1,000 characters) on media the caller uploaded. */
export function metadata(ctx: Ctx, account: string): void {
  ctx.state.hit("x POST /2/media/metadata");
  if (serverFault(ctx, "x POST /2/media/metadata")) return;
  const body = ctx.json as { id?: unknown; metadata?: { alt_text?: { text?: unknown } } } | null;
  const id = typeof body?.id === "string" ? body.id : "";
  if (!/^[0-9]{1,19}$/.test(id)) return invalid(ctx, "id must be a string of 1–19 digits");
  const m = owned(ctx, account, id);
  if (!m) return invalid(ctx, `Media id ${id} was not found`);
  const text = body?.metadata?.alt_text?.text;
  if (typeof text !== "string" || text.length > 1_000)
    return invalid(ctx, "metadata.alt_text.text must be a string of at most 1000 characters");
  m.altText = text;
  ctx.send(200, { data: { id, associated_metadata: { alt_text: { text } } } });
}

/**
 * The media a post may carry: each uploaded by its author and ready (processing succeeded). Null when one
 * is not, which X refuses with "Your media IDs are invalid."
 */
export function mediaForPost(
  ctx: Ctx,
  account: string,
  ids: readonly string[],
): { sha256: string[]; altTexts: string[] } | null {
  const found = ids.map((id) => owned(ctx, account, id));
  if (found.some((m) => !m || m.state !== "succeeded" || !m.sha256)) return null;
  return {
    sha256: found.map((m) => m?.sha256 ?? ""),
    altTexts: found.flatMap((m) => (m?.altText ? [m.altText] : [])),
  };
}
