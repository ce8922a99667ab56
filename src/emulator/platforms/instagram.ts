import { afterAccept, CREATE_FAULTS, type Ctx } from "@/emulator/context";
import { engagementAt } from "@/emulator/engagement";
import { fetchedFile, fetchMedia, type FetchedFile } from "@/emulator/media-fetch";
import {
  graphError,
  graphToken,
  rejectToken,
  serverError,
  serverErrorBody,
  stripVersion,
} from "@/emulator/platforms/graph";
import { graphReplies, graphReply, instagramMentionReply } from "@/emulator/replies";
import { listComments, mentioned } from "@/emulator/platforms/graph-inbox";
import { handleSubscribedApps } from "@/emulator/platforms/graph-subscriptions";

// Instagram content publishing: containers, their status_code, media_publish, reads and insights.

type Container = {
  id: string;
  account: string;
  caption: string;
  media: string[];
  video: boolean;
  polls: number;
  status: "IN_PROGRESS" | "FINISHED" | "PUBLISHED";
  mediaId: string | null;
  fetched: FetchedFile[];
};
const containers = new WeakMap<object, Map<string, Container>>();
const POSTS_PER_DAY = 100,
  CONTAINERS_PER_DAY = 400,
  DAY = 86_400_000;

function store(ctx: Ctx): Map<string, Container> {
  let m = containers.get(ctx.state.epoch);
  if (!m) containers.set(ctx.state.epoch, (m = new Map<string, Container>()));
  return m;
}

/**
 * Instagram's image specifications (developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/
 * ig-user/media, "Image specifications"): format JPEG, at most 8 MB, aspect ratio within 4:5 to 1.91:1. Instagram
 * fetches `image_url` itself; the emulator does too and refuses as Instagram does, with the error table's
 * subcodes (2207052 fetch failed, 2207004 too large, 2207005 format, 2207009 aspect ratio).
 */
const IMAGE_MAX_BYTES = 8 * 1024 * 1024,
  MIN_RATIO = 4 / 5,
  MAX_RATIO = 1.91;

/** The fetched image, or null once the refusal has been sent. */
async function checkImage(ctx: Ctx, imageUrl: string): Promise<FetchedFile | null> {
  const got = await fetchMedia(ctx.state, imageUrl, IMAGE_MAX_BYTES);
  if (!got.ok && got.reason === "tooLarge") {
    ctx.send(400, graphError("The image is too large to download. It should be less than 8 MiB.", 9004, 2207004));
    return null;
  }
  if (!got.ok) {
    ctx.send(400, graphError("Media download has failed. The media URI doesn't meet our requirements.", 9004, 2207052));
    return null;
  }
  if (got.sniffed.kind !== "image" || got.sniffed.format !== "jpeg") {
    ctx.send(400, graphError("The image format is not supported. Supported formats are: JPEG", 9004, 2207005));
    return null;
  }
  const ratio = got.width && got.height ? got.width / got.height : NaN;
  // A JPEG whose size cannot be read cannot be published either.
  if (!(ratio >= MIN_RATIO && ratio <= MAX_RATIO)) {
    ctx.send(
      400,
      graphError(
        `The submitted image with aspect ratio ('${Number.isFinite(ratio) ? ratio.toFixed(2) : "?"}') cannot be published. Please submit an image with a valid aspect ratio.`,
        36003,
        2207009,
      ),
    );
    return null;
  }
  return fetchedFile(imageUrl, "image", got);
}

