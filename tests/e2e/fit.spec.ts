import { loginAs, test, expect } from "./fixtures";
import { roleUsers, viewports } from "./pages";

// What a reader sees whole: labels and controls that fit their box, where the page as a whole does not
// scroll sideways (phone.spec.ts) and so would not show it.

test.describe("on a phone", () => {
  test.use({ viewport: viewports.phone });

  test("the post list's and calendar's unit filter stays inside its form for a reader of long unit names", async ({
    page,
  }) => {
    // The SUPERADMIN's units include Pemprov DKI Jakarta's "Dinas Komunikasi, Informatika dan Statistik".
    await loginAs(page, roleUsers.superadmin);
    for (const path of ["/posts", "/calendar"]) {
      await page.goto(path);
      const unit = page.getByRole("combobox", { name: "Unit" });
      await expect(unit).toBeVisible();
      const [select, form] = await Promise.all([unit.boundingBox(), page.locator("form", { has: unit }).boundingBox()]);
      expect(select!.x + select!.width, `${path}: the unit filter's right edge`).toBeLessThanOrEqual(
        form!.x + form!.width,
      );
    }
  });
});
