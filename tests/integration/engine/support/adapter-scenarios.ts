import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Platform } from "@/generated/prisma/client";
import { open, seal } from "@/server/crypto/secret-box";
import { db } from "@/server/db";
import type { RunningWorker } from "@/worker/start-worker";
import { emulatorKey, startTestEmulator, type TestEmulator } from "../../../support/emulator";
import {
  approveNewPost,
  createWorld,
  dropQueueKeys,
  history,
  startTestWorker,
  targetRow,
  testEngineConfig,
  waitForNoJobsFor,
  waitForStatus,
  type MediaSpec,
  type World,
} from "./engine";

// The same six situations for every adapter, each against the emulator through the whole engine:
// approve → job → worker → adapter → emulator → database.

const publishRoute: Record<Platform, string> = {
  X: "x POST /2/tweets",
  FACEBOOK_PAGE: "facebook POST /{page}/feed",
  INSTAGRAM: "instagram POST /{ig-user}/media_publish",
  LINE_OA: "line POST /v2/bot/message/broadcast",
  YOUTUBE: "youtube POST /upload/youtube/v3/videos",
  TIKTOK: "tiktok POST /v2/post/publish/video/init/",
};

const permanentMessage: Record<Platform, string> = {
  X: "You are not permitted to perform this action.",
  FACEBOOK_PAGE: "(#368) The action attempted has been deemed abusive or is otherwise disallowed",
  INSTAGRAM: "The image aspect ratio is not supported.",
  LINE_OA: "The request body has 1 error(s) (messages[0].text: May not be empty)",
  YOUTUBE: "The request metadata specifies an invalid video title.",
  TIKTOK:
    "privacy_level_option_mismatch: privacy_level must be one of the privacy_level_options returned by creator_info.",
};

/**
 * A call of each platform's publishing flow that creates no post, and the media that make the flow use
 * it: a server error there is safe to retry. LINE's send is safe by its retry key; YouTube and TikTok
 * start a session first.
 */
const safeCall: Record<Platform, { route?: string; media?: MediaSpec[] }> = {
  X: { route: "x POST /2/media/upload", media: [{ kind: "IMAGE" }] },
  FACEBOOK_PAGE: { route: "facebook POST /{page}/photos", media: [{ kind: "IMAGE" }, { kind: "IMAGE" }] },
  INSTAGRAM: { route: "instagram POST /{ig-user}/media" },
  LINE_OA: {},
  YOUTUBE: {},
  TIKTOK: {},
};

/** Platforms whose tokens our side can refresh after the platform rejected them. */
const refreshable = new Set<Platform>(["X", "YOUTUBE", "TIKTOK"]);
/** Platforms that can be asked whether an unanswered publish went out. */
const confirmable = new Set<Platform>(["INSTAGRAM", "LINE_OA", "YOUTUBE", "TIKTOK"]);

