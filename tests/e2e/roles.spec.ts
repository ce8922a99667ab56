import type { Page } from "@playwright/test";
import { db, expect, loginAs, test } from "./fixtures";

const everyone = [
  "superadmin@siar.test",
  "kadiv.humas@siar.test",
  "admin.kaltim@siar.test",
  "supervisor.kaltim@siar.test",
  "pimpinan.kaltim@siar.test",
  "admin.balikpapan@siar.test",
  "admin.sumsel@siar.test",
  "supervisor.sumsel@siar.test",
  "admin.dki@siar.test",
  "supervisor.dki@siar.test",
  "pimpinan.dki@siar.test",
];

async function subtreeOf(email: string) {
  const memberships = await db.membership.findMany({ where: { user: { email } }, include: { unit: true } });
  return memberships.map((m) => m.unit.path);
}

const totalOn = async (page: Page) => Number((await page.getByTestId("account-total").innerText()).replace(/\D/g, ""));

test.describe("each demo role sees only its subtree", () => {
  for (const email of everyone) {
    test(email, async ({ page }) => {
      const paths = await subtreeOf(email);
      const inScope = { OR: paths.map((p) => ({ path: { startsWith: p } })) };
      const expected = await db.socialAccount.count({ where: { unit: inScope } });
      await loginAs(page, email);
      await page.goto("/accounts");
      expect(await totalOn(page)).toBe(expected);

      // The unit tree lists exactly the units in scope.
      const codes = (await db.unit.findMany({ where: inScope, select: { code: true } })).map((u) => u.code).sort();
      await page.goto("/units");
      const shown = await page
        .getByTestId("unit-row")
        .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-code")));
      expect(shown.sort()).toEqual(codes);

      // The JSON route agrees with the page.
      const api = await page.request.get("/api/accounts");
      expect(api.status()).toBe(200);
      expect((await api.json()).data.total).toBe(expected);
    });
  }
});

test.describe("an ADMIN of Polda Kaltim is refused for Polda Sumatera Selatan", () => {
  test("when calling the route handlers directly", async ({ page }) => {
    await loginAs(page, "admin.kaltim@siar.test");
    const palembang = await db.unit.findUniqueOrThrow({ where: { code: "POLRES-PALEMBANG" } });
    const handle = `e2e_route_${Date.now()}`;
    const created = await page.request.post("/api/accounts", {
      data: {
        unitId: palembang.id,
        platform: "X",
        handle,
        displayName: "Bukan wilayah saya",
        platformAccountId: handle,
        officialConfirmed: true,
      },
    });
    expect(created.status()).toBe(403);
    const body = await created.json();
    expect(body.error.message).toBe("Anda tidak berwenang melakukan tindakan ini pada unit tersebut.");
    expect(body.error.fieldErrors.unitId).toBe("Unit ini di luar wilayah kewenangan Anda.");
    expect(await db.socialAccount.count({ where: { handle } })).toBe(0);

    const sumselAccount = await db.socialAccount.findFirstOrThrow({ where: { unitId: palembang.id } });
    const patched = await page.request.patch(`/api/accounts/${sumselAccount.id}`, { data: { disabled: true } });
    expect(patched.status()).toBe(404);
    const credentials = await page.request.post(`/api/accounts/${sumselAccount.id}/credentials`, {
      data: { accessToken: "curian", expiresAt: "2030-01-01T00:00" },
    });
    expect(credentials.status()).toBe(404);
    const after = await db.socialAccount.findUniqueOrThrow({ where: { id: sumselAccount.id } });
    expect([after.status, after.accessTokenEnc]).toEqual([sumselAccount.status, sumselAccount.accessTokenEnc]);
    expect((await page.request.get(`/api/accounts/${sumselAccount.id}`)).status()).toBe(404);
  });

  test("and a malformed id or body gets a field message, not a crash", async ({ page }) => {
    await loginAs(page, "admin.kaltim@siar.test");
    const res = await page.request.get("/api/accounts/not-an-id");
    expect(res.status()).toBe(422);
    expect((await res.json()).error.fieldErrors.id).toBe("Pengenal tidak sah.");
    const bad = await page.request.post("/api/accounts", {
      data: { unitId: "1; drop table units", platform: "MYSPACE", handle: "" },
    });
    expect(bad.status()).toBe(422);
    expect((await bad.json()).error.fieldErrors).toMatchObject({
      unitId: "Pengenal tidak sah.",
      platform: "Platform tidak dikenal.",
      handle: "Handle akun wajib diisi.",
    });
  });
});

