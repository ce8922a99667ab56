import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { Queue } from "bullmq";
import { producerConnection } from "../../src/jobs/connection";
import { PUBLISHING_QUEUE, fanOutJobId, jobNames } from "../../src/jobs/contract";
import { db, expect, loginAs, test } from "./fixtures";

// Issue 14, item 2: the approver sees exactly what goes out (each platform's own text, the image, the
// accounts and their times), what changed since the version they saw (a moved time is marked as a change),
// a comment typed before approving is kept with the approval, and a post for more than ten accounts asks first.

const tinyJpeg = Buffer.from(
  "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=",
  "base64",
);

async function newPage(page: Page, email: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const context = await page
    .context()
    .browser()!
    .newContext({ baseURL: test.info().project.use.baseURL, locale: "id-ID", viewport });
  const other = await context.newPage();
  await loginAs(other, email);
  return other;
}

test("the approver sees each platform's text, the image and a moved time, confirms for 12 accounts, and the comment stays with the approval", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  const polda = await db.unit.findUniqueOrThrow({ where: { code: "POLDA-KALTIM" } });
  const accounts = await db.socialAccount.findMany({
    where: {
      unit: { path: { startsWith: polda.path } },
      platform: { in: ["X", "INSTAGRAM", "FACEBOOK_PAGE"] },
      status: { not: "DISABLED" },
      verification: "VERIFIED",
    },
    orderBy: [{ platform: "asc" }, { handle: "asc" }],
    select: { id: true, platform: true, handle: true },
  });
  const pick = (platform: string, n: number) => accounts.filter((a) => a.platform === platform).slice(0, n);
  const chosen = [...pick("X", 4), ...pick("INSTAGRAM", 4), ...pick("FACEBOOK_PAGE", 4)];
  expect(chosen).toHaveLength(12);
  const moved = chosen.find((a) => a.platform === "INSTAGRAM")!;

  await loginAs(page, "admin.kaltim@siar.test");
  const upload = await page.request.post("/api/media", {
    multipart: { unitId: polda.id, file: { name: `apel-${stamp}.jpg`, mimeType: "image/jpeg", buffer: tinyJpeg } },
  });
  expect(upload.status()).toBe(201);
  const image = ((await upload.json()) as { data: { id: string } }).data;
  const base = `Apel gelar pasukan Operasi Lilin Mahakam ${stamp}`;
  const xText = `Apel gelar pasukan hari ini #OpsLilin ${stamp}`;
  const at = new Date(Date.now() + 3 * 3600_000);
  at.setUTCSeconds(0, 0);
  const later = new Date(at.getTime() + 90 * 60_000);
  const body = (times: (id: string) => Date, postId?: string) => ({
    postId,
    unitId: polda.id,
    baseText: base,
    intent: "submit",
    media: [{ id: image.id, altText: "Barisan personel pada apel gelar pasukan" }],
    targets: chosen.map((a) => ({
      accountId: a.id,
      textOverride: a.platform === "X" ? xText : null,
      scheduledAt: times(a.id).toISOString(),
    })),
  });
  const created = await page.request.post("/api/posts", { data: body(() => at) });
  expect(created.status()).toBe(201);
  const { postId } = ((await created.json()) as { data: { postId: string } }).data;

  // First look: every platform with its own text and the image; no changes yet (a new post).
  const supervisor = await newPage(page, "supervisor.kaltim@siar.test");
  await supervisor.goto("/approvals");
  const item = supervisor.getByTestId("approval-item").filter({ hasText: String(stamp) });
  await expect(item).toHaveCount(1);
  const x = item.locator('[data-testid="review-platform"][data-platform="X"]');
  const ig = item.locator('[data-testid="review-platform"][data-platform="INSTAGRAM"]');
  const fb = item.locator('[data-testid="review-platform"][data-platform="FACEBOOK_PAGE"]');
  await expect(x).toContainText(xText);
  await expect(x).toContainText("4 akun");
  await expect(ig).toContainText(base);
  await expect(ig).not.toContainText("#OpsLilin");
  await expect(fb).toContainText(base);
  for (const group of [x, ig, fb])
    await expect(group.getByRole("img", { name: "Barisan personel pada apel gelar pasukan" })).toBeVisible();
  await expect(item.getByTestId("review-changes")).toHaveCount(0);

  // Sending back for 12 accounts asks first; "Batal" leaves everything as it was.
  await item.getByLabel("Catatan untuk penulis").fill("Mohon undur satu akun Instagram 90 menit.");
  await item.getByRole("button", { name: "Kembalikan dengan catatan" }).click();
  const dialog = supervisor.getByRole("dialog", { name: "Kembalikan unggahan untuk 12 akun?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Batal" }).click();
  expect(await db.postTarget.count({ where: { postId, status: "PENDING_APPROVAL" } })).toBe(12);
  await item.getByRole("button", { name: "Kembalikan dengan catatan" }).click();
  await supervisor.getByRole("dialog").getByTestId("confirm-yes").click();
  await expect(item).toHaveCount(0);

  // The author moves one Instagram account's time by 90 minutes and changes the X text.
  const xText2 = `${xText} Tetap waspada.`;
  const edited = await page.request.post("/api/posts", {
    data: {
      ...body((id) => (id === moved.id ? later : at), postId),
      targets: body((id) => (id === moved.id ? later : at)).targets.map((t) =>
        t.textOverride ? { ...t, textOverride: xText2 } : t,
      ),
    },
  });
  expect(edited.status()).toBe(201);

  // The approver sees the moved time as a change (old and new, marked), the X text diff, nothing else.
  await supervisor.goto("/approvals");
  await expect(item).toHaveCount(1);
  const changes = item.getByTestId("review-changes");
  await expect(changes).toContainText("2 perubahan sejak versi 1 yang Anda lihat");
  const movedLine = changes.getByTestId("time-moved");
  await expect(movedLine).toHaveCount(1);
  await expect(movedLine).toContainText(`@${moved.handle}`);
  await expect(movedLine.locator("del")).toHaveText(/\d{2}[.:]\d{2}/);
  await expect(movedLine.locator("ins")).toHaveText(/\d{2}[.:]\d{2}/);
  await expect(movedLine.locator("del")).not.toHaveText((await movedLine.locator("ins").textContent())!);
  // In Instagram's own list too, that account's time is marked; the others are not.
  await expect(ig.getByTestId("moved-time")).toHaveCount(1);
  await expect(changes.getByTestId("change-text")).toHaveText(["Teks untuk X berubah"]);
  await expect(x.getByTestId("review-text-diff").locator("ins")).toContainText("Tetap waspada.");
  await supervisor.screenshot({ path: "test-results/approval-review.png", fullPage: true });

  // Opening the post keeps the changes marked, also after the page refreshes itself.
  await supervisor.goto(`/posts/${postId}`);
  await expect(supervisor.getByTestId("post-review").getByTestId("time-moved")).toHaveCount(1);
  await supervisor.reload();
  await expect(supervisor.getByTestId("post-review").getByTestId("time-moved")).toHaveCount(1);

  // Approve with a comment typed first: 12 accounts ask first, and the comment goes with the approval.
  await supervisor.getByLabel("Catatan untuk penulis").fill("Sudah sesuai, terima kasih.");
  await supervisor.getByRole("button", { name: "Setujui" }).click();
  await expect(supervisor.getByRole("dialog", { name: "Setujui unggahan ke 12 akun?" })).toBeVisible();
  await supervisor.getByRole("dialog").getByTestId("confirm-yes").click();
  await expect(supervisor.getByRole("button", { name: "Setujui" })).toHaveCount(0);
  const decision = await db.approvalDecision.findFirstOrThrow({ where: { postId, outcome: "APPROVED" } });
  expect(decision).toMatchObject({ comment: "Sudah sesuai, terima kasih.", postVersion: 2 });
  await expect(supervisor.getByText("“Sudah sesuai, terima kasih.”")).toBeVisible();
  await supervisor.context().close();
});

