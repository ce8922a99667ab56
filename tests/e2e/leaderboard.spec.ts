import { randomUUID } from "node:crypto";
import Papa from "papaparse";
import { producerConnection } from "../../src/jobs/connection";
import { createPublishingProducer, type PublishingProducer } from "../../src/jobs/producer";
import { createAccount } from "../factories/accounts";
import { createUnit } from "../factories/units";
import { db, expect, loginAs, test } from "./fixtures";

// The activity index as leadership sees it, on the seeded demo (60 days of engagement), and one post
// going all the way: published by the worker on the emulator, read by the collector, shown on the
// account's page and moving its unit's score.

const emulator = () => `http://127.0.0.1:${process.env.EMULATOR_PORT}`;

test("LEADERSHIP reads the index with its components and weights, drills down to posts, and exports CSV", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await loginAs(page, "kadiv.humas@siar.test");
  await page.goto("/leaderboard");
  await expect(page.getByRole("heading", { name: "Indeks Keaktifan", level: 1 })).toBeVisible();
  await expect(page.getByTestId("group-title")).toHaveText("Unit di bawah Mabes Polri");
  // Divisi Humas and the 34 Polda (and whatever other tests add), each scored, with every component
  // and its percentile beside the score.
  await expect(page.getByTestId("board-row").filter({ hasText: "Divisi Humas Polri" })).toHaveCount(1);
  expect(await page.getByTestId("board-row").count()).toBeGreaterThanOrEqual(35);
  for (const name of [
    "Aktivitas",
    "Konsistensi",
    "Keterlibatan",
    "Tingkat keterlibatan",
    "Keandalan",
    "Responsivitas",
  ]) {
    await expect(page.getByRole("columnheader", { name, exact: true })).toBeVisible();
  }
  const kaltim = page.getByTestId("board-row").filter({ hasText: "Polda Kalimantan Timur" });
  await expect(kaltim.getByTestId("score")).toHaveText(/^\d{1,3},\d$/);
  await expect(kaltim.locator('[data-column="engagement"]')).toContainText(/lebih baik dari \d+% unit setingkat/);
  await expect(page.getByTestId("weight-activity")).toHaveText("20%");
  await expect(page.getByTestId("weight-engagementRate")).toHaveText("10%");
  await expect(page.getByTestId("weight-responsiveness")).toHaveText("15%");
  // A unit that posted nothing in the demo is last, and its accounts are flagged dormant.
  const papuaBarat = page.getByTestId("board-row").filter({ hasText: "Polda Papua Barat" });
  await expect(papuaBarat).toContainText("dorman");
  // Nothing attempted reads as "no posts", not as 0 % reliability.
  await expect(papuaBarat.locator('[data-column="reliability"] div').first()).toHaveText(
    "— tidak ada unggahan dalam periode ini",
  );
  await page.screenshot({ path: "test-results/leaderboard.png", fullPage: true });

  // Drill down: unit → its accounts → one account's posts with their numbers and history.
  await kaltim.getByRole("link", { name: "Polda Kalimantan Timur" }).click();
  await expect(page.getByRole("heading", { name: "Polda Kalimantan Timur", level: 1 })).toBeVisible();
  await expect(page.getByTestId("summary-rank")).toContainText(/Peringkat \d+ dari \d+/);
  await page.getByTestId("board-row").filter({ hasText: "Instagram" }).getByRole("link").first().click();
  await expect(page.getByTestId("post-metrics")).toBeVisible();
  await expect(page.getByTestId("post-row").first()).toBeVisible();
  await expect(page.getByTestId("metric-history-chart")).toBeVisible();
  await expect(page.getByTestId("daily-history-chart")).toBeVisible();

  // The CSV is the board as shown.
  await page.goto("/leaderboard?period=7");
  const href = await page.getByTestId("export-csv").getAttribute("href");
  const csv = await page.request.get(href!);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  // Indonesian Excel reads it: ";" between cells and the numbers written as the screen writes them.
  expect(csv.headers()["content-disposition"]).toMatch(
    /filename="indeks-keaktifan_unit-di-bawah-mabes-polri_\d{4}-\d{2}-\d{2}-sd-\d{4}-\d{2}-\d{2}_diunduh-\d{4}-\d{2}-\d{2}\.csv"/,
  );
  const [head, ...rows] = Papa.parse<string[]>((await csv.text()).replace(/^\uFEFF/, ""), {
    delimiter: ";",
    skipEmptyLines: true,
  }).data;
  expect(head!.slice(0, 7)).toEqual([
    "Peringkat",
    "Peringkat sebelumnya",
    "Unit",
    "Kode",
    "Skor",
    "Aktivitas",
    "Aktivitas (persentil)",
  ]);
  const kaltimLine = rows.find((r) => r[3] === "POLDA-KALTIM")!;
  const kaltimRow = page.locator('[data-testid="board-row"]').filter({ hasText: "Polda Kalimantan Timur" });
  expect(kaltimLine[4]).toBe(await kaltimRow.getByTestId("score").innerText());
  expect(kaltimLine[5]).toBe(await kaltimRow.locator('[data-column="activity"] div').first().innerText());

  // The leadership dashboard for the same scope: headline numbers, trends, top and bottom five, platforms.
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: "Dasbor Pimpinan", level: 1 })).toBeVisible();
  for (const id of ["kpi-published", "kpi-interactions", "kpi-on-time", "kpi-failed", "kpi-dormant"])
    await expect(page.getByTestId(`${id}-value`)).toHaveText(/\d/);
  await expect(page.getByTestId("kpi-dormant-value")).not.toHaveText("0");
  await expect(page.getByTestId("top-five").locator("li")).toHaveCount(5);
  await expect(page.getByTestId("bottom-five").locator("li")).toHaveCount(5);
  await expect(page.getByTestId("bottom-five")).toContainText("Polda Papua Barat");
  await expect(page.getByTestId("platform-table")).toContainText("Instagram");
  await expect(page.getByTestId("dashboard-trend")).toBeVisible();
  await page.screenshot({ path: "test-results/dashboard.png", fullPage: true });

  // A wrong period comes back with an Indonesian message, and the board still shows.
  await page.goto("/leaderboard?period=custom&from=2026-11-10&to=2026-10-01");
  await expect(page.getByText("Tanggal akhir harus sama dengan atau setelah tanggal mulai.")).toBeVisible();
  await expect(page.getByTestId("board-row").filter({ hasText: "Polda Kalimantan Timur" })).toHaveCount(1);
});