test.describe("LEADERSHIP sees and cannot change anything", () => {
  test("in the screens and through the routes", async ({ page }) => {
    await loginAs(page, "pimpinan.kaltim@siar.test");
    const account = await db.socialAccount.findFirstOrThrow({
      where: { unit: { code: "POLRES-BALIKPAPAN" }, platform: "INSTAGRAM" },
    });

    await page.goto("/accounts");
    await expect(page.getByRole("heading", { name: "Registri Akun" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Daftarkan akun" })).toHaveCount(0);

    await page.goto(`/accounts/${account.id}`);
    await expect(page.getByText("Anda hanya dapat melihat akun ini.")).toBeVisible();
    await expect(page.getByTestId("credential-status")).toContainText("Terhubung, kedaluwarsa pada");
    await expect(page.getByRole("button", { name: "Nonaktifkan" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Ubah" })).toHaveCount(0);
    await expect(page.getByTestId("credentials-form")).toHaveCount(0);
    await expect(page.getByTestId("admins-form")).toHaveCount(0);

    expect((await page.goto("/accounts/new"))?.status()).toBe(404);
    expect((await page.goto(`/accounts/${account.id}/edit`))?.status()).toBe(404);
    await page.goto("/units");
    await expect(page.getByRole("link", { name: "Unit baru" })).toHaveCount(0);
    await expect(
      page.getByRole("navigation", { name: "Navigasi utama" }).first().getByRole("link", { name: "Pengguna" }),
    ).toHaveCount(0);
    expect((await page.goto("/users"))?.status()).toBe(404);

    const balikpapan = await db.unit.findUniqueOrThrow({ where: { code: "POLRES-BALIKPAPAN" } });
    const tries = [
      await page.request.post("/api/accounts", {
        data: {
          unitId: balikpapan.id,
          platform: "X",
          handle: `lead_${Date.now()}`,
          displayName: "x",
          platformAccountId: `lead_${Date.now()}`,
          officialConfirmed: true,
        },
      }),
      await page.request.patch(`/api/accounts/${account.id}`, { data: { disabled: true } }),
      await page.request.patch(`/api/accounts/${account.id}`, {
        data: { unitId: balikpapan.id, handle: "diubah", displayName: "diubah", platformAccountId: "diubah" },
      }),
      await page.request.post(`/api/accounts/${account.id}/credentials`, {
        data: { accessToken: "x", expiresAt: "2030-01-01T00:00" },
      }),
    ];
    expect(tries.map((r) => r.status())).toEqual([403, 403, 403, 403]);
    const after = await db.socialAccount.findUniqueOrThrow({ where: { id: account.id } });
    expect(after).toEqual(account);
  });
});

test.describe("SUPERADMIN manages units, users and memberships", () => {
  test("creates a user with a membership and sees it in the audit log", async ({ page }) => {
    await loginAs(page, "superadmin@siar.test");
    const email = `e2e.${Date.now()}@siar.test`;
    const balikpapan = await db.unit.findUniqueOrThrow({ where: { code: "POLRES-BALIKPAPAN" } });
    await page.goto("/users/new");
    await page.getByLabel("Nama lengkap").fill("Operator Uji");
    await page.getByLabel("Surel", { exact: true }).fill(email);
    await page.getByLabel("Kata sandi awal").fill("pendek");
    // Unit and role start unchosen: the server asks for both rather than guessing.
    await expect(page.getByLabel("Unit", { exact: true })).toHaveValue("");
    await expect(page.getByLabel("Peran", { exact: true })).toHaveValue("");
    await page.getByRole("button", { name: "Buat pengguna" }).click();
    await expect(page.locator("#password-error")).toHaveText("Kata sandi paling sedikit 12 karakter.");
    await expect(page.locator("#unitId-error")).toHaveText("Pilih unit.");
    await expect(page.locator("#role-error")).toHaveText("Pilih peran.");
    expect(await db.user.count({ where: { email } })).toBe(0);
    await page.getByLabel("Unit", { exact: true }).selectOption(balikpapan.id);
    await page.getByLabel("Peran", { exact: true }).selectOption("ADMIN");
    await page.getByLabel("Kata sandi awal").fill("kata-sandi-awal-2026");
    await page.getByRole("button", { name: "Buat pengguna" }).click();
    await expect(page.getByRole("heading", { name: /Operator Uji/ })).toBeVisible();
    await expect(page.getByTestId("memberships")).toContainText("Admin · Polresta Balikpapan");

    const user = await db.user.findUniqueOrThrow({ where: { email } });
    await page.goto(`/audit?entity=User&entityId=${user.id}`);
    await expect(page.locator("[data-testid=audit-row][data-action='user.create']")).toContainText(
      "Admin Sistem membuat pengguna Operator Uji",
    );

    // The membership reads as a sentence, with names instead of ids, on the reader's clock (issue 14, item 9).
    const membership = await db.membership.findFirstOrThrow({ where: { userId: user.id } });
    await page.goto(`/audit?entity=Membership&entityId=${membership.id}`);
    const row = page.locator("[data-testid=audit-row][data-action='membership.add']");
    await expect(row.getByTestId("audit-sentence")).toHaveText(
      "Admin Sistem menambahkan Operator Uji sebagai Admin di Polresta Balikpapan",
    );
    await expect(row.locator("time")).toHaveText(/ WIB$/); // Mabes Polri, the superadmin's unit
    await row.getByText("Rincian perubahan").click();
    await expect(row.locator("dl")).toContainText(/Peran\s*Sesudah: Admin/);
    await expect(row.locator("dl")).toContainText(/Unit\s*Sesudah: Polresta Balikpapan/);
    expect(await row.textContent()).not.toContain(balikpapan.id);
    expect(await row.textContent()).not.toContain(user.id);
    // A Kaltim admin reads the same entry on the WITA clock.
    await loginAs(page, "admin.kaltim@siar.test");
    await page.goto(`/audit?entity=Membership&entityId=${membership.id}`);
    await expect(row.getByTestId("audit-sentence")).toHaveText(
      "Admin Sistem menambahkan Operator Uji sebagai Admin di Polresta Balikpapan",
    );
    await expect(row.locator("time")).toHaveText(/ WITA$/);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/audit");
    await expect(page.getByTestId("audit-row").first()).toBeVisible();
    await page.screenshot({ path: "test-results/audit-phone.png" });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto("/audit");
    await page.screenshot({ path: "test-results/audit-desktop.png" });
  });
});
