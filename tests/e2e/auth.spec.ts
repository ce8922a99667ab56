import { expect, test } from "./fixtures";

test.describe("sign-in", () => {
  test("a wrong password is refused in Indonesian; the right one opens the desk; sign-out closes it", async ({
    page,
  }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole("heading", { name: "Masuk ke Siar" })).toBeVisible();

    await page.getByLabel("Surel").fill("pimpinan.kaltim@siar.test");
    await page.getByLabel("Kata sandi").fill("bukan-sandi");
    await page.getByRole("button", { name: "Masuk" }).click();
    await expect(page.getByTestId("login-error")).toHaveText("Surel atau kata sandi salah.");

    await page.getByLabel("Kata sandi").fill("Siar-Demo-2026!");
    await page.getByRole("button", { name: "Masuk" }).click();
    await expect(page.getByTestId("current-user")).toHaveText("Kapolda Kalimantan Timur");
    await expect(page.getByRole("heading", { name: /Selamat datang/ })).toBeVisible();

    await page.getByRole("button", { name: "Keluar" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/accounts");
    await expect(page).toHaveURL(/\/login/);
  });

  test("the language switch turns the interface to English and back", async ({ page }) => {
    await page.goto("/login");
    await page.getByTestId("locale-switch").click();
    await expect(page.getByRole("heading", { name: "Sign in to Siar" })).toBeVisible();
    await page.getByTestId("locale-switch").click();
    await expect(page.getByRole("heading", { name: "Masuk ke Siar" })).toBeVisible();
  });
});