export function adapterScenarios(platform: Platform): void {
  describe(`${platform} adapter through the engine`, () => {
    let emu: TestEmulator;
    let worker: RunningWorker;
    let world: World;
    const key = emulatorKey[platform];

    beforeAll(async () => {
      emu = await startTestEmulator();
      await emu.config({ processingPolls: 1 });
      worker = await startTestWorker(testEngineConfig(emu));
      world = await createWorld();
    });

    afterAll(async () => {
      await worker?.close();
      await emu?.close();
      await dropQueueKeys();
    });

    const hits = async (route: string) => (await emu.arrivals()).hits[route] ?? 0;

    it("publishes once and stores the platform's post id and link", async () => {
      const {
        targets: [t],
        text,
      } = await approveNewPost(world, { platform });
      await waitForStatus([t!.id], ["PUBLISHED"]);
      const row = await targetRow(t!.id);
      const arrived = (await emu.arrivals({ platform: key, account: t!.account.platformAccountId })).posts;
      expect(arrived.map((p) => p.text)).toEqual([text]);
      expect(row.platformPostId).toBe(arrived[0]?.id);
      expect(row.publishedAt).not.toBeNull();
      if (platform !== "LINE_OA") expect(row.platformUrl).toMatch(/^https:\/\//);
      expect(await history(t!.id)).toEqual(["SCHEDULED", "PUBLISHING", "PUBLISHED"]);
    });

    it("waits out a rate limit, then publishes once without counting a failed attempt", async () => {
      const {
        targets: [t],
        text,
      } = await approveNewPost(world, { platform, approve: false });
      await emu.fault({ platform: key, account: t!.account.platformAccountId, kind: "rate_limit", resetInMs: 1_200 });
      const before = await hits(publishRoute[platform]);
      const { approvePost } = await import("@/server/publishing/approve-post");
      await approvePost({ postId: (await targetRow(t!.id)).postId, actorId: world.approver.id });
      await waitForStatus([t!.id], ["PUBLISHED"]);
      expect(await emu.countOf(platform, t!.account.platformAccountId, text)).toBe(1);
      expect(await hits(publishRoute[platform])).toBe(before + 2);
      expect((await targetRow(t!.id)).attempts).toBe(1);
      expect(await history(t!.id)).toEqual(["SCHEDULED", "PUBLISHING", "SCHEDULED", "PUBLISHING", "PUBLISHED"]);
    });

    it("backs off after server errors on a call that creates no post, and publishes once", async () => {
      const {
        targets: [t],
        text,
      } = await approveNewPost(world, { platform, approve: false, media: safeCall[platform].media });
      await emu.fault({
        platform: key,
        account: t!.account.platformAccountId,
        kind: "server_error",
        status: 503,
        times: 2,
        route: safeCall[platform].route,
      });
      const { approvePost } = await import("@/server/publishing/approve-post");
      await approvePost({ postId: (await targetRow(t!.id)).postId, actorId: world.approver.id });
      await waitForStatus([t!.id], ["PUBLISHED"]);
      expect(await emu.countOf(platform, t!.account.platformAccountId, text)).toBe(1);
      expect((await targetRow(t!.id)).attempts).toBe(3);
    });

    if (refreshable.has(platform)) {
      it("refreshes an expired token, keeps the new one encrypted, and publishes", async () => {
        const {
          targets: [t],
          text,
        } = await approveNewPost(world, { platform, approve: false });
        const id = t!.account.platformAccountId;
        await emu.tokens({ platform: key, account: id, action: "expire" });
        const { approvePost } = await import("@/server/publishing/approve-post");
        await approvePost({ postId: (await targetRow(t!.id)).postId, actorId: world.approver.id });
        await waitForStatus([t!.id], ["PUBLISHED"]);
        expect(await emu.countOf(platform, id, text)).toBe(1);
        const account = await db.socialAccount.findUniqueOrThrow({ where: { id: t!.account.id } });
        expect(account.status).toBe("ACTIVE");
        expect(open(account.accessTokenEnc!)).not.toBe(`demo-access-${id}`);
        // X and TikTok rotate refresh tokens: the newest must be the one stored.
        if (platform !== "YOUTUBE") expect(open(account.refreshTokenEnc!)).not.toBe(`demo-refresh-${id}`);
      });
    } else {
      it("asks for a reconnect when the platform rejects the token; the target waits and goes once reconnected", async () => {
        const {
          targets: [t],
          text,
        } = await approveNewPost(world, { platform, approve: false });
        const id = t!.account.platformAccountId;
        await emu.tokens({ platform: key, account: id, action: "expire" });
        const { approvePost } = await import("@/server/publishing/approve-post");
        await approvePost({ postId: (await targetRow(t!.id)).postId, actorId: world.approver.id });
        // It waits for the reconnect (SCHEDULED, with the reason), it does not fail.
        await vi.waitFor(async () => expect((await targetRow(t!.id)).lastErrorKind).toBe("reconnect"), {
          timeout: 60_000,
        });
        expect((await targetRow(t!.id)).status).toBe("SCHEDULED");
        expect((await db.socialAccount.findUniqueOrThrow({ where: { id: t!.account.id } })).status).toBe(
          "NEEDS_RECONNECT",
        );
        // What the account screen does on reconnect: a new token, the account active again.
        await db.socialAccount.update({
          where: { id: t!.account.id },
          data: { status: "ACTIVE", accessTokenEnc: seal(`demo-access-${id}~2`) },
        });
        const { resumeAfterReconnect } = await import("@/server/publishing/await-reconnect");
        await resumeAfterReconnect(t!.account.id);
        await waitForStatus([t!.id], ["PUBLISHED"]);
        expect(await emu.countOf(platform, id, text)).toBe(1);
      });
    }

    if (platform === "LINE_OA") {
      it("never sends again with a retry key LINE has forgotten (after 24 hours): the target waits UNCONFIRMED for a person", async () => {
        const {
          targets: [t],
          text,
        } = await approveNewPost(world, { platform, approve: false });
        const id = t!.account.platformAccountId;
        // A first send with the target's key went out 25 hours ago, and its answer was lost.
        const first = await fetch(`${emu.baseUrls.LINE_OA}/v2/bot/message/broadcast`, {
          method: "POST",
          headers: {
            Authorization: `Bearer demo-access-${id}`,
            "Content-Type": "application/json",
            "X-Line-Retry-Key": t!.id,
          },
          body: JSON.stringify({ messages: [{ type: "text", text }] }),
        });
        expect(first.status).toBe(200);
        await emu.advanceClock(25 * 3_600_000);
        await db.postTarget.update({
          where: { id: t!.id },
          data: { platformState: { retryKeySince: Date.now() - 25 * 3_600_000 } },
        });
        const { approvePost } = await import("@/server/publishing/approve-post");
        await approvePost({ postId: (await targetRow(t!.id)).postId, actorId: world.approver.id });
        await waitForStatus([t!.id], ["UNCONFIRMED"]);
        await new Promise((r) => setTimeout(r, 1_500));
        expect((await targetRow(t!.id)).status).toBe("UNCONFIRMED");
        expect(await emu.countOf(platform, id, text)).toBe(1);
      });
    }

    if (platform === "TIKTOK") {
      it("picks up its saved publish_id after a status poll answered 429 and then 401, never a second init", async () => {
        const {
          targets: [t],
          text,
        } = await approveNewPost(world, { platform, approve: false });
        const id = t!.account.platformAccountId;
        const route = "tiktok POST /v2/post/publish/status/fetch/";
        await emu.fault({ platform: key, account: id, kind: "rate_limit", route });
        await emu.fault({ platform: key, account: id, kind: "unauthorized", route });
        const inits = await hits("tiktok POST /v2/post/publish/video/init/");
        const { approvePost } = await import("@/server/publishing/approve-post");
        await approvePost({ postId: (await targetRow(t!.id)).postId, actorId: world.approver.id });
        await waitForStatus([t!.id], ["PUBLISHED"]);
        expect(await emu.countOf(platform, id, text)).toBe(1);
        expect(await hits("tiktok POST /v2/post/publish/video/init/")).toBe(inits + 1);
        const arrived = (await emu.arrivals({ platform: key, account: id })).posts;
        expect((await targetRow(t!.id)).platformPostId).toBe(arrived[0]?.id);
      });
    }

    if (platform === "INSTAGRAM") {
      it("refreshes a token about to expire before publishing with it", async () => {
        const account = await db.socialAccount.update({
          where: { id: (await approveNewPost(world, { platform, approve: false })).targets[0]!.account.id },
          data: { tokenExpiresAt: new Date(Date.now() + 60_000) },
        });
        const {
          targets: [t],
          text,
        } = await approveNewPost(world, { platform, accounts: [account] });
        await waitForStatus([t!.id], ["PUBLISHED"]);
        expect(await emu.countOf(platform, account.platformAccountId, text)).toBe(1);
        const after = await db.socialAccount.findUniqueOrThrow({ where: { id: account.id } });
        expect(open(after.accessTokenEnc!)).not.toBe(`demo-access-${account.platformAccountId}`);
        expect(after.tokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 24 * 3_600_000);
      });
    }

    it("fails with the platform's own message on a permanent error, and posts nothing", async () => {
      const {
        targets: [t],
        text,
      } = await approveNewPost(world, { platform, approve: false });
      await emu.fault({ platform: key, account: t!.account.platformAccountId, kind: "permanent" });
      const { approvePost } = await import("@/server/publishing/approve-post");
      await approvePost({ postId: (await targetRow(t!.id)).postId, actorId: world.approver.id });
      await waitForStatus([t!.id], ["FAILED"]);
      const row = await targetRow(t!.id);
      expect(row.lastError).toBe(permanentMessage[platform]);
      expect(row.lastErrorKind).toBe("permanent");
      expect(await emu.countOf(platform, t!.account.platformAccountId, text)).toBe(0);
    });

    it(
      platform === "LINE_OA"
        ? "sends again with the same retry key after a 5xx, and LINE holds the message once"
        : confirmable.has(platform)
          ? "takes a 5xx on the call that publishes as an unknown outcome, checks it with the platform before any retry, and the platform holds the post once"
          : "takes a 5xx on the call that publishes as an unknown outcome, leaves it UNCONFIRMED for a person, and the platform holds the post once",
      async () => {
        const {
          targets: [t],
          text,
        } = await approveNewPost(world, { platform, approve: false });
        const id = t!.account.platformAccountId;
        await emu.fault({ platform: key, account: id, kind: "server_error_after_accept", status: 502 });
        const { approvePost } = await import("@/server/publishing/approve-post");
        await approvePost({ postId: (await targetRow(t!.id)).postId, actorId: world.approver.id });
        if (platform === "LINE_OA") {
          await waitForStatus([t!.id], ["PUBLISHED"]);
          expect(await history(t!.id)).toEqual(["SCHEDULED", "PUBLISHING", "SCHEDULED", "PUBLISHING", "PUBLISHED"]);
        } else if (confirmable.has(platform)) {
          await waitForStatus([t!.id], ["PUBLISHED"]);
          const arrived = (await emu.arrivals({ platform: key, account: id })).posts;
          expect((await targetRow(t!.id)).platformPostId).toBe(arrived[0]?.id);
          expect(await history(t!.id)).toEqual(["SCHEDULED", "PUBLISHING", "UNCONFIRMED", "PUBLISHED"]);
        } else {
          await waitForStatus([t!.id], ["UNCONFIRMED"]);
          // Every confirm step the worker had planned has run, and none of them retried the post.
          await waitForNoJobsFor([t!.id]);
          const row = await targetRow(t!.id);
          expect(row.status).toBe("UNCONFIRMED");
          expect(row.lastErrorKind).toBe("unknown");
        }
        expect(await emu.countOf(platform, id, text)).toBe(1);
      },
    );

    it(
      confirmable.has(platform)
        ? "checks an unanswered publish with the platform and records it published, never posting twice"
        : "leaves an unanswered publish UNCONFIRMED for a person and never posts it twice",
      async () => {
        const {
          targets: [t],
          text,
        } = await approveNewPost(world, { platform, approve: false });
        const id = t!.account.platformAccountId;
        await emu.fault({ platform: key, account: id, kind: "timeout_after_accept", delayMs: 30_000 });
        const { approvePost } = await import("@/server/publishing/approve-post");
        await approvePost({ postId: (await targetRow(t!.id)).postId, actorId: world.approver.id });
        if (confirmable.has(platform)) {
          await waitForStatus([t!.id], ["PUBLISHED"]);
          const row = await targetRow(t!.id);
          const arrived = (await emu.arrivals({ platform: key, account: id })).posts;
          expect(row.platformPostId).toBe(arrived[0]?.id);
          expect(await history(t!.id)).toEqual(["SCHEDULED", "PUBLISHING", "UNCONFIRMED", "PUBLISHED"]);
        } else {
          await waitForStatus([t!.id], ["UNCONFIRMED"]);
          // Every confirm step the worker had planned has run, and none of them retried the post.
          await waitForNoJobsFor([t!.id]);
          expect((await targetRow(t!.id)).status).toBe("UNCONFIRMED");
        }
        expect(await emu.countOf(platform, id, text)).toBe(1);
      },
    );
  });
}
