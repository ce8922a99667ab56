import { randomBytes } from "node:crypto";
import sharp from "sharp";
import { db, expect, loginAs, test } from "./fixtures";

// Issue 12 and issue 14 item 3: images are fitted to each platform where the platform allows, and the operator
// is told. A PNG poster and a 3 MB photo for Instagram and LINE: the composer says what each platform gets,
// and once approved both go out through the emulator, which fetches each file from the app and refuses a PNG
// for Instagram and a LINE preview over 1 MB (tests/integration/emulator/media-by-url.test.ts).

test("a PNG and a 3 MB photo for Instagram and LINE: the composer says what was fitted, and both publish", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  const accounts = await db.socialAccount.findMany({
    where: {
      unit: { code: "DKI" },
      platform: { in: ["INSTAGRAM", "LINE_OA"] },
      verification: "VERIFIED",
      status: { not: "DISABLED" },
    },
    orderBy: { platform: "asc" },
    select: { id: true, platform: true, handle: true },
  });
  const instagram = accounts.find((a) => a.platform === "INSTAGRAM")!;
  const line = accounts.find((a) => a.platform === "LINE_OA")!;
  const poster = await sharp({ create: { width: 1200, height: 1500, channels: 3, background: "#1d4ed8" } })
    .png()
    .toBuffer();
  const photo = await sharp(randomBytes(2000 * 1500 * 3), { raw: { width: 2000, height: 1500, channels: 3 } })
    .jpeg({ quality: 95 })
    .toBuffer();
  expect(photo.length).toBeGreaterThan(2.5 * 1024 * 1024);
  const text = `Jakarta bebas banjir: kerja bakti serentak hari ini (${Date.now()}).`;

  await loginAs(page, "admin.dki@siar.test");
  await page.goto("/compose");
  await page.getByLabel("Teks utama").fill(text);
  const list = page.getByRole("list", { name: "Daftar akun" });
  await list.getByLabel(`Instagram @${instagram.handle}`, { exact: true }).check();
  await list.getByLabel(`LINE OA @${line.handle}`, { exact: true }).check();
  await page.getByTestId("media-input").setInputFiles([
    { name: "poster.png", mimeType: "image/png", buffer: poster },
    { name: "apel.jpg", mimeType: "image/jpeg", buffer: photo },
  ]);

  // What each platform gets, in the operator's language, under each image.
  await expect(page.getByRole("list", { name: "Penyesuaian poster.png untuk platform" })).toHaveText(
    "Instagram: gambar PNG diubah ke JPEG (1200×1500).",
  );
  const fitted = page.getByRole("list", { name: "Penyesuaian apel.jpg untuk platform" });
  await expect(fitted).toContainText("LINE: gambar pratinjau diperkecil menjadi JPEG 1024×768");
  await expect(fitted).toContainText("LINE membatasi pratinjau 1 MB");

  await page.getByLabel("Teks alternatif untuk poster.png").fill("Poster kerja bakti serentak se-Jakarta");
  await page.getByLabel("Teks alternatif untuk apel.jpg").fill("Apel pagi aparatur di halaman Balai Kota");
  // A PNG is no longer refused for Instagram: with alt text given, its preview tab says the rules are met.
  await expect(page.getByRole("tab", { name: "Instagram ✓" })).toBeVisible();
  await expect(page.getByRole("tab", { name: "LINE OA ✓" })).toBeVisible();
  await page.screenshot({ path: "test-results/composer-media-fitted.png", fullPage: true });
  await page.getByLabel("Segera setelah disetujui").check();
  await page.getByRole("button", { name: "Ajukan untuk terbit segera" }).click();
  await page.waitForURL(/\/posts\/[0-9a-f-]{36}$/);

  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, locale: "id-ID" });
  const supervisor = await context.newPage();
  await loginAs(supervisor, "supervisor.dki@siar.test");
  await supervisor.goto("/approvals");
  const item = supervisor.getByTestId("approval-item").filter({ hasText: text });
  await item.getByRole("button", { name: "Setujui" }).click();
  await expect(item).toHaveCount(0);
  await context.close();

  await expect(page.locator('[data-testid="target-row"] [data-status="PUBLISHED"]')).toHaveCount(2, {
    timeout: 120_000,
  });
});
