import { createHmac, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { SocialAccount } from "@/generated/prisma/client";
import type { IngestWebhookPayload } from "@/jobs/contract";
import { seal } from "@/server/crypto/secret-box";
import { db } from "@/server/db";
import { ingestWebhook, lineWebhook, metaVerification, metaWebhook } from "@/server/interactions/ingest-webhook";
import { lineSecretReads, lineSecretsChanged } from "@/server/interactions/line-channel-secrets";
import { loadInboxOptions } from "@/server/interactions/list-inbox";
import { engineProducer } from "@/server/publishing/engine-queue";
import { createAccount } from "../../factories/accounts";
import { actorWith } from "../../support/actors";
import { createCitizensPolda } from "./support/citizens";

// Webhook ingestion (issue 16): signed deliveries are queued and stored once whatever the retries; a bad
// signature is refused with nothing queued or stored. The queue is replaced by a recorder here; the worker's
// job (ingestWebhook) is then run on exactly what was queued.
vi.hoisted(() => {
  process.env.LINE_CHANNEL_SECRET = "line-channel-secret-uji";
  process.env.META_APP_SECRET = "meta-app-secret-uji";
  process.env.META_VERIFY_TOKEN = "token-verifikasi-uji";
  // A queue of this file's own: no other test's worker takes its jobs.
  process.env.QUEUE_PREFIX = `siar-webhooks-${process.pid}`;
});

let line: SocialAccount, instagram: SocialAccount, page: SocialAccount;
let mediaId: string, targetId: string;

beforeAll(async () => {
  ({ line, instagram, page, mediaId, targetId } = await createCitizensPolda(
    "Polda Uji Webhook",
    `ig-media-${randomUUID().slice(0, 8)}`,
  ));
});

function recorder() {
  const jobs: { payload: IngestWebhookPayload; jobId: string }[] = [];
  return { jobs, enqueue: async (payload: IngestWebhookPayload, jobId: string) => void jobs.push({ payload, jobId }) };
}

const lineSign = (body: string, secret = "line-channel-secret-uji") =>
  createHmac("sha256", secret).update(body).digest("base64");
const metaSign = (body: string, secret = "meta-app-secret-uji") =>
  `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

const post = (path: string, body: string, headers: Record<string, string>) =>
  new Request(`http://127.0.0.1:3000${path}`, {
    method: "POST",
    body,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });

function lineDelivery(messageId: string, text: string, channel: SocialAccount = line) {
  return JSON.stringify({
    destination: channel.platformAccountId,
    events: [
      {
        type: "message",
        mode: "active",
        timestamp: Date.now(),
        webhookEventId: `01H${messageId}`,
        deliveryContext: { isRedelivery: false },
        replyToken: `reply-${messageId}`,
        source: { type: "user", userId: "U4af4980629aaaaaaaaaaaaaaaaaaaaaa" },
        message: { type: "text", id: messageId, quoteToken: "q", text },
      },
      { type: "follow", timestamp: Date.now(), source: { type: "user", userId: "Uabc" }, replyToken: "r" },
    ],
  });
}

const stored = (externalId: string) => db.interaction.findMany({ where: { externalId } });