test("at 390 px the approver's review fits the screen and shows the image", async ({ page }) => {
  const polda = await db.unit.findUniqueOrThrow({ where: { code: "POLDA-KALTIM" } });
  const [account] = await db.socialAccount.findMany({
    where: { unit: { path: { startsWith: polda.path } }, platform: "INSTAGRAM", verification: "VERIFIED" },
    take: 1,
    select: { id: true },
  });
  const stamp = Date.now();
  await loginAs(page, "admin.kaltim@siar.test");
  const upload = await page.request.post("/api/media", {
    multipart: { unitId: polda.id, file: { name: `hp-${stamp}.jpg`, mimeType: "image/jpeg", buffer: tinyJpeg } },
  });
  const image = ((await upload.json()) as { data: { id: string } }).data;
  const created = await page.request.post("/api/posts", {
    data: {
      unitId: polda.id,
      baseText: `Layanan SIM keliling hari ini ${stamp}`,
      intent: "submit",
      media: [{ id: image.id, altText: "Mobil SIM keliling di depan kantor kecamatan" }],
      targets: [{ accountId: account!.id, scheduledAt: new Date(Date.now() + 3600_000).toISOString() }],
    },
  });
  expect(created.status()).toBe(201);
  const supervisor = await newPage(page, "supervisor.kaltim@siar.test", { width: 390, height: 844 });
  await supervisor.goto("/approvals");
  const item = supervisor.getByTestId("approval-item").filter({ hasText: String(stamp) });
  await expect(item.getByRole("img", { name: "Mobil SIM keliling di depan kantor kecamatan" })).toBeVisible();
  const widths = await supervisor.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
  }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
  await supervisor.context().close();
});