test("LEADERSHIP changes nothing: no weights form, and the server answers 404; SUPERADMIN's change is applied and logged", async ({
  page,
  browser,
}) => {
  await loginAs(page, "pimpinan.kaltim@siar.test");
  await page.goto("/leaderboard");
  await expect(page.getByTestId("weights-panel")).toBeVisible();
  await expect(page.getByRole("link", { name: "Ubah bobot" })).toHaveCount(0);
  const refused = await page.goto("/leaderboard/weights");
  expect(refused?.status()).toBe(404);
  await expect(page.getByTestId("weights-form")).toHaveCount(0);

  const admin = await (await browser.newContext({ baseURL: test.info().project.use.baseURL })).newPage();
  await loginAs(admin, "superadmin@siar.test");
  await admin.goto("/leaderboard/weights");
  await admin.getByLabel("Aktivitas").fill("30");
  await expect(admin.getByTestId("weights-sum")).toContainText("110");
  await admin.getByRole("button", { name: "Simpan bobot" }).click();
  await expect(admin.getByTestId("form-error")).toContainText("Jumlah keenam bobot harus tepat 100.");
  await admin.getByLabel("Konsistensi").fill("10");
  await admin.getByRole("button", { name: "Simpan bobot" }).click();
  await expect(admin.getByText("Bobot tersimpan dan tercatat di log audit.")).toBeVisible();
  await expect(admin.getByTestId("weights-history")).toContainText("Aktivitas 30");
  const entry = await db.auditLog.findFirst({
    where: { action: "weights.update" },
    orderBy: { id: "desc" },
    include: { actor: true },
  });
  expect(entry?.actor?.email).toBe("superadmin@siar.test");

  await page.goto("/leaderboard");
  await expect(page.getByTestId("weight-activity")).toHaveText("30%");
  await admin.context().close();
});

