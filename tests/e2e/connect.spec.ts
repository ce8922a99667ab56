import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { db, expect, loginAs, test } from "./fixtures";

// "Sambungkan akun" in the browser: an ADMIN of Polda Kalimantan Timur goes from the registry to X's consent
// page (the emulator's), picks an account, and comes back to a sentence saying what was connected where.
// Refusals (denied, replayed or tampered return, another unit's account, on every consent-page platform) end on
// a clear message and register nothing.

const emulator = `http://127.0.0.1:${process.env.EMULATOR_PORT}`;

async function offerOnConsentPage(id: string, username: string, name: string, platform = "x", pages?: unknown[]) {
  const res = await fetch(`${emulator}/__control/oauth/accounts`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ platform, id, username, name, ...(pages ? { pages } : {}) }),
  });
  expect(res.ok).toBe(true);
}

async function startOnX(page: Page, platform = "X") {
  await page.goto("/accounts");
  await page.getByTestId("connect-link").click();
  await expect(page.getByRole("heading", { name: "Sambungkan akun" })).toBeVisible();
  const kaltim = await db.unit.findUniqueOrThrow({ where: { code: "POLDA-KALTIM" } });
  await page.getByLabel("Unit pemilik").selectOption(kaltim.id);
  await page.getByRole("button", { name: "Pilih unit" }).click();
  await page.getByRole("link", { name: `Sambungkan dengan ${platform}` }).click();
  await expect(page.getByRole("heading", { name: /Authorize .* to use your account/ })).toBeVisible();
}

test("an ADMIN of Polda Kaltim connects an X account through X's consent page", async ({ page }) => {
  const stamp = Date.now();
  const id = `1791${stamp}`.slice(0, 19);
  const username = `Humas_Kaltim_${stamp}`;
  await offerOnConsentPage(id, username, "Humas Polda Kaltim (uji)");
  await loginAs(page, "admin.kaltim@siar.test");
  await startOnX(page);
  await page.getByLabel(new RegExp(`@${username}`)).check();
  const callback = page.waitForRequest((r) => r.url().includes("/api/oauth/x/callback"));
  await page.getByRole("button", { name: "Authorize app" }).click();
  const back = (await callback).url();

  const result = page.getByTestId("connect-result");
  await expect(result).toHaveAttribute("data-outcome", "connected");
  await expect(result).toContainText(`Akun @${username.toLowerCase()} (X) tersambung ke Polda Kalimantan Timur.`);
  await expect(result).toContainText("Terhubung, kedaluwarsa pada");
  const row = await db.socialAccount.findFirstOrThrow({
    where: { platform: "X", platformAccountId: id },
    include: { unit: true },
  });
  expect(row.unit.code).toBe("POLDA-KALTIM");
  expect(row.status).toBe("ACTIVE");

  // The registry lists it under the unit, "connected, expires on …".
  await page.goto(`/accounts?unit=${row.unitId}&q=${username.toLowerCase()}`);
  await expect(page.getByText(`@${username.toLowerCase()}`)).toBeVisible();
  await expect(page.getByText(/Terhubung, kedaluwarsa pada/).first()).toBeVisible();

  // The same return a second time (a replay) changes nothing and says why.
  await page.goto(back);
  await expect(page.getByTestId("connect-result")).toHaveAttribute("data-reason", "stateUsed");
  await expect(page.getByTestId("connect-result")).toContainText("sudah pernah dipakai");
  expect(await db.socialAccount.count({ where: { platform: "X", platformAccountId: id } })).toBe(1);
});

test("the same ADMIN connects a YouTube channel through Google's consent page", async ({ page }) => {
  const stamp = Date.now();
  const id = `UCe2e${stamp}`.padEnd(24, "0");
  await offerOnConsentPage(id, `humaskaltim${stamp}`, "Kanal Humas Polda Kaltim (uji)", "youtube");
  await loginAs(page, "admin.kaltim@siar.test");
  await startOnX(page, "YouTube");
  await page.getByLabel(new RegExp(`@humaskaltim${stamp}`)).check();
  await page.getByRole("button", { name: "Authorize app" }).click();
  const result = page.getByTestId("connect-result");
  await expect(result).toHaveAttribute("data-outcome", "connected");
  await expect(result).toContainText(`Akun @humaskaltim${stamp} (YouTube) tersambung ke Polda Kalimantan Timur.`);
  const row = await db.socialAccount.findFirstOrThrow({ where: { platform: "YOUTUBE", platformAccountId: id } });
  expect(row.refreshTokenEnc).not.toBeNull();
});

