import { db, expect, loginAs, test } from "./fixtures";

test("a supervisor pauses a Polres with a reason everyone below sees, and resumes it", async ({ page, browser }) => {
  const reason = `Masa berkabung daerah (${Date.now()})`;
  await loginAs(page, "supervisor.kaltim@siar.test");
  await page.goto("/pause");
  const paser = await db.unit.findUniqueOrThrow({ where: { code: "POLRES-PASER" } });
  // No unit is chosen at first; a complete form asks first and says what it touches.
  await expect(page.getByLabel("Unit", { exact: true })).toHaveValue("");
  const scheduled = await db.postTarget.findMany({
    where: { status: "SCHEDULED", account: { unit: { path: { startsWith: paser.path } } } },
    select: { postId: true, account: { select: { unitId: true } } },
  });
  const posts = new Set(scheduled.map((s) => s.postId)).size;
  const units = new Set(scheduled.map((s) => s.account.unitId)).size;
  const activePauses = () => db.publishingPause.count({ where: { unitId: paser.id, endedAt: null } });
  const pausesBefore = await activePauses();
  await page.getByLabel("Unit", { exact: true }).selectOption(paser.id);
  await page.getByLabel("Alasan").fill(reason);
  await page.getByRole("button", { name: "Jeda semua unggahan terjadwal" }).click();
  const dialog = page.getByRole("dialog", { name: "Jeda penerbitan di Polres Paser?" });
  await expect(dialog).toContainText(`Menjeda ${posts} unggahan terjadwal di ${units} unit.`);
  // Escape (or "Batal") leaves everything as it was.
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  expect(await activePauses()).toBe(pausesBefore);
  await page.getByRole("button", { name: "Jeda semua unggahan terjadwal" }).click();
  await dialog.getByRole("button", { name: "Ya, jeda" }).click();
  await expect(page.getByTestId("active-pause").filter({ hasText: reason })).toBeVisible();
  expect(await db.publishingPause.count({ where: { unitId: paser.id, endedAt: null } })).toBe(1);

  // The Polda admin sees the banner; the Balikpapan admin, in a sibling Polres, does not.
  const admin = await (await browser.newContext({ baseURL: test.info().project.use.baseURL })).newPage();
  await loginAs(admin, "admin.kaltim@siar.test");
  await admin.goto("/");
  await expect(admin.getByTestId("pause-banner").filter({ hasText: reason })).toContainText(
    "Penerbitan dijeda di Polres Paser",
  );
  expect((await admin.goto("/pause"))?.status()).toBe(404);
  const sibling = await (await browser.newContext({ baseURL: test.info().project.use.baseURL })).newPage();
  await loginAs(sibling, "admin.balikpapan@siar.test");
  await sibling.goto("/");
  await expect(sibling.getByTestId("pause-banner").filter({ hasText: reason })).toHaveCount(0);

  // An empty reason is refused in Indonesian and pauses nothing more.
  await page.getByRole("button", { name: "Jeda semua unggahan terjadwal" }).click();
  await expect(page.getByText("Tuliskan alasan jeda")).toBeVisible();
  await expect(page.getByText("Pilih unit.")).toBeVisible();
  expect(await db.publishingPause.count({ where: { endedAt: null, unit: { code: "POLDA-KALTIM" } } })).toBe(0);

  await page
    .getByTestId("active-pause")
    .filter({ hasText: reason })
    .getByRole("button", { name: "Lanjutkan penerbitan" })
    .click();
  await page
    .getByRole("dialog", { name: "Lanjutkan penerbitan di Polres Paser?" })
    .getByRole("button", { name: "Ya, lanjutkan" })
    .click();
  await expect(page.getByTestId("active-pause").filter({ hasText: reason })).toHaveCount(0);
  await admin.reload();
  await expect(admin.getByTestId("pause-banner").filter({ hasText: reason })).toHaveCount(0);
  await admin.context().close();
  await sibling.context().close();
});
