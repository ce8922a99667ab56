import type { Page } from "@playwright/test";
import { producerConnection } from "../../src/jobs/connection";
import { createPublishingProducer } from "../../src/jobs/producer";
import { db, expect, loginAs, test } from "./fixtures";

// Issue 16's Must-show "an overdue disposition escalates to the function's parent and appears on the dashboard"
// (decision 0011, "Disposisi"), in Chromium with the real worker: admin.kaltim forwards a citizen's complaint
// to Ditintelkam Polda Kaltim with a one-hour deadline; the hour passes unanswered (the test moves the deadline
// into the past, as the clock would); the worker's escalation run (every 5 minutes, put on the queue here as
// its scheduler puts it) escalates it to the function's parent, Polda Kalimantan Timur; Humas finds it under
// "Lewat tenggat", marked escalated, and the Polda's leadership reads it on the dashboard's function table.

/** The dashboard's figures for one function, as its cells read (thousands separated with dots). */
async function functionRow(page: Page, name: string) {
  await page.goto("/dashboard");
  const row = page.getByTestId("disposition-figures").locator("tbody tr").filter({ hasText: name });
  await expect(row).toHaveCount(1);
  const cell = async (column: string) =>
    Number((await row.locator(`[data-column="${column}"]`).innerText()).replaceAll(".", ""));
  return { row, open: await cell("open"), overdue: await cell("overdue"), escalated: await cell("escalated") };
}

async function runEscalation() {
  const redis = await producerConnection(process.env.REDIS_URL!);
  const producer = createPublishingProducer(redis, process.env.QUEUE_PREFIX!);
  try {
    await producer.enqueueEscalation();
  } finally {
    await producer.close();
    await redis.quit();
  }
}

test("an overdue disposition escalates to the function's parent and shows on the leadership dashboard", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const functionName = "Ditintelkam Polda Kaltim";
  const polda = await db.unit.findUniqueOrThrow({ where: { code: "POLDA-KALTIM" } });
  const intelkam = await db.unit.findUniqueOrThrow({ where: { code: "KALTIM-DITINTELKAM" } });
  const complaint = await db.interaction.findFirstOrThrow({
    where: { unit: { code: "POLDA-KALTIM" }, state: "NEW", dispositions: { none: {} } },
    orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
  });

  // The Polda's leadership before: the function's figures as the dashboard shows them.
  const leadership = await (await browser.newContext({ baseURL: test.info().project.use.baseURL })).newPage();
  await loginAs(leadership, "pimpinan.kaltim@siar.test");
  const before = await functionRow(leadership, functionName);

  // Humas classifies it as Pengaduan and forwards it with a deadline of one hour.
  await loginAs(page, "admin.kaltim@siar.test");
  await page.goto(`/interactions/${complaint.id}`);
  await page.getByLabel("Kategori").selectOption({ label: "Pengaduan" });
  await page.getByTestId("triage-submit").click();
  await expect(page.getByText("Pilahan tersimpan.")).toBeVisible();
  await expect(page.getByLabel("Tenggat (jam)")).toHaveValue("24");
  await page.getByLabel("Fungsi", { exact: true }).selectOption({ label: `${functionName} (Polda Kalimantan Timur)` });
  await page.getByLabel("Tenggat (jam)").fill("1");
  await page.getByTestId("forward-submit").click();
  await expect(page.getByTestId("disposition")).toContainText(`Diteruskan ke ${functionName}`);
  const disposition = await db.disposition.findFirstOrThrow({ where: { interactionId: complaint.id } });
  expect(disposition.toUnitId).toBe(intelkam.id);
  expect(disposition.deadlineAt.getTime() - disposition.createdAt.getTime()).toBe(3_600_000);

  // Within its hour it is open, not overdue.
  const open = await functionRow(leadership, functionName);
  expect(open).toMatchObject({ open: before.open + 1, overdue: before.overdue, escalated: before.escalated });

  // The hour passes with no answer from the function.
  await db.disposition.update({
    where: { id: disposition.id },
    data: { deadlineAt: new Date(Date.now() - 60_000) },
  });
  await runEscalation();
  await expect
    .poll(async () => (await db.disposition.findUniqueOrThrow({ where: { id: disposition.id } })).escalatedToUnitId, {
      timeout: 60_000,
    })
    .toBe(polda.id);
  // By the system, in the audit log.
  expect(
    await db.auditLog.count({ where: { entityId: disposition.id, action: "disposition.escalate", actorId: null } }),
  ).toBe(1);

  // Humas: the item is under "Lewat tenggat", marked escalated; its page says to whom.
  await page.goto("/interactions?state=OVERDUE");
  const item = page.getByTestId("inbox-item").filter({ has: page.locator(`a[href="/interactions/${complaint.id}"]`) });
  await expect(item).toHaveCount(1);
  await expect(item).toContainText("Dieskalasi");
  await page.goto(`/interactions/${complaint.id}`);
  await expect(page.getByTestId("disposition")).toContainText("Dieskalasi ke Polda Kalimantan Timur");

  // The Polda's leadership: one more overdue (in red) and one more escalated for Ditintelkam.
  const after = await functionRow(leadership, functionName);
  expect(after).toMatchObject({ open: before.open + 1, overdue: before.overdue + 1, escalated: before.escalated + 1 });
  await expect(after.row.locator('[data-column="overdue"] span')).toHaveClass(/text-red-700/);
  await leadership.context().close();
});
