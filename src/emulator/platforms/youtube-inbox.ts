import { createHash } from "node:crypto";
import type { Ctx } from "@/emulator/context";
import type { CitizenItem } from "@/emulator/state";

// YouTube Data API v3 commentThreads.list (developers.google.com/youtube/v3/docs/commentThreads/list; docs/
// platforms.md "Reading citizens"): `part` required (id, replies, snippet), exactly one filter of
// allThreadsRelatedToChannelId, id and videoId; maxResults 1-100 (20 when absent) and pageToken not with id;
// order time (default) or relevance; textFormat html (default) or plainText. Each call costs 1 unit of the
// project's daily quota (10,000 units), shared by every channel of the app.

const PARTS = ["id", "replies", "snippet"];
const FILTERS = ["allThreadsRelatedToChannelId", "id", "videoId"];
const KNOWN = [...FILTERS, "part", "maxResults", "moderationStatus", "order", "pageToken", "searchTerms", "textFormat"];
const UNITS_PER_DAY = 10_000,
  DAY = 86_400_000;

const googleError = (code: number, reason: string, message: string, status: string, location?: string) => ({
  error: {
    code,
    message,
    errors: [
      {
        message,
        domain: code === 403 && reason === "quotaExceeded" ? "youtube.quota" : "youtube.commentThread",
        reason,
        ...(location ? { location, locationType: "parameter" } : {}),
      },
    ],
    status,
  },
});

const etag = (s: string) => createHash("sha256").update(s).digest("base64url").slice(0, 27);

function comment(c: CitizenItem, textFormat: string) {
  const published = new Date(c.createdAtMs).toISOString().replace(/\.\d+Z$/, "Z");
  const escaped = c.text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return {
    kind: "youtube#comment",
    etag: etag(`c${c.id}`),
    id: c.id,
    snippet: {
      channelId: c.account,
      videoId: c.postId,
      textDisplay: textFormat === "plainText" ? c.text : escaped,
      textOriginal: c.text,
      ...(c.parentCommentId ? { parentId: c.parentCommentId } : {}),
      authorDisplayName: `@${c.author.username}`,
      authorProfileImageUrl: `https://yt3.ggpht.com/ytc/${c.author.id}=s48-c-k-c0x00ffffff-no-rj`,
      authorChannelUrl: `http://www.youtube.com/@${c.author.username}`,
      authorChannelId: { value: c.author.id },
      canRate: true,
      viewerRating: "none",
      likeCount: 0,
      publishedAt: published,
      updatedAt: published,
    },
  };
}