test("a post published through the engine gains engagement; after a collection run leadership sees the numbers and the unit's score moves", async ({
  page,
}) => {
  test.setTimeout(180_000);
  // A peer group of its own under Mabes: two Polres with one X account each and no history,
  // so before anything is published both tie (every percentile 50) and the move is certain.
  const mabes = await db.unit.findUniqueOrThrow({ where: { code: "MABES" } });
  const group = await createUnit(db, { name: `Polda Uji Keterlibatan ${Date.now()}`, kind: "Polda", parent: mabes });
  const unitA = await createUnit(db, { name: "Polres Uji Aktif", kind: "Polres", parent: group });
  const unitB = await createUnit(db, { name: "Polres Uji Diam", kind: "Polres", parent: group });
  const accountA = await createAccount(db, { unitId: unitA.id, platform: "X", connect: true, followerCount: 1_000 });
  await createAccount(db, { unitId: unitB.id, platform: "X", connect: true, followerCount: 1_000 });
  await loginAs(page, "kadiv.humas@siar.test");
  const board = `/leaderboard?parent=${group.id}&period=7`;
  await page.goto(board);
  const rowA = page.getByTestId("board-row").filter({ hasText: "Polres Uji Aktif" });
  const rowB = page.getByTestId("board-row").filter({ hasText: "Polres Uji Diam" });
  await expect(rowA.getByTestId("score")).toHaveText("50,0");
  await expect(rowB.getByTestId("score")).toHaveText("50,0");

  const author = await db.user.findUniqueOrThrow({ where: { email: "admin.kaltim@siar.test" } });
  const postId = randomUUID();
  const targetId = randomUUID();
  await db.post.create({
    data: {
      id: postId,
      authorId: author.id,
      unitId: unitA.id,
      baseText: `Himbauan tertib berlalu lintas menjelang libur panjang (${Date.now()}).`,
      approvedVersion: 1,
    },
  });
  await db.postTarget.create({
    data: { id: targetId, postId, accountId: accountA.id, status: "SCHEDULED", scheduledAt: new Date() },
  });

  const redis = await producerConnection(process.env.REDIS_URL!);
  const producer: PublishingProducer = createPublishingProducer(redis, process.env.QUEUE_PREFIX!);
  try {
    // The worker publishes it on the emulator.
    await producer.enqueuePublish([{ targetId, accountId: accountA.id, platform: "X", runAt: new Date() }]);
    await expect
      .poll(async () => (await db.postTarget.findUniqueOrThrow({ where: { id: targetId } })).status, {
        timeout: 60_000,
      })
      .toBe("PUBLISHED");

    // A collection run (the worker's own, every minute, or this one) counts the outcome and schedules the
    // first reading 15 minutes after publishing; the test moves the emulator's clock two hours on and
    // makes that reading due now.
    await producer.enqueueCollectMetrics();
    await expect.poll(() => db.targetMetrics.count({ where: { targetId } }), { timeout: 30_000 }).toBe(1);
    await fetch(`${emulator()}/__control/clock`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ advanceMs: 2 * 3_600_000 }),
    });
    await db.targetMetrics.update({ where: { targetId }, data: { nextPollAt: new Date(Date.now() - 1_000) } });
    await producer.enqueueCollectMetrics();
    await expect
      .poll(async () => (await db.targetMetrics.findUniqueOrThrow({ where: { targetId } })).readings, {
        timeout: 30_000,
      })
      .toBeGreaterThanOrEqual(1);
    const first = await db.targetMetrics.findUniqueOrThrow({ where: { targetId } });
    expect(first.interactions).toBeGreaterThan(0);

    // Leadership sees the numbers on the post's line and its history chart ...
    const postPage = `/leaderboard/accounts/${accountA.id}?period=7&post=${targetId}`;
    await page.goto(postPage);
    const row = page.locator(`[data-testid="post-row"][data-target="${targetId}"]`);
    await expect(row.getByTestId("post-interactions")).toHaveText(first.interactions.toLocaleString("id-ID"));
    await expect(page.getByTestId("metric-history-chart")).toBeVisible();
    // ... and on the post page itself ...
    await page.goto(`/posts/${postId}`);
    await expect(page.getByTestId("target-interactions")).toHaveText(
      `${first.interactions.toLocaleString("id-ID")} interaksi`,
    );
    await expect(page.getByTestId("post-metric-history").getByTestId("metric-history-chart")).toBeVisible();
    // ... and the unit that published now leads its group on every posting component; neither has a
    // citizen's item to answer, so Responsivitas (weight 15) stays tied at 50 for both.
    await page.goto(board);
    await expect(rowA.getByTestId("score")).toHaveText("92,5");
    await expect(rowB.getByTestId("score")).toHaveText("7,5");
    await expect(rowA.locator('[data-column="responsiveness"] div').first()).toHaveText(
      "— tidak ada interaksi warga yang jatuh tempo dalam periode ini",
    );
    await expect(rowA.locator("td").first()).toHaveText("1");

    // A day later on the emulator the post has gained more, and the next reading shows it.
    await fetch(`${emulator()}/__control/clock`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ advanceMs: 24 * 3_600_000 }),
    });
    await db.targetMetrics.update({ where: { targetId }, data: { nextPollAt: new Date(Date.now() - 1_000) } });
    await producer.enqueueCollectMetrics();
    await expect
      .poll(async () => (await db.targetMetrics.findUniqueOrThrow({ where: { targetId } })).readings, {
        timeout: 30_000,
      })
      .toBeGreaterThanOrEqual(2);
    const second = await db.targetMetrics.findUniqueOrThrow({ where: { targetId } });
    expect(second.interactions).toBeGreaterThan(first.interactions);
    await page.goto(postPage);
    await expect(row.getByTestId("post-interactions")).toHaveText(second.interactions.toLocaleString("id-ID"));
    await page.goto(`/posts/${postId}`);
    await expect(page.getByTestId("target-interactions")).toHaveText(
      `${second.interactions.toLocaleString("id-ID")} interaksi`,
    );
  } finally {
    await producer.close();
    await redis.quit();
  }
});

