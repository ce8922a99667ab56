import { loginAs, test, expect } from "./fixtures";
import { deskIds, deskPages, roleUsers, viewports, type RoleName } from "./pages";

// On a phone (390 × 844) no page is wider than the screen: tables scroll inside their card, the menu
// folds into a button (docs/decisions/0010-the-desk-on-phones.md).
test.use({ viewport: viewports.phone });

for (const [role, email] of Object.entries(roleUsers) as [RoleName, string][]) {
  test(`no page of ${role} scrolls sideways at 390 px`, async ({ page }) => {
    test.setTimeout(300_000);
    const ids = await deskIds(page);
    await loginAs(page, email);
    const wide: string[] = [];
    for (const entry of deskPages.filter((p) => p.roles.includes(role))) {
      await page.goto(entry.path(ids));
      await expect(page.locator("main h1").first()).toBeVisible();
      const { scrollWidth, innerWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
      }));
      if (scrollWidth > innerWidth) wide.push(`${entry.name}: ${scrollWidth} px`);
    }
    expect(wide).toEqual([]);
  });
}

test("the phone menu opens by keyboard, leads to a page and closes with Escape", async ({ page }) => {
  await loginAs(page, roleUsers.supervisor);
  await page.goto("/");
  const menu = page.getByRole("button", { name: /Menu/ });
  const nav = page.getByRole("navigation", { name: "Navigasi utama" });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(nav.getByRole("link", { name: "Kalender" })).toBeHidden();
  // The account controls sit in the closed menu, not off screen.
  await expect(page.getByRole("button", { name: "Keluar" })).toBeHidden();

  await menu.focus();
  await page.keyboard.press("Enter");
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await expect(page.getByRole("button", { name: "Keluar" })).toBeInViewport();
  await page.keyboard.press("Escape");
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(menu).toBeFocused();

  await page.keyboard.press("Enter");
  await nav.getByRole("link", { name: "Kalender" }).click();
  await page.waitForURL(/\/calendar$/);
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});
