import { db, expect, loginAs, test } from "./fixtures";

// Interaksi Warga (issue 16, items 3 and 4) in Chromium: Polda Kaltim's Humas classifies a citizen's question
// and forwards it to Ditlantas; Ditlantas's responder sees it (and nothing of other functions), answers it;
// Humas sees the answer, the response times and the printable disposition record.

test("admin.kaltim triages and forwards a question; only Ditlantas sees it and answers; admin sees the answer and the times", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const question = await db.interaction.findFirstOrThrow({
    where: {
      unit: { code: "POLDA-KALTIM" },
      state: "NEW",
      text: { startsWith: "Min, syarat perpanjangan SIM A" },
      dispositions: { none: {} },
    },
    orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
  });
  const ditlantas = await db.unit.findUniqueOrThrow({ where: { code: "KALTIM-DITLANTAS" } });

  // Humas finds it in the inbox by search and state, by keyboard.
  await loginAs(page, "admin.kaltim@siar.test");
  await page.goto("/interactions");
  await expect(page.getByRole("heading", { level: 1, name: "Interaksi Warga" })).toBeVisible();
  // TikTok's accounts are named as not readable, not shown as an empty inbox.
  await expect(page.getByTestId("unreadable-accounts")).toContainText("TikTok");
  await page.getByLabel("Status").selectOption("NEW");
  await page.getByLabel("Cari teks atau nama").fill("syarat perpanjangan SIM A");
  await page.getByLabel("Cari teks atau nama").press("Enter");
  await page.waitForURL(/q=syarat/);
  const items = page.getByTestId("inbox-item");
  await expect(items.first()).toContainText("syarat perpanjangan SIM A");
  await page.locator(`a[href="/interactions/${question.id}"]`).click();
  await page.waitForURL(`**/interactions/${question.id}`);
  await expect(page.getByTestId("item-text")).toHaveText(question.text);

  await page.getByLabel("Kategori").selectOption({ label: "Pertanyaan" });
  await page.getByTestId("triage-submit").click();
  await expect(page.getByText("Pilahan tersimpan.")).toBeVisible();
  await expect(page.getByLabel("Tenggat (jam)")).toHaveValue("48");
  await page
    .getByLabel("Fungsi", { exact: true })
    .selectOption({ label: "Ditlantas Polda Kaltim (Polda Kalimantan Timur)" });
  await page.getByLabel("Catatan untuk fungsi").fill("Mohon jawaban syarat perpanjangan SIM A.");
  await page.getByTestId("forward-submit").click();
  await expect(page.getByTestId("disposition")).toContainText("Diteruskan ke Ditlantas Polda Kaltim");
  const disposition = await db.disposition.findFirstOrThrow({ where: { interactionId: question.id } });
  expect(disposition.toUnitId).toBe(ditlantas.id);
  expect(await db.interaction.findUniqueOrThrow({ where: { id: question.id } })).toMatchObject({
    category: "PERTANYAAN",
    state: "FORWARDED",
  });

  // Ditlantas's responder: its dispositions only, never the inbox, never another function's disposition.
  await page.context().clearCookies();
  await loginAs(page, "responder.ditlantas.kaltim@siar.test");
  await page.goto("/dispositions");
  await expect(page.getByRole("heading", { level: 1, name: "Disposisi" })).toBeVisible();
  const listed = await page
    .getByTestId("disposition-item")
    .locator("h2 a")
    .evaluateAll((links) => links.map((a) => a.getAttribute("href")!.split("/").pop()!));
  expect(listed).toContain(disposition.id);
  const toUnits = await db.disposition.findMany({ where: { id: { in: listed } }, select: { toUnitId: true } });
  expect(new Set(toUnits.map((d) => d.toUnitId))).toEqual(new Set([ditlantas.id]));
  const others = await db.disposition.findFirstOrThrow({ where: { toUnit: { code: "KALTIM-DITRESKRIMUM" } } });
  expect((await page.request.get(`/dispositions/${others.id}`)).status()).toBe(404);
  expect((await page.request.get("/interactions")).status()).toBe(404);
  expect((await page.request.get(`/interactions/${question.id}`)).status()).toBe(404);
  expect((await page.request.get("/compose")).status()).toBe(404);

  await page.locator(`a[href="/dispositions/${disposition.id}"]`).click();
  await expect(page.getByTestId("disposition-text")).toHaveText(question.text);
  await expect(page.getByText("Mohon jawaban syarat perpanjangan SIM A.")).toBeVisible();
  const answer =
    "Perpanjangan SIM A: bawa KTP, SIM lama dan surat keterangan sehat; bisa daring lewat aplikasi Digital Korlantas.";
  await page.getByRole("textbox", { name: "Jawaban fungsi" }).fill(answer);
  await page.getByTestId("answer-submit").click();
  await expect(page.getByTestId("disposition-answer")).toHaveText(answer);

  // Humas sees the answer and the response times, and prints the record.
  await page.context().clearCookies();
  await loginAs(page, "admin.kaltim@siar.test");
  await page.goto(`/interactions/${question.id}`);
  await expect(page.getByTestId("disposition-answer")).toContainText(answer);
  await expect(page.getByTestId("disposition-answer")).toContainText("Dijawab Petugas Ditlantas Polda Kaltim");
  const times = page.getByTestId("response-times");
  await expect(times).toContainText("Sampai didisposisikan");
  await expect(page.getByTestId("time-to-answer")).not.toHaveText("—");
  await expect(page.getByTestId("time-to-answer")).toHaveText(/\d+ m/);
  await page.getByRole("link", { name: "Cetak lembar disposisi" }).click();
  const letter = page.getByTestId("disposition-letter");
  await expect(letter.getByRole("heading", { level: 1 })).toHaveText("Lembar Disposisi");
  await expect(letter).toContainText("Ditlantas Polda Kaltim");
  await expect(page.getByTestId("letter-answer")).toHaveText(answer);
  // Printed, the desk's menus stay off the paper.
  await page.emulateMedia({ media: "print" });
  await expect(page.locator("aside")).toBeHidden();
  await expect(page.getByRole("button", { name: "Cetak / simpan PDF" })).toBeHidden();
  await expect(letter).toBeVisible();
});
