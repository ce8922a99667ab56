import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../support/emulator";

// The emulator's reply endpoints are as strict as the references (docs/platforms.md "Public replies"): replies
// to what the platform does not hold are refused as the platform refuses them, text limits hold, a LINE reply
// token works once and for a minute, a push reaches only a user who wrote to the bot, and Meta's permission for
// replies is checked on tokens it knows the grant of.

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ localApp: null });
});
beforeEach(async () => {
  await fetch(`${emu.url}/__control/reset`, { method: "POST" });
});
afterAll(async () => {
  await emu?.close();
});

const call = async (
  path: string,
  init: { method?: string; token: string; json?: unknown; form?: Record<string, string> },
) => {
  const res = await fetch(`${emu.url}${path}`, {
    method: init.method ?? "POST",
    headers: {
      authorization: `Bearer ${init.token}`,
      ...(init.json !== undefined ? { "content-type": "application/json" } : {}),
      ...(init.form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
    },
    body: init.json !== undefined ? JSON.stringify(init.json) : init.form ? new URLSearchParams(init.form) : undefined,
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> | null };
};

describe("X: POST /2/tweets with reply.in_reply_to_tweet_id", () => {
  const token = "demo-access-x-polda";
  it("refuses a post X does not hold with 403, an id that is not a TweetId and unknown reply fields with 400", async () => {
    const unknown = await call("/x/2/tweets", {
      token,
      json: { text: "Halo", reply: { in_reply_to_tweet_id: "123" } },
    });
    expect(unknown.status).toBe(403);
    expect(unknown.body?.detail).toMatch(/deleted or not visible/);
    const badId = await call("/x/2/tweets", { token, json: { text: "Halo", reply: { in_reply_to_tweet_id: "abc" } } });
    expect(badId.status).toBe(400);
    await emu.replyParent({ platform: "x", account: "x-polda", id: "555" });
    const extra = await call("/x/2/tweets", {
      token,
      json: { text: "Halo", reply: { in_reply_to_tweet_id: "555", quote: true } },
    });
    expect(extra.status).toBe(400);
    const long = await call("/x/2/tweets", {
      token,
      json: { text: "a".repeat(281), reply: { in_reply_to_tweet_id: "555" } },
    });
    expect(long.status).toBe(400);
    const ok = await call("/x/2/tweets", { token, json: { text: "Halo", reply: { in_reply_to_tweet_id: "555" } } });
    expect(ok.status).toBe(201);
    expect((await emu.replies({ platform: "x", parent: "555" })).map((r) => r.text)).toEqual(["Halo"]);
    // No reply lands among the account's posts.
    expect((await emu.arrivals({ platform: "x" })).posts).toHaveLength(0);
  });
});

describe("Instagram and Facebook replies", () => {
  it("answer only the owner's comments, within the text limit, never a hidden one", async () => {
    await emu.replyParent({ platform: "instagram", account: "ig-1", id: "c1" });
    await emu.replyParent({ platform: "instagram", account: "ig-1", id: "c2", hidden: true });
    await emu.replyParent({ platform: "instagram", account: "ig-1", id: "c3", topLevelId: "c1" });
    const other = await call("/instagram/v25.0/c1/replies", { token: "demo-access-ig-2", form: { message: "Hai" } });
    expect(other.status).toBe(400);
    expect((other.body?.error as { code: number }).code).toBe(100);
    const hidden = await call("/instagram/v25.0/c2/replies", { token: "demo-access-ig-1", form: { message: "Hai" } });
    expect(hidden.status).toBe(400);
    const long = await call("/instagram/v25.0/c1/replies", {
      token: "demo-access-ig-1",
      form: { message: "a".repeat(2_201) },
    });
    expect(long.status).toBe(400);
    // A reply to a reply lands under the top-level comment, as Instagram documents.
    const nested = await call("/instagram/v25.0/c3/replies", { token: "demo-access-ig-1", form: { message: "Hai" } });
    expect(nested.status).toBe(200);
    expect(await emu.replies({ platform: "instagram", parent: "c1" })).toHaveLength(1);
    const fb = await call("/facebook/v25.0/nope/comments", { token: "demo-access-page-1", form: { message: "Hai" } });
    expect(fb.status).toBe(400);
    expect((fb.body?.error as { error_subcode: number }).error_subcode).toBe(33);
  });
});

describe("YouTube comments.insert", () => {
  it("needs part=snippet, a parent it holds, a top-level parent and text within 10,000 characters", async () => {
    const token = "demo-access-UC-1";
    await emu.replyParent({ platform: "youtube", account: "UC-1", id: "Ug1" });
    await emu.replyParent({ platform: "youtube", account: "UC-1", id: "Ug1.r1", topLevelId: "Ug1" });
    const body = (parentId: string, textOriginal = "Terima kasih") => ({ snippet: { parentId, textOriginal } });
    expect((await call("/youtube/youtube/v3/comments", { token, json: body("Ug1") })).status).toBe(400);
    expect((await call("/youtube/youtube/v3/comments?part=snippet", { token, json: body("nope") })).status).toBe(404);
    expect((await call("/youtube/youtube/v3/comments?part=snippet", { token, json: body("Ug1.r1") })).status).toBe(400);
    const long = await call("/youtube/youtube/v3/comments?part=snippet", {
      token,
      json: body("Ug1", "a".repeat(10_001)),
    });
    expect(long.status).toBe(400);
    const ok = await call("/youtube/youtube/v3/comments?part=snippet", { token, json: body("Ug1") });
    expect(ok.status).toBe(200);
    expect(await emu.replies({ platform: "youtube", parent: "Ug1" })).toHaveLength(1);
  });
});

describe("LINE reply and push", () => {
  const token = "demo-access-bot-1";
  const reply = (replyToken: string) =>
    call("/line/v2/bot/message/reply", { token, json: { replyToken, messages: [{ type: "text", text: "Halo" }] } });

  it("a reply token works once", async () => {
    const { replyToken } = await emu.replyParent({
      platform: "line",
      account: "bot-1",
      id: "m1",
      author: "U1",
      lineReplyToken: true,
    });
    expect((await reply(replyToken!)).status).toBe(200);
    const again = await reply(replyToken!);
    expect(again.status).toBe(400);
    expect(again.body?.message).toBe("Invalid reply token");
    expect(await emu.replies({ platform: "line", parent: "m1" })).toHaveLength(1);
  });

  it("a reply token is refused after a minute", async () => {
    const { replyToken } = await emu.replyParent({
      platform: "line",
      account: "bot-1",
      id: "m2",
      author: "U2",
      lineReplyToken: true,
    });
    await emu.advanceClock(61_000);
    expect((await reply(replyToken!)).status).toBe(400);
    expect(await emu.replies({ platform: "line", parent: "m2" })).toHaveLength(0);
  });

  it("a push goes only to a user who wrote to the bot", async () => {
    const push = (to: string) =>
      call("/line/v2/bot/message/push", { token, json: { to, messages: [{ type: "text", text: "Halo" }] } });
    expect((await push("U-stranger")).status).toBe(400);
    await emu.replyParent({ platform: "line", account: "bot-1", id: "m3", author: "U3" });
    expect((await push("U3")).status).toBe(200);
    expect((await emu.replies({ platform: "line", to: "U3" })).map((r) => r.via)).toEqual(["push"]);
  });
});
