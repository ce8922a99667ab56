import { test } from "@playwright/test";
import { loginAs } from "../e2e/fixtures";
import { deskIds, deskPages, roleUsers, viewports, type RoleName } from "../e2e/pages";

// `npm run screenshots`: every page of every role at desktop and phone size, into docs/screenshots/
// (named role/page-size.png), so the look of the desk can be reviewed without running it.
for (const [role, email] of Object.entries(roleUsers) as [RoleName, string][]) {
  test(`screenshots of every page for ${role}`, async ({ page }) => {
    test.setTimeout(600_000);
    const ids = await deskIds(page);
    await loginAs(page, email);
    for (const entry of deskPages.filter((p) => p.roles.includes(role))) {
      for (const [size, viewport] of Object.entries(viewports)) {
        await page.setViewportSize(viewport);
        await page.goto(entry.path(ids));
        await page.waitForLoadState("networkidle");
        await page.screenshot({ path: `docs/screenshots/${role}/${entry.name}-${size}.png` });
      }
    }
  });
}