test("a Kapolda sees where his Polda stands among the 34 Polda, in plain words, without the other Polda's rows", async ({
  page,
}) => {
  await loginAs(page, "pimpinan.kaltim@siar.test");
  await page.goto("/leaderboard");
  const standing = page.getByTestId("own-standing");
  await expect(standing).toHaveCount(1);
  await expect(standing.getByRole("heading")).toHaveText("Posisi Polda Kalimantan Timur");
  await expect(page.getByTestId("own-rank")).toHaveText(
    /^Peringkat ([1-9]|[12]\d|3[0-4]) dari 34 Polda di bawah Mabes Polri$/,
  );
  await expect(standing).toContainText(/Lebih aktif dari \d+% Polda lainnya\./);
  await expect(standing).toContainText(/Keandalan: [\d,]+%\s*lebih baik dari \d+% Polda/);
  // The board below is still the Kapolda's own subtree: Polres of Kaltim, no other Polda.
  await expect(page.getByTestId("group-title")).toHaveText("Unit di bawah Polda Kalimantan Timur");
  await expect(page.getByText("Polda Sumatera Selatan")).toHaveCount(0);

  // The head of Humas at the top unit has no peers to be ranked among: no standing.
  await loginAs(page, "kadiv.humas@siar.test");
  await page.goto("/leaderboard");
  await expect(page.getByTestId("group-title")).toHaveText("Unit di bawah Mabes Polri");
  await expect(page.getByTestId("own-standing")).toHaveCount(0);
});

test("the board says which accounts a unit is judged on, and offers both", async ({ page }) => {
  await loginAs(page, "kadiv.humas@siar.test");
  await page.goto("/leaderboard");
  const basis = page.getByTestId("board-basis");
  await expect(basis).toContainText("Setiap unit dinilai dari akun miliknya sendiri saja");
  const polda = await db.unit.findUniqueOrThrow({ where: { code: "POLDA-KALTIM" } });
  const own = await db.socialAccount.count({ where: { unitId: polda.id, status: { not: "DISABLED" } } });
  const all = await db.socialAccount.count({
    where: { unit: { path: { startsWith: polda.path } }, status: { not: "DISABLED" } },
  });
  expect(all).toBeGreaterThan(own);
  const kaltim = page.getByTestId("board-row").filter({ hasText: "Polda Kalimantan Timur" });
  await expect(kaltim.locator('[data-column="name"]')).toContainText(new RegExp(`(^|\\D)${own} akun`));
  await basis.getByRole("link", { name: "Semua akun di bawahnya" }).click();
  await expect(basis.getByRole("link", { name: "Semua akun di bawahnya" })).toHaveAttribute("aria-current", "page");
  await expect(basis).toContainText("akun miliknya sendiri ditambah akun semua unit di bawahnya");
  await expect(kaltim.locator('[data-column="name"]')).toContainText(new RegExp(`(^|\\D)${all} akun`));
  expect(page.url()).toContain("basis=all");
});