async function createContainer(ctx: Ctx, account: string): Promise<void> {
  const { params, state } = ctx;
  state.hit("instagram POST /{ig-user}/media");
  const fault = state.takeFault("instagram", account, ["server_error"], {
    route: "instagram POST /{ig-user}/media",
    creates: false,
  });
  if (fault) return serverError(ctx, fault);
  if (state.consume(`ig:containers:${account}`, CONTAINERS_PER_DAY, DAY) > 0)
    return ctx.send(400, graphError("Application request limit reached", 9, 2207042));
  const type = params.get("media_type");
  const media = [params.get("image_url"), params.get("video_url")].filter((u): u is string => !!u);
  if (type === "CAROUSEL") {
    for (const id of (params.get("children") ?? "").split(",").filter(Boolean))
      media.push(...(store(ctx).get(id)?.media ?? []));
  }
  if (media.length === 0) return ctx.send(400, graphError("(#100) The parameter image_url is required", 100, 2207052));
  const imageUrl = params.get("image_url");
  const fetched: FetchedFile[] = [];
  if (imageUrl) {
    const image = await checkImage(ctx, imageUrl);
    if (!image) return;
    fetched.push(image);
  }
  if (type === "CAROUSEL") {
    for (const id of (params.get("children") ?? "").split(",").filter(Boolean))
      fetched.push(...(store(ctx).get(id)?.fetched ?? []));
  }
  const video = type === "REELS" || type === "VIDEO";
  const c: Container = {
    id: state.nextId(),
    account,
    caption: params.get("caption") ?? "",
    media,
    video,
    polls: 0,
    status: video ? "IN_PROGRESS" : "FINISHED",
    mediaId: null,
    fetched,
  };
  store(ctx).set(c.id, c);
  ctx.send(200, { id: c.id });
}

async function publish(ctx: Ctx, account: string): Promise<void> {
  const { state } = ctx;
  state.hit("instagram POST /{ig-user}/media_publish");
  const fault = state.takeFault("instagram", account, CREATE_FAULTS, {
    route: "instagram POST /{ig-user}/media_publish",
    creates: true,
  });
  if (fault?.kind === "slow") await ctx.hold(fault.delayMs);
  if (fault?.kind === "rate_limit")
    return ctx.send(400, graphError("Application request limit reached", 4), {
      "x-business-use-case-usage": JSON.stringify({
        [account]: [{ type: "instagram", call_count: 100, estimated_time_to_regain_access: fault.resetInMs / 60_000 }],
      }),
    });
  if (fault?.kind === "server_error") return serverError(ctx, fault);
  if (fault?.kind === "permanent")
    return ctx.send(400, graphError("The image aspect ratio is not supported.", 36003, 2207009));
  const c = store(ctx).get(ctx.params.get("creation_id") ?? "");
  if (!c || c.account !== account) return ctx.send(400, graphError("(#100) Invalid parameter: creation_id", 100));
  if (c.status === "PUBLISHED") return ctx.send(400, graphError("The media has already been published", 9007, 2207008));
  if (c.status !== "FINISHED") return ctx.send(400, graphError("Media ID is not available", 9007, 2207027));
  if (state.consume(`ig:posts:${account}`, POSTS_PER_DAY, DAY) > 0)
    return ctx.send(400, graphError("Application request limit reached", 9, 2207042));
  const post = state.record({
    id: state.nextId(),
    platform: "instagram",
    account,
    text: c.caption,
    media: c.media,
    fetched: c.fetched,
    extra: { containerId: c.id },
  });
  c.status = "PUBLISHED";
  c.mediaId = post.id;
  if (await afterAccept(ctx, fault, (status) => ({ body: serverErrorBody(status) }))) return;
  ctx.send(200, { id: post.id });
}

function readObject(ctx: Ctx, id: string): void {
  const c = store(ctx).get(id);
  if (c) {
    ctx.state.hit("instagram GET /{container}");
    // Videos "process" for a few polls before they can be published, as on the real platform.
    if (c.status === "IN_PROGRESS" && ++c.polls > ctx.state.config.processingPolls) c.status = "FINISHED";
    return ctx.send(200, { status_code: c.status, id });
  }
  ctx.state.hit("instagram GET /{media}");
  const post = ctx.state.find("instagram", id);
  if (!post)
    return ctx.send(
      400,
      graphError(`Unsupported get request. Object with ID '${id}' does not exist`, 100, 33, "GraphMethodException"),
    );
  ctx.send(200, {
    id,
    caption: post.text,
    permalink: `https://www.instagram.com/p/${id}/`,
    timestamp: new Date(post.createdAtMs).toISOString(),
  });
}

