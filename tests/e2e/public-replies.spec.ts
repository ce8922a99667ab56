import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { db, expect, hydrated, loginAs, test } from "./fixtures";

// Issue 16's Must-show with the public reply (decision 0011, "Public replies"), in Chromium with the real worker
// and emulator: a citizen's question arrives as a comment on a Polda Kalimantan Timur Instagram post (the
// emulator's citizen, delivered to Siar as a signed Meta webhook); admin.kaltim classifies it as Pertanyaan and
// forwards it to Ditlantas Polda Kaltim; the Ditlantas responder sees it (and only Ditlantas's dispositions) and
// answers; admin.kaltim sends the public reply, which starts from that answer; the emulator holds exactly one
// reply attached to that comment, and the item shows its response times. Then a LINE chat message arrives by
// webhook and is answered.

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
