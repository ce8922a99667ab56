import type { Page } from "@playwright/test";
import { TZDate } from "@date-fns/tz";
import { addDays, format, startOfWeek } from "date-fns";
import { fromZonedInput } from "../../src/lib/time";
import { db, expect, loginAs, test } from "./fixtures";
import { viewports } from "./pages";

// Issue 14, item 6: a post is rescheduled by keyboard and on touch with "Pindahkan jadwal" (date and time),
// by dragging to another day and hour in the week view, and every move sends an approved post back for
// approval (the rule of docs/decisions/0009-trust.md). Today is marked; each item shows its platforms.

const zone = "Asia/Makassar"; // Polda Kalimantan Timur: WITA, the admin's clock and the accounts' clock
const witaInstant = (day: string, time: string) => fromZonedInput(`${day}T${time}`, zone)!.toISOString();

async function approve(page: Page, postId: string, version: number) {
  const context = await page.context().browser()!.newContext({ baseURL: test.info().project.use.baseURL });
  const supervisor = await context.newPage();
  await loginAs(supervisor, "supervisor.kaltim@siar.test");
  const res = await supervisor.request.post(`/api/posts/${postId}/approve`, { data: { version } });
  expect(res.status(), await res.text()).toBe(200);
  await context.close();
}

async function targetsOf(postId: string) {
  const rows = await db.postTarget.findMany({ where: { postId }, select: { status: true, scheduledAt: true } });
  return {
    statuses: [...new Set(rows.map((r) => r.status))],
    times: [...new Set(rows.map((r) => r.scheduledAt?.toISOString()))],
  };
}

async function noSidewaysScroll(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}

