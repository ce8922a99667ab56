import AxeBuilder from "@axe-core/playwright";
import { loginAs, test, expect } from "./fixtures";
import { deskIds, deskPages, roleUsers, viewports, type RoleName } from "./pages";

// WCAG 2.1 AA as axe-core checks it, on every page of every role, on a desktop and on a phone: no
// critical or serious violation (docs/decisions/0010-the-desk-on-phones.md).
const tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

for (const [size, viewport] of Object.entries(viewports)) {
  test.describe(`at ${size} size`, () => {
    test.use({ viewport });
    for (const [role, email] of Object.entries(roleUsers) as [RoleName, string][]) {
      test(`every page of ${role} passes axe`, async ({ page }) => {
        test.setTimeout(600_000);
        const ids = await deskIds(page);
        await loginAs(page, email);
        const found: string[] = [];
        for (const entry of deskPages.filter((p) => p.roles.includes(role))) {
          await page.goto(entry.path(ids));
          await expect(page.locator("main h1").first()).toBeVisible();
          const { violations } = await new AxeBuilder({ page }).withTags(tags).analyze();
          for (const v of violations.filter((v) => v.impact === "critical" || v.impact === "serious"))
            found.push(
              `${entry.name}: ${v.id} (${v.impact}) ${v.nodes
                .map((n) => n.target.join(" "))
                .slice(0, 3)
                .join(" | ")}`,
            );
        }
        expect(found).toEqual([]);
      });
    }
  });
}

test("the sign-in page passes axe", async ({ page }) => {
  await page.goto("/login");
  const { violations } = await new AxeBuilder({ page }).withTags(tags).analyze();
  expect(violations.filter((v) => v.impact === "critical" || v.impact === "serious").map((v) => v.id)).toEqual([]);
});