export function commentThreads(ctx: Ctx): void {
  const { state, query } = ctx;
  state.hit("youtube GET /youtube/v3/commentThreads");
  for (const name of query.keys())
    if (!KNOWN.includes(name) && name !== "key" && name !== "alt" && name !== "fields" && name !== "prettyPrint")
      return ctx.send(
        400,
        googleError(400, "unknownParameter", `Unknown parameter: '${name}'`, "INVALID_ARGUMENT", name),
      );
  const part = query.get("part");
  if (!part) return ctx.send(400, googleError(400, "required", "Required parameter: part", "INVALID_ARGUMENT", "part"));
  const parts = part.split(",").map((p) => p.trim());
  const badPart = parts.find((p) => !PARTS.includes(p));
  if (badPart !== undefined)
    return ctx.send(400, googleError(400, "unknownPart", `'${badPart}'`, "INVALID_ARGUMENT", "part"));
  const filters = FILTERS.filter((f) => query.get(f) !== null);
  if (filters.length !== 1)
    return ctx.send(
      400,
      googleError(
        400,
        filters.length === 0 ? "missingRequiredParameter" : "incompatibleParameters",
        filters.length === 0
          ? "No filter selected. Expected one of: allThreadsRelatedToChannelId, id, videoId"
          : `Incompatible parameters specified in the request: ${filters.join(", ")}`,
        "INVALID_ARGUMENT",
      ),
    );
  const filter = filters[0]!;
  if (filter === "id" && (query.get("maxResults") !== null || query.get("pageToken") !== null))
    return ctx.send(
      400,
      googleError(
        400,
        "incompatibleParameters",
        "Incompatible parameters specified in the request: id, maxResults or pageToken",
        "INVALID_ARGUMENT",
      ),
    );
  const maxRaw = query.get("maxResults");
  const max = maxRaw === null ? 20 : Number(maxRaw);
  if (!Number.isInteger(max) || max < 1 || max > 100)
    return ctx.send(
      400,
      googleError(
        400,
        "invalidValue",
        `Invalid value '${maxRaw}'. Values must be within the range: [1, 100]`,
        "INVALID_ARGUMENT",
        "maxResults",
      ),
    );
  const order = query.get("order") ?? "time";
  if (order !== "time" && order !== "relevance")
    return ctx.send(400, googleError(400, "invalidValue", `Invalid value '${order}'`, "INVALID_ARGUMENT", "order"));
  const textFormat = query.get("textFormat") ?? "html";
  if (textFormat !== "html" && textFormat !== "plainText")
    return ctx.send(
      400,
      googleError(400, "invalidValue", `Invalid value '${textFormat}'`, "INVALID_ARGUMENT", "textFormat"),
    );
  let offset = 0;
  const pageToken = query.get("pageToken");
  if (pageToken !== null) {
    const m = /^Q0[A-Za-z0-9_-]*$/.test(pageToken)
      ? Number(Buffer.from(pageToken.slice(2), "base64url").toString())
      : NaN;
    if (!Number.isInteger(m) || m < 0)
      return ctx.send(
        400,
        googleError(
          400,
          "invalidPageToken",
          "The request specifies an invalid page token.",
          "INVALID_ARGUMENT",
          "pageToken",
        ),
      );
    offset = m;
  }
  if (state.consume("youtube:reads", UNITS_PER_DAY, DAY) > 0)
    return ctx.send(
      403,
      googleError(
        403,
        "quotaExceeded",
        "The request cannot be completed because you have exceeded your quota.",
        "PERMISSION_DENIED",
      ),
    );

  const value = query.get(filter)!;
  const all = state.citizens.filter((c) => c.platform === "youtube" && c.kind === "comment");
  if (filter === "videoId" && !state.find("youtube", value) && !all.some((c) => c.postId === value))
    return ctx.send(
      404,
      googleError(
        404,
        "videoNotFound",
        "The video identified by the videoId parameter could not be found.",
        "NOT_FOUND",
        "videoId",
      ),
    );
  const ids = filter === "id" ? new Set(value.split(",")) : null;
  const threads = all
    .filter(
      (c) =>
        c.parentCommentId === null &&
        (filter === "videoId"
          ? c.postId === value
          : filter === "allThreadsRelatedToChannelId"
            ? c.account === value
            : ids!.has(c.id)),
    )
    .filter((c) => {
      const terms = query.get("searchTerms");
      return !terms || c.text.toLowerCase().includes(terms.toLowerCase());
    })
    .sort((a, b) => b.createdAtMs - a.createdAtMs || (a.id < b.id ? 1 : -1));
  const page = filter === "id" ? threads : threads.slice(offset, offset + max);
  const items = page.map((t) => {
    const replies = all.filter((c) => c.parentCommentId === t.id).sort((a, b) => a.createdAtMs - b.createdAtMs);
    return {
      kind: "youtube#commentThread",
      etag: etag(`t${t.id}`),
      id: t.id,
      ...(parts.includes("snippet")
        ? {
            snippet: {
              channelId: t.account,
              videoId: t.postId,
              topLevelComment: comment(t, textFormat),
              canReply: true,
              totalReplyCount: replies.length,
              isPublic: true,
            },
          }
        : {}),
      ...(parts.includes("replies") && replies.length > 0
        ? { replies: { comments: replies.map((r) => comment(r, textFormat)) } }
        : {}),
    };
  });
  const more = filter !== "id" && offset + max < threads.length;
  ctx.send(200, {
    kind: "youtube#commentThreadListResponse",
    etag: etag(`l${offset}:${items.length}`),
    ...(more ? { nextPageToken: `Q0${Buffer.from(String(offset + max)).toString("base64url")}` } : {}),
    pageInfo: { totalResults: items.length, resultsPerPage: filter === "id" ? items.length : max },
    items,
  });
}