test("reschedule by the keyboard form and by dragging to another day and hour; each move needs approval again", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  const stamp = Date.now();
  const polda = await db.unit.findUniqueOrThrow({ where: { code: "POLDA-KALTIM" } });
  const accounts = await db.socialAccount.findMany({
    where: { unitId: polda.id, platform: { in: ["X", "FACEBOOK_PAGE"] }, status: "ACTIVE", verification: "VERIFIED" },
    orderBy: { handle: "asc" },
  });
  const chosen = ["X", "FACEBOOK_PAGE"].map((p) => accounts.find((a) => a.platform === p)!);
  // Tuesday, Wednesday and Thursday of next week, on the WITA clock: one week view holds them all.
  const monday = startOfWeek(addDays(new TZDate(Date.now(), zone), 7), { weekStartsOn: 1 });
  const [tue, wed, thu] = [1, 2, 3].map((n) => format(addDays(monday, n), "yyyy-MM-dd")) as [string, string, string];

  await loginAs(page, "admin.kaltim@siar.test");
  const created = await page.request.post("/api/posts", {
    data: {
      unitId: polda.id,
      baseText: `Sosialisasi tertib lalu lintas ${stamp}`,
      intent: "submit",
      targets: chosen.map((a) => ({ accountId: a.id, scheduledAt: witaInstant(tue, "10:15") })),
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { postId } = ((await created.json()) as { data: { postId: string } }).data;
  await approve(page, postId, 1);
  expect((await targetsOf(postId)).statuses).toEqual(["SCHEDULED"]);

  // Today is marked, for eyes and for screen readers.
  await page.goto("/calendar");
  const today = page.locator('[aria-current="date"]');
  await expect(today).toHaveCount(1);
  await expect(today).toContainText("Hari ini");

  await page.goto(`/calendar?date=${tue}`);
  const item = page.getByTestId("calendar-item").filter({ hasText: String(stamp) });
  await expect(item).toHaveCount(1);
  await expect(page.locator(`[data-day="${tue}"] [data-hour="10"]`).getByTestId("calendar-item")).toContainText(
    String(stamp),
  );
  // Platforms by name, not by colour only.
  await expect(item.getByRole("img", { name: "X", exact: true })).toBeVisible();
  await expect(item.getByRole("img", { name: "Facebook" })).toBeVisible();
  await expect(item).toContainText("10:15 WITA");

  // By keyboard: Tab reaches the item's "Pindahkan jadwal", Enter opens the form, Enter submits it.
  const moveButton = item.getByRole("button", { name: /^Pindahkan jadwal/ });
  await item.getByRole("link").focus();
  await page.keyboard.press("Tab");
  await expect(moveButton).toBeFocused();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Pindahkan jadwal" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("kembali menunggu persetujuan supervisor lain");
  const date = dialog.getByLabel("Tanggal");
  const time = dialog.getByLabel("Jam (WITA)");
  await expect(date).toHaveValue(tue);
  await expect(time).toHaveValue("10:15");
  await date.fill(wed);
  await time.fill("14:30");
  await time.press("Enter");
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status")).toHaveText("Jadwal dipindahkan; unggahan perlu disetujui ulang.");
  // The same rule as ever: both targets at the new time, back to approval, one new version.
  expect(await targetsOf(postId)).toEqual({ statuses: ["PENDING_APPROVAL"], times: [witaInstant(wed, "14:30")] });
  expect((await db.post.findUniqueOrThrow({ where: { id: postId } })).version).toBe(2);
  await expect(page.locator(`[data-day="${wed}"] [data-hour="14"]`).getByTestId("calendar-item")).toContainText(
    String(stamp),
  );

  // By drag in the week view: to Thursday's 08.00 row; the day and the hour change, the minutes stay.
  await approve(page, postId, 2);
  await page.reload();
  await item.dragTo(page.locator(`[data-day="${thu}"] [data-hour="08"]`));
  await expect(page.getByRole("status")).toHaveText("Jadwal dipindahkan; unggahan perlu disetujui ulang.");
  await expect
    .poll(() => targetsOf(postId))
    .toEqual({
      statuses: ["PENDING_APPROVAL"],
      times: [witaInstant(thu, "08:30")],
    });
  await expect(page.locator(`[data-day="${thu}"] [data-hour="08"]`).getByTestId("calendar-item")).toContainText(
    "08:30 WITA",
  );
  await page.screenshot({ path: "test-results/calendar-week.png" });

  // A time in the past is refused in the form, with the reason, and nothing moves.
  await item.getByRole("button", { name: /^Pindahkan jadwal/ }).click();
  await dialog.getByLabel("Tanggal").fill("2020-01-01");
  await dialog.getByRole("button", { name: "Pindahkan" }).click();
  await expect(dialog.getByRole("alert")).toBeVisible();
  await expect(dialog.getByLabel("Tanggal")).toHaveAttribute("aria-invalid", "true");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  expect((await targetsOf(postId)).times).toEqual([witaInstant(thu, "08:30")]);
});

test("on a phone the calendar fits the screen and a post is moved by touch", async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
    viewport: viewports.phone,
    hasTouch: true,
    isMobile: true,
    locale: "id-ID",
  });
  const page = await context.newPage();
  const stamp = Date.now();
  const polda = await db.unit.findUniqueOrThrow({ where: { code: "POLDA-KALTIM" } });
  const account = await db.socialAccount.findFirstOrThrow({
    where: { unitId: polda.id, platform: "X", status: "ACTIVE", verification: "VERIFIED" },
    orderBy: { handle: "asc" },
  });
  const monday = startOfWeek(addDays(new TZDate(Date.now(), zone), 14), { weekStartsOn: 1 });
  const [fri, sat] = [4, 5].map((n) => format(addDays(monday, n), "yyyy-MM-dd")) as [string, string];
  await loginAs(page, "admin.kaltim@siar.test");
  const created = await page.request.post("/api/posts", {
    data: {
      unitId: polda.id,
      baseText: `Patroli akhir pekan ${stamp}`,
      intent: "submit",
      targets: [{ accountId: account.id, scheduledAt: witaInstant(fri, "09:00") }],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { postId } = ((await created.json()) as { data: { postId: string } }).data;

  for (const view of ["week", "month"]) {
    await page.goto(`/calendar?view=${view}&date=${fri}`);
    await expect(page.getByTestId("calendar-item").filter({ hasText: String(stamp) })).toHaveCount(1);
    await noSidewaysScroll(page);
    await page.screenshot({ path: `test-results/calendar-phone-${view}.png`, fullPage: true });
  }
  await page.goto(`/calendar?date=${fri}`);
  const item = page.getByTestId("calendar-item").filter({ hasText: String(stamp) });
  await item.getByRole("button", { name: /^Pindahkan jadwal/ }).tap();
  const dialog = page.getByRole("dialog", { name: "Pindahkan jadwal" });
  await expect(dialog).toBeInViewport();
  await noSidewaysScroll(page);
  await dialog.getByLabel("Tanggal").fill(sat);
  await dialog.getByLabel("Jam (WITA)").fill("07:45");
  await dialog.getByRole("button", { name: "Pindahkan" }).tap();
  await expect(dialog).toBeHidden();
  // Waiting for approval, it stays so; the move is a new version the approver will see.
  await expect(page.getByRole("status")).toHaveText("Jadwal dipindahkan; unggahan perlu disetujui ulang.");
  expect(await targetsOf(postId)).toEqual({ statuses: ["PENDING_APPROVAL"], times: [witaInstant(sat, "07:45")] });
  await expect(page.locator(`[data-day="${sat}"]`).getByTestId("calendar-item")).toContainText("07:45 WITA");
  await noSidewaysScroll(page);
  await page.screenshot({ path: "test-results/calendar-phone.png" });
  await context.close();
});
