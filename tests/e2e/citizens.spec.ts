import { db, expect, loginAs, test } from "./fixtures";

// A citizen's LINE chat message reaches the inbox the way LINE delivers it (issue 16): the emulator signs a
// Messaging API webhook with the channel secret and POSTs it to the app's /api/webhooks/line; the worker stores
// it; Divisi Humas's operator finds it in Interaksi Warga, marked urgent, with how LINE messages arrive said above.

const emulator = `http://127.0.0.1:${process.env.EMULATOR_PORT}`;

test("a LINE message delivered by the emulator's webhook appears in the inbox, urgent", async ({ page }) => {
  test.setTimeout(120_000);
  const line = await db.socialAccount.findFirstOrThrow({
    where: { platform: "LINE_OA", unit: { code: "DIVHUMAS" } },
  });
  const text = `Tolong, ada kecelakaan di tol Cikampek km ${Date.now() % 100_000}`;
  const res = await fetch(`${emulator}/__control/citizens`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ platform: "line", account: line.platformAccountId, kind: "message", text }),
  });
  const sent = (await res.json()) as { id: string; deliveries: { status: number }[] };
  expect(sent.deliveries.map((d) => d.status)).toEqual([200]);

  await loginAs(page, "admin.divhumas@siar.test");
  await expect
    .poll(async () => {
      await page.goto(`/interactions?q=${encodeURIComponent(text)}`);
      return page.getByTestId("inbox-item").count();
    })
    .toBe(1);
  const item = page.getByTestId("inbox-item");
  await expect(item).toContainText(text);
  await expect(item).toContainText("LINE");
  await expect(page.getByTestId("inbox-arrivals")).toContainText("pesan chat masuk lewat webhook saja");
  expect(await db.interaction.count({ where: { platform: "LINE_OA", externalId: sent.id, urgent: true } })).toBe(1);
});
