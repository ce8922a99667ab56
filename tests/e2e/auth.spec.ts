import { expect, test } from "./fixtures";

test.describe("sign-in", () => {
  test("a wrong password is refused in Indonesian; the right one opens the desk; sign-out closes it", async ({
    page,
  }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole("heading", { name: "Masuk ke Siar" })).toBeVisible();
    // The tab shows Siar's icon, and the browser asks for no /favicon.ico that answers 404.
    const icon = page.locator('head link[rel="icon"]');
    await expect(icon).toHaveCount(1);
    const served = await page.request.get((await icon.getAttribute("href"))!);
    expect(served.status()).toBe(200);
    expect(served.headers()["content-type"]).toContain("image/svg+xml");

    await page.getByLabel("Surel").fill("pimpinan.kaltim@siar.test");
    await page.getByLabel("Kata sandi").fill("bukan-sandi");
    await page.getByRole("button", { name: "Masuk" }).click();
    await expect(page.getByTestId("login-error")).toHaveText("Surel atau kata sandi salah.");

    await page.getByLabel("Kata sandi").fill("Siar-Demo-2026!");
    await page.getByRole("button", { name: "Masuk" }).click();
    await expect(page.getByTestId("current-user")).toHaveText("Kapolda Kalimantan Timur");
    await expect(page.getByRole("heading", { name: /Selamat datang/ })).toBeVisible();

    const saved = await page.context().cookies();
    await page.getByRole("button", { name: "Keluar" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/accounts");
    await expect(page).toHaveURL(/\/login/);

    // A cookie saved before the sign-out is refused too, and the session endpoint does not renew it
    // (decision 0009).
    const stolen = await page.context().browser()!.newContext({ baseURL: test.info().project.use.baseURL });
    try {
      await stolen.addCookies(saved);
      const session = await stolen.request.get("/api/auth/session");
      expect(await session.json()).toEqual({});
      const renewed = (session.headersArray() ?? []).filter(
        (h) =>
          h.name.toLowerCase() === "set-cookie" &&
          h.value.startsWith("next-auth.session-token=") &&
          !/Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(h.value),
      );
      expect(renewed).toEqual([]);
      const old = await stolen.newPage();
      await old.goto("/accounts");
      await expect(old).toHaveURL(/\/login/);
    } finally {
      await stolen.close();
    }
  });

  test("the language switch turns the interface to English and back", async ({ page }) => {
    await page.goto("/login");
    await page.getByTestId("locale-switch").click();
    await expect(page.getByRole("heading", { name: "Sign in to Siar" })).toBeVisible();
    await page.getByTestId("locale-switch").click();
    await expect(page.getByRole("heading", { name: "Masuk ke Siar" })).toBeVisible();
  });
});
