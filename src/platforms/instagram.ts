import { z } from "zod";
import { checkRules } from "@/platforms/rules";
import {
  answerOnPublish,
  form,
  http,
  joinUrl,
  networkOnPublish,
  networkTransient,
  parse,
  sleep,
} from "@/platforms/http";
import { classifyGraph, GRAPH_VERSION } from "@/platforms/meta";
import type { AdapterConfig, PlatformAdapter, PublishOutcome, PublishRequest, StatusOutcome } from "@/platforms/types";

// Instagram content publishing: container → status poll → media_publish (docs/platforms.md "Instagram").
// The container id is saved before media_publish; after an unanswered publish its status_code says
// whether it went out (PUBLISHED) or may still be published (FINISHED), so nothing is posted twice.

const idAnswer = z.object({ id: z.string() });
const statusAnswer = z.object({ status_code: z.enum(["IN_PROGRESS", "FINISHED", "ERROR", "EXPIRED", "PUBLISHED"]) });
const permalinkAnswer = z.object({ permalink: z.string().optional() });
const mediaList = z.object({ data: z.array(z.object({ id: z.string(), caption: z.string().optional() })) });
const insights = z.object({ data: z.array(z.unknown()) });
// Each metric on its own: one the API renamed or left without a number does not lose the others.
const insight = z.object({ name: z.string(), values: z.array(z.object({ value: z.number() })).min(1) });
const refreshAnswer = z.object({ access_token: z.string().min(1), expires_in: z.number().optional() });

type Container = z.infer<typeof statusAnswer>["status_code"];

