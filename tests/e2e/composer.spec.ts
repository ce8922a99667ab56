import type { Page } from "@playwright/test";
import { db, expect, loginAs, test } from "./fixtures";

// Issue 14: the composer journey on a phone, compose → submit → approve → published at 390 × 844, with the
// composer in working order (text, media, accounts, time, then submit).

const tinyJpeg = Buffer.from(
  "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=",
  "base64",
);

async function noSidewaysScroll(page: Page, step: string) {
  const { scroll, inner } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
  }));
  expect(scroll, `${step}: page wider than the screen`).toBeLessThanOrEqual(inner);
}

test("on a phone (390 × 844): compose, submit, approve and see it published", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const accounts = await db.socialAccount.findMany({
    where: {
      unit: { code: "POLDA-KALTIM" },
      platform: { in: ["X", "FACEBOOK_PAGE"] },
      verification: "VERIFIED",
      status: { not: "DISABLED" },
    },
    orderBy: { platform: "asc" },
    select: { id: true, platform: true, handle: true },
  });
  const chosen = [accounts.find((a) => a.platform === "X")!, accounts.find((a) => a.platform === "FACEBOOK_PAGE")!];
  const text = `Layanan pengaduan 110 siaga 24 jam (${Date.now()}).`;
  await page.setViewportSize({ width: 390, height: 844 });
  await loginAs(page, "admin.kaltim@siar.test");
  await page.goto("/compose");
  await noSidewaysScroll(page, "composer");

  // The order on a phone: text, media, accounts, time, preview, then submit.
  const order = await page.evaluate(() => {
    const y = (el: Element | null) => (el ? el.getBoundingClientRect().top + window.scrollY : -1);
    return {
      text: y(document.getElementById("field-baseText")),
      media: y(document.getElementById("field-media")),
      accounts: y(document.getElementById("field-accounts")),
      time: y(document.getElementById("field-schedule")),
      submit: y([...document.querySelectorAll("button")].find((b) => b.textContent?.includes("Ajukan")) ?? null),
    };
  });
  expect(order.text).toBeGreaterThan(0);
  expect(order.media).toBeGreaterThan(order.text);
  expect(order.accounts).toBeGreaterThan(order.media);
  expect(order.time).toBeGreaterThan(order.accounts);
  expect(order.submit).toBeGreaterThan(order.time);

  await page.getByLabel("Teks utama").fill(text);
  await page.getByTestId("media-input").setInputFiles({ name: "110.jpg", mimeType: "image/jpeg", buffer: tinyJpeg });
  await page.getByLabel("Teks alternatif untuk 110.jpg").fill("Petugas menerima panggilan 110 di ruang kendali");
  const list = page.getByRole("list", { name: "Daftar akun" });
  for (const a of chosen)
    await list.getByLabel(`${a.platform === "X" ? "X" : "Facebook"} @${a.handle}`, { exact: true }).check();
  await expect(page.getByTestId("selected-count")).toHaveText("2 akun dipilih");
  await expect(page.getByRole("tab", { name: /X/ })).toBeVisible();
  await noSidewaysScroll(page, "composer filled in");
  await page.screenshot({ path: "test-results/composer-phone.png", fullPage: true });
  await page.getByRole("button", { name: "Ajukan untuk terbit segera" }).click();
  await page.waitForURL(/\/posts\/[0-9a-f-]{36}$/);
  const postId = page.url().split("/").pop()!;
  await expect(page.getByTestId("target-row")).toHaveCount(2);
  await noSidewaysScroll(page, "post page");

  // The supervisor, on a phone too, approves.
  const context = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
    locale: "id-ID",
    viewport: { width: 390, height: 844 },
  });
  const supervisor = await context.newPage();
  await loginAs(supervisor, "supervisor.kaltim@siar.test");
  await supervisor.goto("/approvals");
  const item = supervisor.getByTestId("approval-item").filter({ hasText: text });
  await expect(item).toHaveCount(1);
  await noSidewaysScroll(supervisor, "approval queue");
  await item.getByRole("button", { name: "Setujui" }).click();
  await expect(item).toHaveCount(0);
  await context.close();

  // The author's post page, left open, shows both targets published by the worker without a reload.
  await expect(page.locator('[data-testid="target-row"] [data-status="PUBLISHED"]')).toHaveCount(2, {
    timeout: 120_000,
  });
  await expect(page.getByTestId("platform-link")).toHaveCount(2);
  await noSidewaysScroll(page, "published post page");
  const targets = await db.postTarget.findMany({ where: { postId }, select: { status: true } });
  expect(targets.map((t) => t.status)).toEqual(["PUBLISHED", "PUBLISHED"]);
});
