import { db, expect, loginAs, test } from "./fixtures";

// The registry as an ADMIN of Polda Kalimantan Timur uses it, against the demo seed.
const admin = "admin.kaltim@siar.test";
const unique = (p: string) => `${p}_${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

test.describe("the account registry", () => {
  test.beforeEach(async ({ page }) => {
    await loginAs(page, admin);
  });

  test("an ADMIN of Polda Kaltim registers an account for Polresta Balikpapan", async ({ page }) => {
    const handle = unique("e2e_bpp");
    const balikpapan = await db.unit.findUniqueOrThrow({ where: { code: "POLRES-BALIKPAPAN" } });
    await page.goto("/accounts/new");
    await expect(page.getByText("Registri hanya untuk akun resmi instansi.")).toBeVisible();
    await page.getByLabel("Unit pemilik").selectOption(balikpapan.id);
    await page.getByLabel("Platform", { exact: true }).selectOption("INSTAGRAM");
    await page.getByLabel("Handle", { exact: true }).fill(`@${handle.toUpperCase()}`);
    await page.getByLabel("Nama tampilan").fill("Humas Polresta Balikpapan (uji)");
    await page.getByLabel("ID akun di platform").fill(`ig-${handle}`);
    await page.getByLabel(/Saya menyatakan ini akun resmi/).check();
    await page.getByRole("button", { name: "Daftarkan", exact: true }).click();

    await expect(page).toHaveURL(/\/accounts\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { name: "Humas Polresta Balikpapan (uji)" })).toBeVisible();
    await expect(page.getByTestId("credential-status")).toHaveText("Belum terhubung");

    const row = await db.socialAccount.findFirstOrThrow({ where: { handle }, include: { unit: true } });
    expect(row.unit.code).toBe("POLRES-BALIKPAPAN");
    expect(row.platform).toBe("INSTAGRAM");
    expect(await db.auditLog.count({ where: { entityId: row.id, action: "account.create" } })).toBe(1);

    await page.goto(`/accounts?q=${handle}`);
    await expect(page.getByTestId("account-row")).toHaveCount(1);
    await expect(page.getByTestId("account-row")).toContainText("Polresta Balikpapan");
  });

  test("bad input gets Indonesian messages under each field and registers nothing", async ({ page }) => {
    const before = await db.socialAccount.count();
    await page.goto("/accounts/new");
    await page.getByLabel("Nama tampilan").fill("x".repeat(161));
    await page.getByRole("button", { name: "Daftarkan", exact: true }).click();

    await expect(page.getByTestId("form-error")).toContainText("Periksa kembali isian yang ditandai.");
    await expect(page.locator("#handle-error")).toHaveText("Handle akun wajib diisi.");
    await expect(page.locator("#platform-error")).toHaveText("Platform tidak dikenal.");
    await expect(page.locator("#displayName-error")).toHaveText("Terlalu panjang: paling banyak 160 karakter.");
    await expect(page.locator("#platformAccountId-error")).toHaveText("ID akun di platform wajib diisi.");
    await expect(page.locator("#officialConfirmed-error")).toHaveText(
      "Centang pernyataan bahwa ini akun resmi instansi.",
    );
    await expect(page.getByLabel("Handle", { exact: true })).toHaveAttribute("aria-invalid", "true");
    // What was typed stays in the form.
    await expect(page.getByLabel("Nama tampilan")).toHaveValue("x".repeat(161));

    // The same platform account registered twice: the seed already has @polresbalikpapan on X.
    await page.getByLabel("Platform", { exact: true }).selectOption("X");
    await page.getByLabel("Handle", { exact: true }).fill("@PolresBalikpapan");
    await page.getByLabel("Nama tampilan").fill("Duplikat");
    await page.getByLabel("ID akun di platform").fill(unique("dup"));
    await page.getByLabel(/Saya menyatakan ini akun resmi/).check();
    await page.getByRole("button", { name: "Daftarkan", exact: true }).click();
    await expect(page.locator("#handle-error")).toHaveText("Akun X dengan handle ini sudah terdaftar.");
    await expect(page).toHaveURL(/\/accounts\/new$/);
    expect(await db.socialAccount.count()).toBe(before);
  });

  test("a tampered form naming a Polda Sumatera Selatan unit is refused by the server action", async ({ page }) => {
    const handle = unique("e2e_tamper");
    const palembang = await db.unit.findUniqueOrThrow({ where: { code: "POLRES-PALEMBANG" } });
    const balikpapan = await db.unit.findUniqueOrThrow({ where: { code: "POLRES-BALIKPAPAN" } });
    await page.goto("/accounts/new");
    // The picker only offers Kaltim units; rewrite the chosen option in the DOM as an attacker would.
    await expect(page.getByLabel("Unit pemilik").locator("option", { hasText: "Polrestabes Palembang" })).toHaveCount(
      0,
    );
    await page.getByLabel("Unit pemilik").selectOption(balikpapan.id);
    await page.locator("#f-unitId").evaluate((select: HTMLSelectElement, id) => {
      select.options[select.selectedIndex]!.value = id;
    }, palembang.id);
    await page.getByLabel("Platform", { exact: true }).selectOption("TIKTOK");
    await page.getByLabel("Handle", { exact: true }).fill(handle);
    await page.getByLabel("Nama tampilan").fill("Bukan wilayah saya");
    await page.getByLabel("ID akun di platform").fill(`tt-${handle}`);
    await page.getByLabel(/Saya menyatakan ini akun resmi/).check();
    await page.getByRole("button", { name: "Daftarkan", exact: true }).click();

    await expect(page.getByTestId("form-error")).toContainText(
      "Anda tidak berwenang melakukan tindakan ini pada unit tersebut.",
    );
    await expect(page.locator("#unitId-error")).toHaveText("Unit ini di luar wilayah kewenangan Anda.");
    expect(await db.socialAccount.count({ where: { handle } })).toBe(0);
  });

  test("filters by unit subtree, platform and status; disabled accounts are greyed with a re-enable action", async ({
    page,
  }) => {
    const balikpapan = await db.unit.findUniqueOrThrow({ where: { code: "POLRES-BALIKPAPAN" } });
    const expected = await db.socialAccount.count({
      where: { platform: "X", unit: { path: { startsWith: balikpapan.path } } },
    });
    await page.goto("/accounts");
    await page.getByLabel("Unit (beserta jajarannya)").selectOption(balikpapan.id);
    await page.getByLabel("Platform", { exact: true }).selectOption("X");
    await page.getByRole("button", { name: "Terapkan" }).click();
    await expect(page).toHaveURL(/platform=X/);
    await expect(page.getByTestId("account-row")).toHaveCount(expected);

    // An account of this test's own, so no other test finds a seed account disabled.
    const handle = unique("e2e_disable");
    const created = await page.request.post("/api/accounts", {
      data: {
        unitId: balikpapan.id,
        platform: "FACEBOOK_PAGE",
        handle,
        displayName: "Akan dinonaktifkan",
        platformAccountId: `fb-${handle}`,
        officialConfirmed: true,
      },
    });
    expect(created.status()).toBe(201);
    const account = (await created.json()).data as { id: string; handle: string };
    await page.goto(`/accounts/${account.id}`);
    await page.getByRole("button", { name: "Nonaktifkan" }).click();
    await expect(page.getByText("Akun ini nonaktif: tidak ada unggahan yang dikirim ke akun ini.")).toBeVisible();

    await page.goto(`/accounts?status=DISABLED&q=${account.handle}`);
    const row = page.locator(`[data-testid=account-row][data-handle="${account.handle}"]`);
    await expect(row).toHaveClass(/bg-slate-50 text-slate-600/);
    await row.getByRole("button", { name: "Aktifkan kembali" }).click();
    await expect(page.getByTestId("account-row")).toHaveCount(0);
    // Not connected yet, so it comes back as needing a connection rather than active.
    expect((await db.socialAccount.findUniqueOrThrow({ where: { id: account.id } })).status).toBe("NEEDS_RECONNECT");
  });

  test("speaks English after the switch", async ({ page }) => {
    await page.goto("/accounts");
    await page.getByTestId("locale-switch").click();
    await expect(page.getByRole("heading", { name: "Account registry" })).toBeVisible();
    await page.getByTestId("locale-switch").click();
    await expect(page.getByRole("heading", { name: "Registri Akun" })).toBeVisible();
  });
});