// Issue 17, item 4: a broadcast of more than 200 accounts is approved by writing the decision; its fan-out job
// then schedules the targets 500 at a time (decision 0012). Until the job reaches them, its rows are still
// PENDING_APPROVAL in the database, yet nobody has to decide anything: they read "Sedang dijadwalkan".
test("an approved broadcast whose targets its fan-out job has not scheduled yet reads as being scheduled, row by row", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const polda = await db.unit.findUniqueOrThrow({ where: { code: "POLDA-KALTIM" } });
  const accounts = await db.socialAccount.findMany({
    where: { unit: { path: { startsWith: polda.path } }, platform: "X", status: "ACTIVE", verification: "VERIFIED" },
    orderBy: { handle: "asc" },
    take: 3,
    select: { id: true },
  });
  expect(accounts).toHaveLength(3);
  const stamp = Date.now();
  const later = new Date(Date.now() + 26 * 3600_000);
  later.setUTCSeconds(0, 0);
  await loginAs(page, "admin.kaltim@siar.test");
  const created = await page.request.post("/api/posts", {
    data: {
      unitId: polda.id,
      baseText: `Himbauan mudik aman bersama Polri ${stamp}`,
      intent: "submit",
      targets: accounts.map((a, i) => ({ accountId: a.id, scheduledAt: i === 0 ? null : later.toISOString() })),
    },
  });
  expect(created.status()).toBe(201);
  const { postId } = ((await created.json()) as { data: { postId: string } }).data;
  const post = await db.post.findUniqueOrThrow({ where: { id: postId }, select: { version: true } });
  const supervisor = await db.user.findUniqueOrThrow({ where: { email: "supervisor.kaltim@siar.test" } });

  // The state between the approval's commit and its fan-out job: the job is queued (held here, delayed), and
  // the decision and the approved version are written.
  const redis = await producerConnection(process.env.REDIS_URL!);
  const queue = new Queue(PUBLISHING_QUEUE, { connection: redis, prefix: process.env.QUEUE_PREFIX! });
  try {
    const job = await queue.add(
      jobNames.fanOutPost,
      { postId, version: post.version },
      { jobId: fanOutJobId(postId, post.version), delay: 3_600_000 },
    );
    await db.approvalDecision.create({
      data: {
        id: randomUUID(),
        postId,
        deciderId: supervisor.id,
        outcome: "APPROVED",
        postVersion: post.version,
      },
    });
    await db.post.update({ where: { id: postId }, data: { approvedVersion: post.version } });

    const phone = await newPage(page, "supervisor.kaltim@siar.test", { width: 390, height: 844 });
    await phone.goto(`/posts/${postId}`);
    await expect(phone.getByTestId("fanning-out")).toContainText("sedang dijadwalkan");
    const rows = phone.getByTestId("target-row").filter({ visible: true });
    await expect(rows).toHaveCount(3);
    for (const row of await rows.all()) {
      await expect(row.locator("[data-status]")).toHaveAttribute("data-status", "BEING_SCHEDULED");
      await expect(row).toContainText("Sedang dijadwalkan");
      await expect(row).not.toContainText("Menunggu persetujuan");
    }
    await expect(rows.filter({ hasText: "Secepatnya" })).toHaveCount(1);
    // No decision is offered for a post that is already approved.
    await expect(phone.getByRole("button", { name: "Setujui" })).toHaveCount(0);

    // The job runs: the rows read as what they now are.
    await job.promote();
    await expect
      .poll(() => db.postTarget.count({ where: { postId, status: "PENDING_APPROVAL" } }), { timeout: 60_000 })
      .toBe(0);
    await phone.reload();
    await expect(phone.getByTestId("fanning-out")).toHaveCount(0);
    await expect(rows).toHaveCount(3);
    await expect(phone.locator('[data-testid="target-row"] [data-status="BEING_SCHEDULED"]')).toHaveCount(0);
    await expect(rows.filter({ hasText: "Terjadwal" })).toHaveCount(2);
  } finally {
    await queue.close();
    await redis.quit();
  }
});