describe("the LINE webhook", () => {
  it("refuses a body over 1 MiB, declared or streamed without a length, before reading it whole", async () => {
    const { jobs, enqueue } = recorder();
    const declared = new Request("http://127.0.0.1:3000/api/webhooks/line", {
      method: "POST",
      body: "{}",
      headers: { "content-type": "application/json", "content-length": String(2 * 1_048_576) },
    });
    expect((await lineWebhook(declared, enqueue)).status).toBe(413);
    // 64 KiB chunks for ever: the route must stop at the cap and cancel the stream.
    let sent = 0;
    let cancelled = false;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 65_536;
        controller.enqueue(new Uint8Array(65_536).fill(0x20));
      },
      cancel() {
        cancelled = true;
      },
    });
    const chunked = new Request("http://127.0.0.1:3000/api/webhooks/line", {
      method: "POST",
      body: endless,
      duplex: "half",
      headers: { "content-type": "application/json", "x-line-signature": lineSign("{}") },
    } as RequestInit);
    expect((await lineWebhook(chunked, enqueue)).status).toBe(413);
    expect(cancelled).toBe(true);
    expect(sent).toBeLessThan(2 * 1_048_576);
    expect(jobs).toHaveLength(0);
  });

  it("queues a signed delivery, and the same delivery three times stores one item", async () => {
    const messageId = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
    const body = lineDelivery(messageId, "Tolong, ada kecelakaan di depan kantor camat!");
    const { jobs, enqueue } = recorder();
    for (let i = 0; i < 3; i++) {
      const res = await lineWebhook(post("/api/webhooks/line", body, { "x-line-signature": lineSign(body) }), enqueue);
      expect(res.status).toBe(200);
    }
    expect(jobs).toHaveLength(3);
    expect(new Set(jobs.map((j) => j.jobId)).size).toBe(1); // one job id: repeats while queued are one job
    // The worker may run each delivery (and retries of a job): still one row.
    for (const job of jobs) await ingestWebhook(job.payload);
    await ingestWebhook(jobs[0]!.payload);
    const rows = await stored(messageId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      platform: "LINE_OA",
      accountId: line.id,
      unitId: line.unitId,
      kind: "MESSAGE",
      state: "NEW",
      urgent: true,
      authorExternalId: "U4af4980629aaaaaaaaaaaaaaaaaaaaaa",
      text: "Tolong, ada kecelakaan di depan kantor camat!",
    });
    expect(rows[0]!.platformData).toMatchObject({ replyToken: `reply-${messageId}` });
  });

  it("puts a signed delivery on the real queue as one job, whatever the repeats", async () => {
    const body = lineDelivery(`${Date.now()}7`, "Jam layanan SIM hari Sabtu?");
    const request = () => post("/api/webhooks/line", body, { "x-line-signature": lineSign(body) });
    expect((await lineWebhook(request())).status).toBe(200);
    expect((await lineWebhook(request())).status).toBe(200);
    const { queue } = await engineProducer();
    const waiting = (await queue.getJobs(["waiting", "delayed", "prioritized"])).filter(
      (j) => j.name === "interactions.ingest" && (j.data as IngestWebhookPayload).body === body,
    );
    expect(waiting).toHaveLength(1);
    await waiting[0]!.remove();
  });

  it("refuses a wrong, missing or mangled signature: nothing queued, nothing stored", async () => {
    const messageId = `${Date.now()}9${Math.floor(Math.random() * 1000)}`;
    const body = lineDelivery(messageId, "Syarat SKCK apa saja?");
    const { jobs, enqueue } = recorder();
    const attempts: Record<string, string>[] = [
      { "x-line-signature": lineSign(body, "rahasia-lain") },
      {},
      { "x-line-signature": `${lineSign(body)}!!` },
      { "x-line-signature": lineSign(`${body} `) },
    ];
    for (const headers of attempts) {
      const res = await lineWebhook(post("/api/webhooks/line", body, headers), enqueue);
      expect(res.status).toBe(401);
    }
    expect(jobs).toHaveLength(0);
    expect(await stored(messageId)).toHaveLength(0);
  });

  it("verifies a channel that keeps its own secret with that secret alone, and the others with the installation's", async () => {
    // A second Official Account of the same Polda, a channel of its own, connected with its channel secret.
    const own = await createAccount(db, { unitId: line.unitId, platform: "LINE_OA", connect: true });
    await db.socialAccount.update({ where: { id: own.id }, data: { webhookSecretEnc: seal("rahasia-channel-kedua") } });
    lineSecretsChanged(); // as connecting the channel does
    // The Polda's Humas reads which channel is sure to receive and which leans on the installation's secret.
    const humas = await actorWith(line.unitId, "ADMIN");
    const unit = await db.unit.findUniqueOrThrow({ where: { id: line.unitId } });
    expect((await loadInboxOptions(humas, unit.path)).arrivals).toEqual(
      expect.arrayContaining([
        { platform: "LINE_OA", arrival: "lineWebhook", count: 1 },
        { platform: "LINE_OA", arrival: "lineSharedSecret", count: 1 },
      ]),
    );
    const { jobs, enqueue } = recorder();
    const send = (body: string, secret: string) =>
      lineWebhook(post("/api/webhooks/line", body, { "x-line-signature": lineSign(body, secret) }), enqueue);

    const toOwn = lineDelivery(`${Date.now()}21`, "Apakah layanan SKCK buka hari Minggu?", own);
    expect((await send(toOwn, "line-channel-secret-uji")).status).toBe(401);
    expect(jobs).toHaveLength(0);
    expect((await send(toOwn, "rahasia-channel-kedua")).status).toBe(200);
    // The first channel keeps none: its deliveries are the installation's, and the second channel's secret fails.
    const toFirst = lineDelivery(`${Date.now()}22`, "Info pembuatan SIM keliling?");
    expect((await send(toFirst, "rahasia-channel-kedua")).status).toBe(401);
    expect((await send(toFirst, "line-channel-secret-uji")).status).toBe(200);
    expect(jobs).toHaveLength(2);
    for (const job of jobs) await ingestWebhook(job.payload);
    const [item] = await db.interaction.findMany({ where: { accountId: own.id } });
    expect(item).toMatchObject({ platform: "LINE_OA", text: "Apakah layanan SKCK buka hari Minggu?" });
    // A body naming no channel Siar holds, or none at all, is checked against the installation's secret.
    const stranger = JSON.stringify({ destination: "U-tidak-dikenal", events: [] });
    expect((await send(stranger, "rahasia-channel-kedua")).status).toBe(401);
    expect((await send(stranger, "line-channel-secret-uji")).status).toBe(200);
    expect((await send("bukan json", "line-channel-secret-uji")).status).toBe(200);
  });

  it("reads the channels' secrets as one map, at most every 2 s whatever arrives, and takes a new channel at once", async () => {
    const { jobs, enqueue } = recorder();
    const send = (body: string, secret: string) =>
      lineWebhook(post("/api/webhooks/line", body, { "x-line-signature": lineSign(body, secret) }), enqueue);
    const made = (n: number) => JSON.stringify({ destination: `U-buatan-${n}`, events: [] });
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    try {
      lineSecretsChanged();
      expect((await send(lineDelivery(`${Date.now()}31`, "Halo"), "line-channel-secret-uji")).status).toBe(200);
      const first = lineSecretReads();
      // A flood of deliveries naming made-up channels, badly signed: refused, and not one more read.
      for (let i = 0; i < 20; i++) expect((await send(made(i), "tebakan")).status).toBe(401);
      expect(lineSecretReads()).toBe(first);
      // A channel connected elsewhere (in the database only, as by another process): its first delivery after the
      // 2 s is checked against a fresh read and taken.
      const late = await createAccount(db, { unitId: line.unitId, platform: "LINE_OA", connect: true });
      await db.socialAccount.update({
        where: { id: late.id },
        data: { webhookSecretEnc: seal("rahasia-channel-baru") },
      });
      vi.setSystemTime(Date.now() + 2_500);
      const toLate = lineDelivery(`${Date.now()}32`, "Jadwal SIM keliling besok?", late);
      expect((await send(toLate, "rahasia-channel-baru")).status).toBe(200);
      expect(lineSecretReads()).toBe(first + 1);
      for (let i = 20; i < 40; i++) expect((await send(made(i), "tebakan")).status).toBe(401);
      expect(lineSecretReads()).toBe(first + 1);
      expect(jobs).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("the Meta webhook", () => {
  it("answers the subscription check only with the right verify token", async () => {
    const url = (token: string) =>
      `http://127.0.0.1:3000/api/webhooks/meta?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=1158201444`;
    const ok = metaVerification(new Request(url("token-verifikasi-uji")));
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("1158201444");
    expect(metaVerification(new Request(url("salah"))).status).toBe(403);
  });

  it("stores an Instagram comment on Siar's post linked to that post, and a Page comment and message, once each", async () => {
    const commentId = `1790${Date.now()}`;
    const body = JSON.stringify({
      object: "instagram",
      entry: [
        {
          id: instagram.platformAccountId,
          time: Math.floor(Date.now() / 1000),
          changes: [
            {
              field: "comments",
              value: {
                id: commentId,
                text: "Min, syarat perpanjangan SIM apa saja?",
                from: { id: "2316", username: "warga_kaltim" },
                media: { id: mediaId, media_product_type: "FEED" },
              },
            },
          ],
        },
      ],
    });
    const { jobs, enqueue } = recorder();
    const res = await metaWebhook(post("/api/webhooks/meta", body, { "x-hub-signature-256": metaSign(body) }), enqueue);
    expect(res.status).toBe(200);
    expect(
      (
        await metaWebhook(
          post("/api/webhooks/meta", body, { "x-hub-signature-256": metaSign(body, "bukan-rahasia") }),
          enqueue,
        )
      ).status,
    ).toBe(401);
    expect(jobs).toHaveLength(1);
    await ingestWebhook(jobs[0]!.payload);
    await ingestWebhook(jobs[0]!.payload);
    const rows = await stored(commentId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      platform: "INSTAGRAM",
      kind: "COMMENT",
      authorHandle: "warga_kaltim",
      targetId,
      externalParentId: mediaId,
      urgent: false,
    });

    const pageCommentId = `${page.platformAccountId}_c${Date.now()}`;
    const mid = `m_${randomUUID()}`;
    const pageBody = JSON.stringify({
      object: "page",
      entry: [
        {
          id: page.platformAccountId,
          time: Date.now(),
          changes: [
            {
              field: "feed",
              value: {
                item: "comment",
                verb: "add",
                comment_id: pageCommentId,
                post_id: `${page.platformAccountId}_123`,
                message: "Laporan saya belum ditindaklanjuti",
                from: { id: "998877", name: "Budi Santoso" },
                created_time: Math.floor(Date.now() / 1000),
              },
            },
            // The Page's own comment is not a citizen's.
            {
              field: "feed",
              value: {
                item: "comment",
                verb: "add",
                comment_id: `${pageCommentId}-own`,
                message: "Terima kasih",
                from: { id: page.platformAccountId, name: "Humas" },
              },
            },
          ],
          messaging: [
            {
              sender: { id: "5544" },
              recipient: { id: page.platformAccountId },
              timestamp: Date.now(),
              message: { mid, text: "Halo, mau tanya jam layanan SIM" },
            },
          ],
        },
      ],
    });
    const second = recorder();
    await metaWebhook(
      post("/api/webhooks/meta", pageBody, { "x-hub-signature-256": metaSign(pageBody) }),
      second.enqueue,
    );
    await ingestWebhook(second.jobs[0]!.payload);
    expect(await stored(pageCommentId)).toMatchObject([
      { kind: "COMMENT", authorName: "Budi Santoso", targetId: null },
    ]);
    expect(await stored(`${pageCommentId}-own`)).toHaveLength(0);
    expect(await stored(mid)).toMatchObject([{ kind: "MESSAGE", authorExternalId: "5544" }]);
  });

  it("drops items for an account Siar does not hold, and a signed body of an unknown shape stores nothing", async () => {
    const commentId = `1791${Date.now()}`;
    const body = JSON.stringify({
      object: "instagram",
      entry: [{ id: "17841400000000000", changes: [{ field: "comments", value: { id: commentId, text: "Halo" } }] }],
    });
    expect(await ingestWebhook({ source: "meta", body })).toBe(0);
    expect(await stored(commentId)).toHaveLength(0);
    expect(await ingestWebhook({ source: "meta", body: '{"object":1}' })).toBe(0);
    expect(await ingestWebhook({ source: "line", body: "not json" })).toBe(0);
  });
});
