import type { Response } from "@playwright/test";
import { db, expect, loginAs, test } from "./fixtures";

// Tokens go in once, through the form, and must never come back out: not in pages, not in JSON,
// not in server action responses. The form is SUPERADMIN's documented fallback (issue 12): everyone else
// connects through the platform's consent page, or LINE's own page.
test("no response sent to the browser contains a stored token or its ciphertext", async ({ page }) => {
  await loginAs(page, "superadmin@siar.test");
  const stamp = Date.now().toString(36);
  const accessToken = `SIAR-E2E-ACCESS-${stamp}-7f3c9a`;
  const refreshToken = `SIAR-E2E-REFRESH-${stamp}-b81d2e`;

  const balikpapan = await db.unit.findUniqueOrThrow({ where: { code: "POLRES-BALIKPAPAN" } });
  const handle = `e2e_secret_${stamp}`;
  const created = await page.request.post("/api/accounts", {
    data: {
      unitId: balikpapan.id,
      platform: "YOUTUBE",
      handle,
      displayName: "Rahasia Uji",
      platformAccountId: `yt-${handle}`,
      officialConfirmed: true,
    },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()).data;

  const bodies: { url: string; text: string }[] = [];
  page.on("response", async (response: Response) => {
    const text = await response.text().catch(() => "");
    bodies.push({ url: response.url(), text });
  });

  await page.goto(`/accounts/${id}`);
  await expect(page.getByTestId("credential-status")).toHaveText("Belum terhubung");
  await page.getByLabel("Token akses").fill(accessToken);
  await page.getByLabel("Token penyegar (opsional)").fill(refreshToken);
  await page.getByLabel(/Kedaluwarsa pada \(WITA\)/).fill("2030-01-02T08:00");
  await page.getByRole("button", { name: "Hubungkan" }).click();
  await expect(page.getByText("Kredensial tersimpan terenkripsi.")).toBeVisible();
  await expect(page.getByTestId("credential-status")).toHaveText(
    // A YouTube account with a refresh token renews its own access (issue 12's token health).
    /^Terhubung, kedaluwarsa pada 2 Jan 2030,? 08\.00 WITA\s*Diperbarui otomatis$/,
  );
  await expect(page.getByLabel("Token akses")).toHaveValue("");

  const row = await db.socialAccount.findUniqueOrThrow({ where: { id } });
  expect(row.accessTokenEnc).toMatch(/^[^:]+:[A-Za-z0-9+/]{40,}={0,2}$/); // version:base64(iv, tag, ciphertext)
  expect(row.accessTokenEnc).not.toContain(accessToken);
  const secrets = [accessToken, refreshToken, row.accessTokenEnc!, row.refreshTokenEnc!];

  const urls = [
    "/accounts",
    `/accounts?q=${handle}`,
    `/accounts?unit=${balikpapan.id}&platform=YOUTUBE`,
    `/accounts/${id}`,
    `/accounts/${id}/edit`,
    `/audit?entityId=${id}`,
    "/units",
    `/api/accounts?q=${handle}`,
    `/api/accounts/${id}`,
    `/api/accounts?unit=${balikpapan.id}`,
  ];
  for (const url of urls) {
    const response = await page.request.get(url);
    expect(response.status(), url).toBe(200);
    bodies.push({ url, text: await response.text() });
  }
  // The pages as the browser renders them, too.
  for (const url of [`/accounts/${id}`, `/accounts?q=${handle}`]) {
    await page.goto(url);
    bodies.push({ url: `dom:${url}`, text: await page.content() });
  }

  const detail = await (await page.request.get(`/api/accounts/${id}`)).json();
  expect(detail.data.credentials).toEqual({ connected: true, expiresAt: "2030-01-02T00:00:00.000Z", expired: false });
  expect(bodies.length).toBeGreaterThan(urls.length);
  for (const { url, text } of bodies) {
    for (const secret of secrets) expect(text.includes(secret), `${url} leaks a secret`).toBe(false);
  }
});
