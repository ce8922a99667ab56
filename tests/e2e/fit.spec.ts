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

test("the dashboard's weekly trend shows its axis labels whole", async ({ page }) => {
  // A year is charted per week (over 92 days): a national week's posts run into the thousands ("1,2 rb").
  await loginAs(page, "kadiv.humas@siar.test");
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const to = new Date();
  const from = new Date(to.getTime() - 364 * 86_400_000);
  await page.goto(`/dashboard?period=custom&from=${day(from)}&to=${day(to)}`);
  await expect(page.getByTestId("dashboard-trend-weekly")).toBeVisible();
  const chart = page.getByTestId("dashboard-trend");
  const labels = chart.locator(".recharts-cartesian-axis-tick-value");
  await expect(labels.first()).toBeVisible();
  // Each axis label lies within the chart's box: a label past its left or right edge is cut off.
  const outside = await chart.evaluate((el) => {
    const box = el.getBoundingClientRect();
    return [...el.querySelectorAll(".recharts-cartesian-axis-tick-value")]
      .filter((t) => {
        const b = t.getBoundingClientRect();
        return b.left < box.left - 0.5 || b.right > box.right + 0.5;
      })
      .map((t) => t.textContent);
  });
  expect(await labels.allTextContents()).toContainEqual(expect.stringMatching(/rb/));
  expect(outside).toEqual([]);
  // The year runs from one December to the next: every week, in the axis and in the table, names its year.
  const years = [from.getUTCFullYear(), to.getUTCFullYear()].map(String);
  // The day axis's labels are the ones that name a month ("2 Des 2025"); the count axes' read "1,2 rb".
  const days = (await labels.allTextContents()).filter(
    (text) => /[A-Za-z]{3}/.test(text) && !/^[\d.,]+ ?(rb|jt)$/.test(text),
  );
  expect(days.length).toBeGreaterThan(1);
  // (On 31 December the year shown runs from 1 January: one year, named by no label.)
  const year = years[0] === years[1] ? "" : ` (${years.join("|")})`;
  for (const text of days) expect(text).toMatch(new RegExp(`^\\d{1,2} [A-Za-z]{3}\\.?${year}$`));
  // The table under the chart (folded: read, not opened).
  const table = page.locator("table", {
    has: page.locator("caption", { hasText: "Grafik: unggahan terbit dan gagal per pekan, dengan interaksinya" }),
  });
  if (year) {
    await expect(table.locator("tbody tr").first()).toContainText(years[0]!);
    await expect(table.locator("tbody tr").last()).toContainText(years[1]!);
  }
});

test("the inbox's filters fold on a phone, so its first items are on the first screen, and lie open on a wide one", async ({
  page,
  browser,
}) => {
  await page.setViewportSize(viewports.phone);
  await loginAs(page, "admin.kaltim@siar.test");
  await page.goto("/interactions");
  const fold = page.getByText("Saringan lain", { exact: true });
  await expect(fold).toBeVisible();
  await expect(page.getByLabel("Status")).toBeHidden();
  const first = page.getByTestId("inbox-item").first();
  await expect(first).toBeVisible();
  expect((await first.boundingBox())!.y).toBeLessThan(viewports.phone.height);
  // By keyboard: the fold opens with Enter, and a filter chosen there stays shown, counted, after the search.
  await fold.focus();
  await page.keyboard.press("Enter");
  await page.getByLabel("Status").selectOption("NEW");
  await page.getByRole("button", { name: "Saring", exact: true }).click();
  await page.waitForURL(/state=NEW/);
  await expect(page.getByText("Saringan lain (1 aktif)")).toBeVisible();
  await expect(page.getByLabel("Status")).toBeVisible();
  await expect(page.getByLabel("Status")).toHaveValue("NEW");

  const wide = await (
    await browser.newContext({ baseURL: test.info().project.use.baseURL, locale: "id-ID", viewport: viewports.desktop })
  ).newPage();
  await loginAs(wide, "admin.kaltim@siar.test");
  await wide.goto("/interactions");
  await expect(wide.getByLabel("Status")).toBeVisible();
  await expect(wide.getByLabel("Fungsi", { exact: true })).toBeVisible();
  await expect(wide.getByText("Saringan lain", { exact: true })).toBeHidden();
  await wide.context().close();
});
