import { expect, it } from "vitest";
import { createAdapters } from "@/platforms/registry";
import { db } from "@/server/db";
import { collectDueMetrics } from "@/server/engagement/collect-metrics";
import { fetchMetricsWith } from "@/server/engagement/platform-metrics";
import { approveNewPost, engineSuite, targetRow, testEngineConfig, waitForStatus } from "./support/engine";

// Engagement read through the real adapters from an emulator that answers as the platforms do: a
// Facebook video is a Video node (no `shares`), X's newest reference spells `post.fields` and
// `repost_count` (the older `tweet.fields` / `retweet_count`), TikTok's post ids are int64 numbers.

const MINUTE = 60_000;

const suite = engineSuite();

const adapters = () => createAdapters(testEngineConfig(suite.emu).platforms);

async function metricsOf(targetId: string) {
  return db.targetMetrics.findUniqueOrThrow({ where: { targetId } });
}

it("reads a Facebook video's likes and comments from its Video node, and a Page post's shares, and keeps both on the schedule", async () => {
  const video = await approveNewPost(suite.world, { platform: "FACEBOOK_PAGE", media: [{ kind: "VIDEO" }] });
  const post = await approveNewPost(suite.world, { platform: "FACEBOOK_PAGE" });
  const ids = [video.targets[0]!.id, post.targets[0]!.id];
  await waitForStatus(ids, ["PUBLISHED"]);
  const videoRow = await targetRow(ids[0]!);
  // The video's own id, as /videos answers it, and a link to it on the Page.
  expect(videoRow.platformPostId).toMatch(/^\d+$/);
  expect(videoRow.platformUrl).toContain(`/videos/${videoRow.platformPostId}`);
  await suite.emu.advanceClock(3 * 60 * MINUTE);

  const run = await collectDueMetrics({
    fetchMetrics: fetchMetricsWith(adapters()),
    now: new Date(Date.now() + 20 * MINUTE),
    accountIds: [video.targets[0]!.account.id, post.targets[0]!.account.id],
  });
  expect(run).toMatchObject({ readings: 2, missing: 0, failedBatches: 0 });
  const v = await metricsOf(ids[0]!);
  expect(v).toMatchObject({ readings: 1, missing: 0, shares: null, lastError: null });
  expect(v.likes).not.toBeNull();
  expect(v.comments).not.toBeNull();
  expect(v.nextPollAt).not.toBeNull();
  const p = await metricsOf(ids[1]!);
  expect(p).toMatchObject({ readings: 1, missing: 0 });
  expect(p.shares).not.toBeNull();
});

it("records every X post of a batch whether X spells its reposts `repost_count` (post.fields) or `retweet_count` (tweet.fields)", async () => {
  const { targets } = await approveNewPost(suite.world, { platform: "X" });
  const account = targets[0]!.account;
  const more = await approveNewPost(suite.world, { platform: "X", accounts: [account] });
  const ids = [targets[0]!.id, more.targets[0]!.id];
  await waitForStatus(ids, ["PUBLISHED"]);
  await suite.emu.advanceClock(3 * 60 * MINUTE);
  const shared = adapters();

  await suite.emu.config({ xSpelling: "post" });
  const first = await collectDueMetrics({
    fetchMetrics: fetchMetricsWith(shared),
    now: new Date(Date.now() + 20 * MINUTE),
    accountIds: [account.id],
  });
  expect(first).toMatchObject({ batches: 1, readings: 2, missing: 0, failedBatches: 0 });
  for (const id of ids) {
    const m = await metricsOf(id);
    expect(m.shares).not.toBeNull();
    expect(m.likes).not.toBeNull();
    expect(m.views).not.toBeNull();
  }

  // The older spelling: the adapter meets the 400 naming its parameter, switches, and still reads everything.
  await suite.emu.config({ xSpelling: "tweet" });
  const second = await collectDueMetrics({
    fetchMetrics: fetchMetricsWith(shared),
    now: new Date(Date.now() + 2 * 60 * MINUTE),
    accountIds: [account.id],
  });
  expect(second).toMatchObject({ batches: 1, readings: 2, missing: 0, failedBatches: 0 });
  for (const id of ids) expect((await metricsOf(id)).readings).toBe(2);
  await suite.emu.config({ xSpelling: "post" });
});

it("keeps TikTok's 19-digit post id with every digit, and reads the video's metrics by it", async () => {
  const { targets } = await approveNewPost(suite.world, { platform: "TIKTOK" });
  await waitForStatus([targets[0]!.id], ["PUBLISHED"]);
  const [arrived] = (await suite.emu.arrivals({ platform: "tiktok", account: targets[0]!.account.platformAccountId }))
    .posts;
  expect(arrived!.id).toMatch(/^\d{19}$/);
  const row = await targetRow(targets[0]!.id);
  expect(row.platformPostId).toBe(arrived!.id);
  expect(row.platformUrl).toContain(`/video/${arrived!.id}`);
  await suite.emu.advanceClock(3 * 60 * MINUTE);
  const run = await collectDueMetrics({
    fetchMetrics: fetchMetricsWith(adapters()),
    now: new Date(Date.now() + 20 * MINUTE),
    accountIds: [targets[0]!.account.id],
  });
  expect(run).toMatchObject({ readings: 1, missing: 0, failedBatches: 0 });
  expect((await metricsOf(targets[0]!.id)).views).not.toBeNull();
});
