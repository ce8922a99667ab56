import { afterAccept, CREATE_FAULTS, type Ctx } from "@/emulator/context";
import { engagementAt } from "@/emulator/engagement";
import {
  fieldNames,
  graphError,
  graphToken,
  rejectToken,
  serverError,
  serverErrorBody,
  stripVersion,
  throttled,
} from "@/emulator/platforms/graph";
import { graphReplies, graphReply } from "@/emulator/replies";
import { listComments } from "@/emulator/platforms/graph-inbox";
import { handleSubscribedApps } from "@/emulator/platforms/graph-subscriptions";

// Facebook Page publishing on the Graph API: /{page}/feed, /{page}/photos, /{page}/videos and reads.

async function publish(ctx: Ctx, page: string, edge: "feed" | "photos" | "videos"): Promise<void> {
  const { state, params } = ctx;
  state.hit(`facebook POST /{page}/${edge}`);
  const unpublishedPhoto = edge === "photos" && params.get("published") === "false";
  const route = `facebook POST /{page}/${edge}`;
  if (unpublishedPhoto) {
    // An unpublished photo creates no post: only a fault routed to it strikes here.
    const f = state.takeFault("facebook", page, ["server_error"], { route, creates: false });
    if (f) return serverError(ctx, f);
    return ctx.send(200, { id: state.nextId() });
  }
  const fault = state.takeFault("facebook", page, CREATE_FAULTS, { route, creates: true });
  if (fault?.kind === "slow") await ctx.hold(fault.delayMs);
  if (fault?.kind === "rate_limit") return throttled(ctx, page, fault);
  if (fault?.kind === "server_error") return serverError(ctx, fault);
  if (fault?.kind === "permanent")
    return ctx.send(
      400,
      graphError("(#368) The action attempted has been deemed abusive or is otherwise disallowed", 368, 1390008),
    );
  const text = params.get("message") ?? params.get("description") ?? "";
  const media = [params.get("url"), params.get("file_url")].filter((u): u is string => !!u);
  for (const [k, v] of params) if (k.startsWith("attached_media")) media.push(v);
  if (!text && media.length === 0 && !params.get("link"))
    return ctx.send(400, graphError("(#100) Missing message or attachment", 100, undefined, "OAuthException"));
  if (edge === "feed" && text && state.postsOf("facebook", page).some((p) => p.text === text)) {
    return ctx.send(400, graphError("(#506) Duplicate status message", 506));
  }
  const objectId = state.nextId();
  const postId = `${page}_${objectId}`;
  // A video is its own node, answered and read by the video's id; photos and feed posts are Page posts.
  if (edge === "videos")
    state.record({ id: objectId, platform: "facebook", account: page, text, media, extra: { node: "video" } });
  else state.record({ id: postId, platform: "facebook", account: page, text, media });
  if (await afterAccept(ctx, fault, (status) => ({ body: serverErrorBody(status) }))) return;
  if (edge === "feed") return ctx.send(200, { id: postId });
  return ctx.send(200, edge === "photos" ? { id: objectId, post_id: postId } : { id: objectId });
}

/** The fields and edges each node type has, as far as Siar asks; anything else is refused like Graph does. */
const NODE_FIELDS: Record<"Post" | "Video", readonly string[]> = {
  Post: ["id", "message", "created_time", "permalink_url", "reactions", "comments", "shares", "attachments"],
  Video: ["id", "description", "created_time", "permalink_url", "title", "length", "likes", "comments"],
};

function read(ctx: Ctx, id: string): void {
  ctx.state.hit("facebook GET /{post}");
  const post = ctx.state.find("facebook", id);
  if (!post)
    return ctx.send(
      400,
      graphError(`Unsupported get request. Object with ID '${id}' does not exist`, 100, 33, "GraphMethodException"),
    );
  const node = post.extra.node === "video" ? "Video" : "Post";
  const asked = fieldNames(ctx.query.get("fields") ?? "id");
  const unknown = asked.find((f) => !NODE_FIELDS[node].includes(f));
  if (unknown)
    return ctx.send(
      400,
      graphError(`(#100) Tried accessing nonexisting field (${unknown}) on node type (${node})`, 100),
    );
  const e = engagementAt(post.id, post.createdAtMs, ctx.state.now());
  const all: Record<string, unknown> = {
    reactions: { data: [], summary: { total_count: e.likes, viewer_reaction: "NONE" } },
    likes: { data: [], summary: { total_count: e.likes, can_like: true, has_liked: false } },
    comments: { data: [], summary: { order: "ranked", total_count: e.comments, can_comment: true } },
    shares: { count: e.shares },
    message: post.text,
    description: post.text,
  };
  ctx.send(200, { id, ...Object.fromEntries(asked.filter((f) => f in all).map((f) => [f, all[f]])) });
}

export async function handleFacebook(ctx: Ctx): Promise<boolean> {
  const segments = stripVersion(ctx.path).split("/").filter(Boolean);
  const [first, edge] = segments;
  if (!first) return false;
  if (segments.length === 2 && edge === "subscribed_apps") return handleSubscribedApps(ctx, first);
  if (ctx.method === "POST" && segments.length === 2 && (edge === "feed" || edge === "photos" || edge === "videos")) {
    if (rejectToken(ctx, "facebook", first)) return true;
    return (await publish(ctx, first, edge), true);
  }
  // Replies to a comment (src/emulator/replies.ts): the Page the token belongs to answers its own comments.
  if (segments.length === 2 && edge === "comments" && (ctx.method === "POST" || ctx.method === "GET")) {
    const token = graphToken(ctx);
    if (rejectToken(ctx, "facebook", null)) return true;
    const page = ctx.state.accountOfToken("facebook", token);
    if (ctx.method === "POST") return (await graphReply(ctx, first, page, token), true);
    return (graphReplies(ctx, first, page), true);
  }
  if (ctx.method === "GET" && segments.length === 1) {
    if (rejectToken(ctx, "facebook", null)) return true;
    return (read(ctx, first), true);
  }
  if (ctx.method === "GET" && segments.length === 2 && edge === "comments") {
    if (rejectToken(ctx, "facebook", null)) return true;
    return (listComments(ctx, "facebook", first), true);
  }
  return false;
}