test("refusing on X's consent page or coming back with a tampered state registers nothing", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const before = await db.socialAccount.count();
  await loginAs(page, "admin.kaltim@siar.test");
  await startOnX(page);
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("connect-result")).toHaveAttribute("data-reason", "denied");
  await expect(page.getByTestId("connect-result")).toContainText("Tidak ada yang disambungkan: izin ditolak");

  await page.goto("/api/oauth/x/callback?code=abc&state=not-a-state-siar-ever-issued");
  await expect(page.getByTestId("connect-result")).toHaveAttribute("data-reason", "stateInvalid");
  await expect(page.getByTestId("connect-result")).toContainText("tidak sah");
  expect(await db.socialAccount.count()).toBe(before);
  // At 390 px the page needs no sideways scrolling.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test("a SUPERVISOR is not offered Sambungkan akun and cannot start it by address", async ({ page }) => {
  await loginAs(page, "supervisor.kaltim@siar.test");
  await page.goto("/accounts");
  await expect(page.getByTestId("connect-link")).toHaveCount(0);
  const kaltim = await db.unit.findUniqueOrThrow({ where: { code: "POLDA-KALTIM" } });
  // Refused before any state is made: the start answers with the refusal page, which a person without the
  // right to connect gets as 404 (decision 0009), never X's consent page.
  const response = await page.goto(`/api/oauth/x/start?unit=${kaltim.id}`);
  expect(response?.status()).toBe(404);
  expect(page.url()).not.toContain(emulator);
  await expect(page.getByRole("heading", { name: "404" })).toBeVisible();
});

test("on every consent-page platform, refusing or picking another unit's account ends on an Indonesian sentence and registers nothing", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const s = String(Date.now()).slice(-9);
  const kaltim = await db.unit.findUniqueOrThrow({ where: { code: "POLDA-KALTIM" } });
  const sumsel = await db.unit.findUniqueOrThrow({ where: { code: "POLDA-SUMSEL" } });
  await loginAs(page, "admin.kaltim@siar.test");
  const result = page.getByTestId("connect-result");
  const start = async (platform: string) => {
    await page.goto(`/accounts/connect?unit=${kaltim.id}`);
    await page.getByRole("link", { name: `Sambungkan dengan ${platform}` }).click();
    await expect(page.getByRole("heading", { name: /Authorize .* to use your account/ })).toBeVisible();
  };
  // The account each consent page offers is already registered under Polda Sumatera Selatan.
  const rows = [
    { label: "X", key: "x", platform: "X", id: `1796${s}`, handle: `sumsel_x_${s}` },
    { label: "Instagram", key: "instagram", platform: "INSTAGRAM", id: `178417${s}`, handle: `sumsel_ig_${s}` },
    { label: "YouTube", key: "youtube", platform: "YOUTUBE", id: `UCsum${s}`.padEnd(24, "0"), handle: `sumselyt${s}` },
    { label: "TikTok", key: "tiktok", platform: "TIKTOK", id: `act.sum${s}`, handle: `sumsel_tt_${s}` },
    { label: "Facebook", key: "facebook", platform: "FACEBOOK_PAGE", id: `1049${s}9`, handle: `sumselfb${s}` },
  ] as const;
  for (const r of rows) {
    await db.socialAccount.create({
      data: {
        id: randomUUID(),
        unitId: sumsel.id,
        platform: r.platform,
        handle: r.handle,
        displayName: `Milik Polda Sumsel (${r.label})`,
        platformAccountId: r.id,
        status: "ACTIVE",
        verification: "VERIFIED",
      },
    });
    await offerOnConsentPage(
      r.key === "facebook" ? `1019${s}` : r.id,
      r.key === "facebook" ? `operator_sumsel_${s}` : r.handle,
      `Uji ${r.label}`,
      r.key,
      r.key === "facebook" ? [{ id: r.id, name: `Halaman Sumsel ${s}`, username: r.handle }] : undefined,
    );
  }
  const before = await db.socialAccount.count();
  const audits = await db.auditLog.count();

  for (const r of rows) {
    // Refused on the platform's page.
    await start(r.label);
    await page.getByRole("button", { name: "Cancel" }).click();
    await expect(result).toHaveAttribute("data-reason", "denied");
    await expect(result).toContainText("Tidak ada yang disambungkan: izin ditolak di halaman platform.");

    // Allowed, but the account belongs to another unit.
    await start(r.label);
    await page.getByLabel(new RegExp(`@${r.key === "facebook" ? `operator_sumsel_${s}` : r.handle}`)).check();
    await page.getByRole("button", { name: "Authorize app" }).click();
    if (r.key === "facebook") {
      // Facebook: the Page is shown registered elsewhere and cannot be ticked.
      await expect(page.getByRole("heading", { name: "Pilih Halaman Facebook" })).toBeVisible();
      await expect(page.getByLabel(new RegExp(`Halaman Sumsel ${s}`))).toBeDisabled();
      await expect(page.getByText(`Sudah terdaftar di ${sumsel.name}.`)).toBeVisible();
    } else {
      await expect(result).toHaveAttribute("data-reason", "registeredElsewhere");
      await expect(result).toContainText("Tidak ada yang disambungkan: akun ini sudah terdaftar di unit lain.");
    }
  }
  expect(await db.socialAccount.count()).toBe(before);
  expect(await db.auditLog.count()).toBe(audits);
  const left = await db.socialAccount.findMany({
    where: { platformAccountId: { in: rows.map((r) => r.id) } },
    select: { unitId: true, accessTokenEnc: true },
  });
  expect(left).toHaveLength(rows.length);
  expect(left.every((a) => a.unitId === sumsel.id && a.accessTokenEnc === null)).toBe(true);
});