export function instagramAdapter(cfg: AdapterConfig): PlatformAdapter {
  const api = (path: string) => joinUrl(cfg.baseUrl, `/${GRAPH_VERSION}${path}`);
  const postForm = (url: string, body: URLSearchParams) =>
    http(
      url,
      { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body },
      cfg.timeoutMs,
    );

  async function createContainer(req: PublishRequest): Promise<string | PublishOutcome> {
    const user = encodeURIComponent(req.account.platformAccountId);
    const token = req.credentials.accessToken;
    const { text, media } = req.content;
    const create = async (fields: Record<string, string | undefined>) => {
      const res = await postForm(api(`/${user}/media`), form({ ...fields, access_token: token }));
      if (res.kind === "network") return networkTransient(res);
      if (res.status >= 300) return classifyGraph(res, cfg.rateLimitFallbackMs);
      return (
        parse(idAnswer, res.body)?.id ??
        ({ kind: "transient", message: "Instagram answered without a container id" } as const)
      );
    };
    // Instagram publishes JPEG only: an image gets its JPEG copy at upload; one uploaded before that has none.
    if (media.some((m) => m.kind !== "VIDEO" && m.mimeType !== "image/jpeg"))
      return {
        kind: "permanent",
        message: "Instagram publishes JPEG images only and this image has no JPEG copy: upload it again",
      } as const;
    const video = media.find((m) => m.kind === "VIDEO");
    if (video) return create({ media_type: "REELS", video_url: video.url, caption: text });
    if (media.length === 1 && media[0])
      return create({ image_url: media[0].url, caption: text, alt_text: media[0].altText ?? undefined });
    const children: string[] = [];
    for (const m of media) {
      const child = await create({ image_url: m.url, is_carousel_item: "true", alt_text: m.altText ?? undefined });
      if (typeof child !== "string") return child;
      children.push(child);
    }
    return create({ media_type: "CAROUSEL", children: children.join(","), caption: text });
  }

  async function containerStatus(id: string, token: string): Promise<Container | PublishOutcome> {
    const res = await http(
      api(`/${encodeURIComponent(id)}?fields=status_code&access_token=${encodeURIComponent(token)}`),
      {},
      cfg.timeoutMs,
    );
    if (res.kind === "network") return networkTransient(res);
    if (res.status >= 300) return classifyGraph(res, cfg.rateLimitFallbackMs);
    return (
      parse(statusAnswer, res.body)?.status_code ?? {
        kind: "transient",
        message: "Instagram sent an unreadable container status",
      }
    );
  }

  async function permalink(mediaId: string, token: string): Promise<string | null> {
    const res = await http(
      api(`/${encodeURIComponent(mediaId)}?fields=permalink&access_token=${encodeURIComponent(token)}`),
      {},
      cfg.timeoutMs,
    );
    return res.kind === "response" && res.status < 300 ? (parse(permalinkAnswer, res.body)?.permalink ?? null) : null;
  }

  /** The container's status has no media id: find the post among the newest by its caption. */
  async function findPublished(req: PublishRequest): Promise<string | null> {
    const user = encodeURIComponent(req.account.platformAccountId);
    const res = await http(
      api(`/${user}/media?fields=id,caption&limit=25&access_token=${encodeURIComponent(req.credentials.accessToken)}`),
      {},
      cfg.timeoutMs,
    );
    if (res.kind !== "response" || res.status >= 300) return null;
    return parse(mediaList, res.body)?.data.find((m) => (m.caption ?? "") === req.content.text)?.id ?? null;
  }

  return {
    platform: "INSTAGRAM",
    validate: (content) => checkRules("INSTAGRAM", content),

    async publish(req) {
      const token = req.credentials.accessToken;
      let containerId = typeof req.state.containerId === "string" ? req.state.containerId : null;
      if (!containerId) {
        const created = await createContainer(req);
        if (typeof created !== "string") return created;
        containerId = created;
        await req.saveState({ containerId });
      }
      for (let i = 0; ; i++) {
        const st = await containerStatus(containerId, token);
        if (typeof st !== "string") return st;
        if (st === "FINISHED") break;
        if (st === "PUBLISHED") {
          const id = await findPublished(req);
          return id
            ? { kind: "published", platformPostId: id, url: await permalink(id, token) }
            : {
                kind: "unknown",
                message: "The container is published but its post was not found",
                state: { containerId },
              };
        }
        if (st === "ERROR") return { kind: "permanent", message: "Instagram could not process the media" };
        if (st === "EXPIRED") {
          await req.saveState({});
          return { kind: "transient", message: "The Instagram container expired before publishing" };
        }
        if (i >= cfg.maxPolls) return { kind: "transient", message: "Instagram is still processing the media" };
        await sleep(cfg.pollIntervalMs);
      }
      const res = await postForm(
        api(`/${encodeURIComponent(req.account.platformAccountId)}/media_publish`),
        form({ creation_id: containerId, access_token: token }),
      );
      if (res.kind === "network") return networkOnPublish(res, { containerId });
      if (res.status >= 300) return answerOnPublish(classifyGraph(res, cfg.rateLimitFallbackMs), { containerId });
      const ok = parse(idAnswer, res.body);
      if (!ok)
        return { kind: "unknown", message: "Instagram's publish answer could not be read", state: { containerId } };
      return { kind: "published", platformPostId: ok.id, url: await permalink(ok.id, token) };
    },

    async checkStatus(req): Promise<StatusOutcome> {
      const containerId = typeof req.state.containerId === "string" ? req.state.containerId : null;
      // No container was saved, so media_publish was never called: nothing can have gone out.
      if (!containerId) return { kind: "absent", state: {} };
      const st = await containerStatus(containerId, req.credentials.accessToken);
      if (typeof st !== "string")
        return { kind: "pending", message: "message" in st ? st.message : "Instagram did not answer" };
      if (st === "PUBLISHED") {
        const id = await findPublished(req);
        return {
          kind: "published",
          platformPostId: id,
          url: id ? await permalink(id, req.credentials.accessToken) : null,
        };
      }
      if (st === "FINISHED") return { kind: "absent", state: { containerId } };
      if (st === "IN_PROGRESS") return { kind: "pending", message: "Instagram is still processing the media" };
      return { kind: "absent", state: {} };
    },

    async fetchMetrics(req) {
      const out = [];
      for (const id of req.platformPostIds) {
        const metric = "views,reach,likes,comments,shares,saved,total_interactions";
        const res = await http(
          api(
            `/${encodeURIComponent(id)}/insights?metric=${metric}&access_token=${encodeURIComponent(req.credentials.accessToken)}`,
          ),
          {},
          cfg.timeoutMs,
        );
        if (res.kind === "network") return { kind: "failed", error: { kind: "transient", message: res.message } };
        if (res.status >= 300) {
          const e = classifyGraph(res, cfg.rateLimitFallbackMs);
          if (e.kind !== "published" && e.kind !== "unknown") return { kind: "failed", error: e };
          continue;
        }
        const values = new Map<string, number>();
        for (const item of parse(insights, res.body)?.data ?? []) {
          const d = parse(insight, item);
          if (d?.values[0]) values.set(d.name, d.values[0].value);
        }
        out.push({
          platformPostId: id,
          views: values.get("views") ?? null,
          likes: values.get("likes") ?? null,
          comments: values.get("comments") ?? null,
          shares: values.get("shares") ?? null,
          saves: values.get("saved") ?? null,
          clicks: null,
        });
      }
      return { kind: "ok", metrics: out };
    },

    async refreshToken(_account, credentials) {
      // Instagram Login tokens refresh themselves (no separate refresh token), only while still valid.
      const res = await http(
        joinUrl(
          cfg.baseUrl,
          `/refresh_access_token?grant_type=ig_refresh_token&access_token=${encodeURIComponent(credentials.accessToken)}`,
        ),
        {},
        cfg.timeoutMs,
      );
      if (res.kind === "network") return { kind: "transient", message: res.message };
      if (res.status >= 500) return { kind: "transient", message: `Token refresh failed with HTTP ${res.status}` };
      const ok = res.status < 300 ? parse(refreshAnswer, res.body) : null;
      if (!ok) {
        const e = classifyGraph(res);
        return { kind: "reconnect", message: "message" in e ? e.message : "Instagram refused the token refresh" };
      }
      const expiresAt = ok.expires_in ? new Date(Date.now() + ok.expires_in * 1000) : null;
      return {
        kind: "refreshed",
        tokens: { accessToken: ok.access_token, refreshToken: null, expiresAt, refreshExpiresAt: null },
      };
    },
  };
}