function insights(ctx: Ctx, id: string): void {
  ctx.state.hit("instagram GET /{media}/insights");
  const post = ctx.state.find("instagram", id);
  if (!post) return ctx.send(400, graphError("(#100) Invalid media id", 100));
  const e = engagementAt(post.id, post.createdAtMs, ctx.state.now());
  const values: Record<string, number> = {
    views: e.views,
    reach: Math.floor(e.views * 0.7),
    likes: e.likes,
    comments: e.comments,
    shares: e.shares,
    saved: e.saves,
    total_interactions: e.likes + e.comments + e.shares + e.saves,
  };
  const wanted = (ctx.query.get("metric") ?? "").split(",").filter((m) => m in values);
  ctx.send(200, {
    data: wanted.map((name) => ({
      name,
      period: "lifetime",
      values: [{ value: values[name] }],
      title: name,
      id: `${id}/insights/${name}/lifetime`,
    })),
  });
}

function listMedia(ctx: Ctx, account: string): void {
  ctx.state.hit("instagram GET /{ig-user}/media");
  const limit = Number(ctx.query.get("limit") ?? 25);
  const data = [...ctx.state.postsOf("instagram", account)]
    .reverse()
    .slice(0, limit)
    .map((p) => ({ id: p.id, caption: p.text }));
  ctx.send(200, { data });
}

export async function handleInstagram(ctx: Ctx): Promise<boolean> {
  const segments = stripVersion(ctx.path).split("/").filter(Boolean);
  const [first, edge] = segments;
  if (!first) return false;
  if (segments.length === 2 && edge === "subscribed_apps") return handleSubscribedApps(ctx, first);
  if (rejectToken(ctx, "instagram", edge === "media" || edge === "media_publish" ? first : null)) return true;
  if (ctx.method === "POST" && edge === "media" && segments.length === 2)
    return (await createContainer(ctx, first), true);
  if (ctx.method === "POST" && edge === "media_publish") return (await publish(ctx, first), true);
  // Replies to a comment (src/emulator/replies.ts), by the account that owns the media.
  if (edge === "replies" && segments.length === 2) {
    const token = graphToken(ctx);
    const account = ctx.state.accountOfToken("instagram", token);
    if (ctx.method === "POST") return (await graphReply(ctx, first, account, token), true);
    if (ctx.method === "GET") return (graphReplies(ctx, first, account), true);
  }
  // An answer to a mention of the account on another user's media (src/emulator/replies.ts).
  if (ctx.method === "POST" && edge === "mentions" && segments.length === 2) {
    const token = graphToken(ctx);
    return (await instagramMentionReply(ctx, first, ctx.state.accountOfToken("instagram", token), token), true);
  }
  if (ctx.method === "GET" && edge === "media") return (listMedia(ctx, first), true);
  if (ctx.method === "GET" && edge === "insights") return (insights(ctx, first), true);
  if (ctx.method === "GET" && edge === "comments" && segments.length === 2)
    return (listComments(ctx, "instagram", first), true);
  if (ctx.method === "GET" && edge === "content_publishing_limit") {
    const used = ctx.state.postsOf("instagram", first).filter((p) => p.createdAtMs > ctx.state.now() - DAY).length;
    return (
      ctx.send(200, { data: [{ quota_usage: used, config: { quota_total: POSTS_PER_DAY, quota_duration: 86_400 } }] }),
      true
    );
  }
  if (ctx.method === "GET" && segments.length === 1 && mentioned(ctx, first)) return true;
  if (ctx.method === "GET" && segments.length === 1) return (readObject(ctx, first), true);
  return false;
}
