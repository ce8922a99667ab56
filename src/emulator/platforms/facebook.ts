import { afterAccept, CREATE_FAULTS, type Ctx } from "@/emulator/context";
import { engagementAt } from "@/emulator/engagement";
import {
  graphError,
  rejectToken,
  serverError,
  serverErrorBody,
  stripVersion,
  throttled,
} from "@/emulator/platforms/graph";

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
  state.record({ id: postId, platform: "facebook", account: page, text, media });
  if (await afterAccept(ctx, fault, (status) => ({ body: serverErrorBody(status) }))) return;
  if (edge === "feed") return ctx.send(200, { id: postId });
  return ctx.send(200, edge === "photos" ? { id: objectId, post_id: postId } : { id: postId });
}

function read(ctx: Ctx, id: string): void {
  ctx.state.hit("facebook GET /{post}");
  const post = ctx.state.find("facebook", id);
  if (!post)
    return ctx.send(
      400,
      graphError(`Unsupported get request. Object with ID '${id}' does not exist`, 100, 33, "GraphMethodException"),
    );
  const e = engagementAt(post.id, post.createdAtMs, ctx.state.now());
  ctx.send(200, {
    id,
    reactions: { data: [], summary: { total_count: e.likes, viewer_reaction: "NONE" } },
    comments: { data: [], summary: { order: "ranked", total_count: e.comments, can_comment: true } },
    shares: { count: e.shares },
  });
}

export async function handleFacebook(ctx: Ctx): Promise<boolean> {
  const segments = stripVersion(ctx.path).split("/").filter(Boolean);
  const [first, edge] = segments;
  if (!first) return false;
  if (ctx.method === "POST" && segments.length === 2 && (edge === "feed" || edge === "photos" || edge === "videos")) {
    if (rejectToken(ctx, "facebook", first)) return true;
    return (await publish(ctx, first, edge), true);
  }
  if (ctx.method === "GET" && segments.length === 1) {
    if (rejectToken(ctx, "facebook", null)) return true;
    return (read(ctx, first), true);
  }
  return false;
}
