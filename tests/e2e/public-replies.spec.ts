import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { producerConnection } from "../../src/jobs/connection";
import { createPublishingProducer } from "../../src/jobs/producer";
import { db, expect, hydrated, loginAs, test } from "./fixtures";

// Issue 16's Must-show with the public reply (decision 0011, "Public replies"), in Chromium with the real worker
// and emulator: a citizen's question arrives as a comment on a Polda Kalimantan Timur Instagram post (the
// emulator's citizen, delivered to Siar as a signed Meta webhook); admin.kaltim classifies it as Pertanyaan and
// forwards it to Ditlantas Polda Kaltim; the Ditlantas responder sees it (and only Ditlantas's dispositions) and
// answers; admin.kaltim sends the public reply, which starts from that answer; the emulator holds exactly one
// reply attached to that comment, and the item shows its response times; after the next roll-up of
// Responsivitas (the worker's `interactions.rollup`, enqueued here as its scheduler does) the leaderboard's
// Responsivitas of Polda Kalimantan Timur counts the reply. Then a LINE chat message arrives by webhook and is
// answered.

const emulator = `http://127.0.0.1:${process.env.EMULATOR_PORT}`;

async function citizen(body: Record<string, unknown>): Promise<{ id: string; deliveries: { status: number }[] }> {
  const res = await fetch(`${emulator}/__control/citizens`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { id: string; deliveries: { status: number }[] };
}

async function repliesOnEmulator(filter: Record<string, string>): Promise<{ text: string; via: string }[]> {
  const res = await fetch(`${emulator}/__control/replies?${new URLSearchParams(filter)}`);
  return ((await res.json()) as { replies: { text: string; via: string }[] }).replies;
}

async function storedItem(externalId: string) {
  await expect
    .poll(async () => (await db.interaction.findFirst({ where: { externalId } }))?.id ?? null, { timeout: 30_000 })
    .not.toBeNull();
  return db.interaction.findFirstOrThrow({ where: { externalId } });
}

/** The worker sends the reply on its own: the page is read again until it says so. */
async function waitForSent(page: Page) {
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("reply-state")).toHaveText("Terkirim", { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
}

/**
 * One run of the worker's roll-up job, put on the queue as its job scheduler puts it every 10 minutes, and
 * awaited by its mark: a run that began after this call has committed (the scheduler's own run would do too).
 */
async function rollUpResponsivitas() {
  const redis = await producerConnection(process.env.REDIS_URL!);
  const producer = createPublishingProducer(redis, process.env.QUEUE_PREFIX!);
  const asked = Date.now();
  try {
    await producer.enqueueResponseRollup();
    await expect
      .poll(async () => (await db.responseRollupMark.findFirst())?.computedAt.getTime() ?? 0, { timeout: 60_000 })
      .toBeGreaterThanOrEqual(asked);
  } finally {
    await producer.close();
    await redis.quit();
  }
}

const isoDay = (d: Date, timeZone: string) => new Intl.DateTimeFormat("en-CA", { timeZone }).format(d);

/**
 * Polda Kalimantan Timur's Responsivitas on the board of Mabes Polri's units, as the head of Humas reads it: the
 * share and the items it rests on ("12 dari 20 dibalas tepat waktu", absent while none is due).
 */
async function kaltimResponsivitas(page: Page, board: string) {
  await page.goto(board);
  const cell = page
    .getByTestId("board-row")
    .filter({ hasText: "Polda Kalimantan Timur" })
    .locator('[data-column="responsiveness"]');
  await expect(cell).toHaveCount(1);
  const counts = cell.getByTestId("responses-on-time");
  const text = (await counts.count()) ? await counts.innerText() : "";
  const [onTime = 0, due = 0] = (text.match(/[\d.]+/g) ?? []).map((v) => Number(v.replaceAll(".", "")));
  return { share: await cell.locator("div").first().innerText(), text, onTime, due };
}

test("a citizen's Instagram comment is classified, forwarded, answered by Ditlantas and replied to once in public", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const instagram = await db.socialAccount.findFirstOrThrow({
    where: { unit: { code: "POLDA-KALTIM" }, platform: "INSTAGRAM", status: "ACTIVE" },
  });
  const onPost = await db.postTarget.findFirst({
    where: { accountId: instagram.id, status: "PUBLISHED", platformPostId: { not: null } },
    orderBy: { publishedAt: "desc" },
  });
  // The board of Mabes Polri's units over the last days of Kalimantan Timur's calendar (WITA): the board's presets
  // end on Jakarta's day, an hour behind, and the item counts on the day it arrived there. Tomorrow is in, in
  // case the test runs across midnight WITA.
  const wita = "Asia/Makassar";
  const board = `/leaderboard?${new URLSearchParams({
    period: "custom",
    from: isoDay(new Date(Date.now() - 6 * 86_400_000), wita),
    to: isoDay(new Date(Date.now() + 86_400_000), wita),
  })}`;
  await rollUpResponsivitas();
  await loginAs(page, "kadiv.humas@siar.test");
  const before = await kaltimResponsivitas(page, board);
  await page.context().clearCookies();

  const question = `Min, kalau SIM C hilang, bagaimana cara mengurus penggantinya? (${randomUUID().slice(0, 6)})`;
  const comment = await citizen({
    platform: "instagram",
    account: instagram.platformAccountId,
    kind: "comment",
    text: question,
    ...(onPost?.platformPostId ? { postId: onPost.platformPostId } : {}),
  });
  expect(comment.deliveries.map((d) => d.status)).toContain(200);
  const item = await storedItem(comment.id);
  const ditlantas = await db.unit.findUniqueOrThrow({ where: { code: "KALTIM-DITLANTAS" } });

  // Humas classifies it as Pertanyaan and forwards it to Ditlantas.
  await loginAs(page, "admin.kaltim@siar.test");
  await page.goto(`/interactions/${item.id}`);
  await expect(page.getByTestId("item-text")).toHaveText(question);
  await page.getByLabel("Kategori").selectOption({ label: "Pertanyaan" });
  await page.getByTestId("triage-submit").click();
  await expect(page.getByText("Pilahan tersimpan.")).toBeVisible();
  await page
    .getByLabel("Fungsi", { exact: true })
    .selectOption({ label: "Ditlantas Polda Kaltim (Polda Kalimantan Timur)" });
  await page.getByTestId("forward-submit").click();
  await expect(page.getByTestId("disposition")).toContainText("Diteruskan ke Ditlantas Polda Kaltim");
  const disposition = await db.disposition.findFirstOrThrow({ where: { interactionId: item.id } });

  // Ditlantas's responder sees it among Ditlantas's dispositions only, never the item itself, and answers.
  await page.context().clearCookies();
  await loginAs(page, "responder.ditlantas.kaltim@siar.test");
  await page.goto("/dispositions");
  const listed = await page
    .getByTestId("disposition-item")
    .locator("h2 a")
    .evaluateAll((links) => links.map((a) => a.getAttribute("href")!.split("/").pop()!));
  expect(listed).toContain(disposition.id);
  const toUnits = await db.disposition.findMany({ where: { id: { in: listed } }, select: { toUnitId: true } });
  expect(new Set(toUnits.map((d) => d.toUnitId))).toEqual(new Set([ditlantas.id]));
  expect((await page.request.get(`/interactions/${item.id}`)).status()).toBe(404);
  await page.locator(`a[href="/dispositions/${disposition.id}"]`).click();
  const answer =
    "Silakan ke Satpas Polda Kaltim dengan KTP dan surat kehilangan dari kepolisian; SIM C diganti sesuai data lama.";
  await page.getByRole("textbox", { name: "Jawaban fungsi" }).fill(answer);
  await page.getByTestId("answer-submit").click();
  await expect(page.getByTestId("disposition-answer")).toHaveText(answer);

  // Humas sends the public reply, which starts from the function's answer.
  await page.context().clearCookies();
  await loginAs(page, "admin.kaltim@siar.test");
  await page.goto(`/interactions/${item.id}`);
  await expect(page.getByTestId("time-to-first-reply")).toHaveText("—");
  const reply = page.getByRole("textbox", { name: "Balasan", exact: true });
  await expect(reply).toHaveValue(answer);
  await hydrated(reply);
  await reply.fill(`Halo Kak, ${answer}`);
  await expect(reply).toHaveValue(`Halo Kak, ${answer}`);
  await page.getByTestId("reply-submit").click();
  await expect(page.getByText("Balasan masuk antrean dan segera dikirim.")).toBeVisible();
  await waitForSent(page);

  // Exactly one reply, attached to that comment, on the platform; the item shows its times.
  const held = await repliesOnEmulator({ platform: "instagram", parent: comment.id });
  expect(held.map((r) => r.text)).toEqual([`Halo Kak, ${answer}`]);
  await expect(page.getByTestId("time-to-first-reply")).toHaveText(/\d+ m/);
  await expect(page.getByTestId("time-to-resolution")).toHaveText(/\d+ m/);
  const after = await db.interaction.findUniqueOrThrow({ where: { id: item.id } });
  expect(after.state).toBe("REPLIED");
  expect(after.firstReplyAt).not.toBeNull();
  // The form is gone: a second reply cannot be written.
  await expect(page.getByTestId("reply-submit")).toHaveCount(0);

  // After the next roll-up, Polda Kalimantan Timur's Responsivitas holds one more item answered on time (and at
  // least that one more due: others may have passed their deadline meanwhile).
  await rollUpResponsivitas();
  await page.context().clearCookies();
  await loginAs(page, "kadiv.humas@siar.test");
  const rolled = await kaltimResponsivitas(page, board);
  expect(rolled.onTime).toBe(before.onTime + 1);
  expect(rolled.due).toBeGreaterThanOrEqual(before.due + 1);
  expect(rolled.text).not.toBe(before.text);
  expect(rolled.share).toMatch(/^\d+\s?%$/);
});

test("a LINE chat message arrives by webhook and is answered", async ({ page }) => {
  test.setTimeout(120_000);
  const line = await db.socialAccount.findFirstOrThrow({
    where: { unit: { code: "DIVHUMAS" }, platform: "LINE_OA", status: "ACTIVE" },
  });
  const text = `Selamat siang, apakah pembuatan SKCK bisa daring? (${randomUUID().slice(0, 6)})`;
  const message = await citizen({ platform: "line", account: line.platformAccountId, kind: "message", text });
  expect(message.deliveries.map((d) => d.status)).toContain(200);
  const item = await storedItem(message.id);
  expect(item.kind).toBe("MESSAGE");

  await loginAs(page, "admin.divhumas@siar.test");
  await page.goto(`/interactions/${item.id}`);
  await expect(page.getByTestId("item-text")).toHaveText(text);
  await page
    .getByRole("textbox", { name: "Balasan", exact: true })
    .fill("Bisa, lewat skck.polri.go.id; cetak di Polres terdekat.");
  await page.getByTestId("reply-submit").click();
  await waitForSent(page);
  const held = await repliesOnEmulator({ platform: "line", to: item.authorExternalId! });
  expect(held.map((r) => r.text)).toEqual(["Bisa, lewat skck.polri.go.id; cetak di Polres terdekat."]);
  await expect(page.getByTestId("time-to-first-reply")).toHaveText(/\d+ m/);
});
