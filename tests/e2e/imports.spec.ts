import writeXlsxFile from "write-excel-file/node";
import { createUnit } from "../factories/units";
import { createUser } from "../factories/users";
import { db, expect, loginAs, test } from "./fixtures";

// Setting an organisation up from its spreadsheets (issue 18, decision 0013), in Chromium against the demo seed.
const tag = Date.now().toString(36).toUpperCase();
const fileInput = "Berkas CSV atau Excel (.xlsx)";
type ErrorBody = { error: { fieldErrors: Record<string, string> } };
const fieldErrors = async (r: { json: () => Promise<unknown> }) => ((await r.json()) as ErrorBody).error.fieldErrors;
const csvFile = (rows: string[][]) => ({
  name: "unit.csv",
  mimeType: "text/csv",
  buffer: Buffer.from(rows.map((r) => r.join(",")).join("\r\n")),
});

test("a SUPERADMIN imports 34 Polda and 450 Polres: the preview shows 3 bad cells and writes nothing; fixed, all are written; again, nothing changes; then 5,000 accounts for them", async ({
  page,
}) => {
  test.setTimeout(240_000);
  // A new installation's top unit and its first SUPERADMIN (what `npm run setup` makes), beside the demo's.
  const root = await createUnit(db, { name: `Mabes Uji ${tag}`, code: `M-${tag}`, kind: "Mabes" });
  const admin = await createUser(db, {
    email: `superadmin.${tag.toLowerCase()}@siar.test`,
    memberships: [{ unitId: root.id, role: "SUPERADMIN" }],
  });
  const zones = ["WIB", "WITA", "WIT"];
  const polda = Array.from({ length: 34 }, (_, i) => `${tag}-PD${String(i + 1).padStart(2, "0")}`);
  const good = [
    ["kode_unit", "kode_induk", "nama", "jenis", "zona_waktu"],
    ...polda.map((code, i) => [code, root.code, `Polda Uji ${i + 1}`, "Polda", zones[i % 3]!]),
    ...Array.from({ length: 450 }, (_, i) => [
      `${tag}-PR${String(i + 1).padStart(3, "0")}`,
      polda[i % 34]!,
      `Polres Uji ${i + 1}`,
      "Polres",
      zones[(i % 34) % 3]!,
    ]),
  ];
  const bad = good.map((r) => [...r]);
  bad[40]![4] = "GMT+7"; // line 41
  bad[200]![2] = ""; // line 201
  bad[400]![1] = `${tag}-PD99`; // line 401
  const unitsBelow = () => db.unit.count({ where: { path: { startsWith: root.path } } });

  await loginAs(page, admin.email);
  await page.goto("/units");
  await page.getByRole("link", { name: "Impor dari spreadsheet" }).click();
  await expect(page.getByRole("heading", { name: "Impor unit dari spreadsheet" })).toBeVisible();
  await page.getByLabel(fileInput).setInputFiles(csvFile(bad));
  await page.getByRole("button", { name: "Pratinjau" }).click();
  await expect(page.getByTestId("import-summary")).toHaveText("481 baru · 0 berubah · 0 tidak berubah · 3 galat");
  // A long file opens on its errors.
  await expect(page.getByTestId("import-row")).toHaveCount(3);
  const cellError = (line: number, column: string) =>
    page.locator(`[data-testid=import-row][data-line="${line}"] td[data-column=${column}] [data-testid=cell-error]`);
  await expect(cellError(41, "zona_waktu")).toHaveText("Pilih zona waktu WIB, WITA atau WIT.");
  await expect(cellError(201, "nama")).toHaveText("Nama unit wajib diisi.");
  await expect(cellError(401, "kode_induk")).toHaveText(
    "Kode induk tidak dikenal atau di luar wilayah kewenangan Anda.",
  );
  await expect(page.getByText("3 baris galat akan dilewati.")).toBeVisible();
  expect(await unitsBelow()).toBe(1);

  // Fixed: every unit is written, once.
  await page.getByLabel(fileInput).setInputFiles(csvFile(good));
  await page.getByRole("button", { name: "Pratinjau" }).click();
  await expect(page.getByTestId("import-summary")).toHaveText("484 baru · 0 berubah · 0 tidak berubah · 0 galat");
  await page.getByRole("button", { name: "Impor 484 baris" }).click();
  await expect(page.getByTestId("import-done")).toHaveText(
    "Impor selesai: 484 dibuat, 0 diubah, 0 tidak berubah, 0 dilewati.",
  );
  expect(await unitsBelow()).toBe(485);
  const polres = await db.unit.findUniqueOrThrow({ where: { code: `${tag}-PR035` }, include: { parent: true } });
  expect([polres.parent?.code, polres.depth, polres.timeZone]).toEqual([polda[0], 2, "Asia/Jakarta"]);
  expect(await db.auditLog.count({ where: { action: "unit.import", actorId: admin.id } })).toBe(1);

  // The same file again: everything unchanged, nothing to confirm.
  await page.getByLabel(fileInput).setInputFiles(csvFile(good));
  await page.getByRole("button", { name: "Pratinjau" }).click();
  await expect(page.getByTestId("import-summary")).toHaveText("0 baru · 0 berubah · 484 tidak berubah · 0 galat");
  await expect(page.getByRole("button", { name: /^Impor \d+ baris$/ })).toHaveCount(0);
  expect(await unitsBelow()).toBe(485);

  // A renamed Polda updates by its code, and the preview shows the name it had.
  const renamed = good.map((r) => [...r]);
  renamed[1]![2] = "Polda Uji Satu";
  await page.getByLabel(fileInput).setInputFiles(csvFile(renamed));
  await page.getByRole("button", { name: "Pratinjau" }).click();
  await expect(page.getByTestId("import-summary")).toHaveText("0 baru · 1 berubah · 483 tidak berubah · 0 galat");
  await page.getByLabel("Tampilkan").selectOption("changed");
  await expect(page.getByTestId("import-row")).toHaveCount(1);
  await expect(page.locator('[data-line="2"] td[data-column=nama]')).toContainText("sebelumnya: Polda Uji 1");
  await page.getByRole("button", { name: "Impor 1 baris" }).click();
  await expect(page.getByTestId("import-done")).toHaveText(
    "Impor selesai: 0 dibuat, 1 diubah, 483 tidak berubah, 0 dilewati.",
  );
  expect((await db.unit.findUniqueOrThrow({ where: { code: polda[0] } })).name).toBe("Polda Uji Satu");

  // 5,000 accounts for those Polres, through the route the page uses: previewed and committed, no time-out.
  const platforms = ["X", "Facebook", "Instagram", "TikTok", "YouTube", "LINE OA"];
  const accounts = [
    "platform,handle,nama_tampilan,id_platform,url_profil,kode_unit_pemilik",
    ...Array.from(
      { length: 5_000 },
      (_, i) =>
        `${platforms[i % 6]},akun_${tag.toLowerCase()}_${i},Humas ${i},id-${tag}-${i},,${good[35 + (i % 450)]![0]}`,
    ),
  ].join("\r\n");
  const file = { name: "akun.csv", mimeType: "text/csv", buffer: Buffer.from(accounts) };
  const preview = await page.request.post("/api/imports/accounts", { multipart: { file, mode: "preview" } });
  expect(preview.status()).toBe(200);
  const { data } = (await preview.json()) as { data: { planHash: string; counts: Record<string, number> } };
  expect(data.counts).toEqual({ new: 5_000, changed: 0, unchanged: 0, error: 0 });
  const commit = await page.request.post("/api/imports/accounts", {
    multipart: { file, mode: "commit", planHash: data.planHash },
  });
  expect(commit.status()).toBe(200);
  expect(await db.socialAccount.count({ where: { unit: { path: { startsWith: root.path } } } })).toBe(5_000);
});

test("an ADMIN of Polda Kaltim imports 60 accounts from XLSX; a Sumsel unit is refused in the preview; only once SUPERVISOR Kaltim verifies them can they be targeted", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  const kaltim = await db.unit.findUniqueOrThrow({ where: { code: "POLDA-KALTIM" } });
  const polres = await db.unit.findMany({
    where: { parentId: kaltim.id },
    orderBy: { code: "asc" },
    select: { code: true },
  });
  // Platforms the desk's publishing journey does not target, so these accounts stay out of its way.
  const platforms = ["YouTube", "TikTok", "LINE OA"];
  const handle = (i: number) => `imp_${tag.toLowerCase()}_${i}`;
  const rows = [
    ["platform", "handle", "nama_tampilan", "id_platform", "url_profil", "kode_unit_pemilik"],
    ...Array.from({ length: 60 }, (_, i) => [
      platforms[i % 3]!,
      `@${handle(i)}`,
      `Humas Uji ${i}`,
      `id-${handle(i)}`,
      "",
      polres[i % polres.length]!.code,
    ]),
    ["YouTube", handle(99), "Bukan wilayah Kaltim", `id-${handle(99)}`, "", "POLRES-PALEMBANG"],
  ];
  const xlsx = await writeXlsxFile(rows.map((r) => r.map((value) => ({ value, type: String })))).toBuffer();
  const imported = () => db.socialAccount.findMany({ where: { handle: { startsWith: `imp_${tag.toLowerCase()}_` } } });

  await loginAs(page, "admin.kaltim@siar.test");
  await page.goto("/accounts");
  await page.getByRole("link", { name: "Impor dari spreadsheet" }).click();
  await expect(page.getByRole("heading", { name: "Impor akun dari spreadsheet" })).toBeVisible();
  await page.getByLabel(fileInput).setInputFiles({
    name: "akun-kaltim.xlsx",
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: xlsx,
  });
  await page.getByRole("button", { name: "Pratinjau" }).click();
  await expect(page.getByTestId("import-summary")).toHaveText("60 baru · 0 berubah · 0 tidak berubah · 1 galat");
  const refused = page.locator('[data-testid=import-row][data-line="62"]');
  await expect(refused).toHaveAttribute("data-fate", "error");
  await expect(refused.locator("td[data-column=kode_unit_pemilik] [data-testid=cell-error]")).toHaveText(
    "Kode unit tidak dikenal atau di luar wilayah kewenangan Anda.",
  );
  expect(await imported()).toHaveLength(0);

  await page.getByRole("button", { name: "Impor 60 baris" }).click();
  await expect(page.getByTestId("import-done")).toHaveText(
    "Impor selesai: 60 dibuat, 0 diubah, 0 tidak berubah, 1 dilewati.",
  );
  const accounts = await imported();
  expect(accounts).toHaveLength(60);
  expect(new Set(accounts.map((a) => a.verification))).toEqual(new Set(["PENDING"]));

  // Not yet verified: it cannot be a post's target.
  const target = accounts[0]!;
  const draft = () =>
    page.request.post("/api/posts", {
      data: {
        unitId: kaltim.id,
        baseText: "Uji akun impor",
        intent: "draft",
        targets: [{ accountId: target.id, scheduledAt: null }],
      },
    });
  const before = await draft();
  expect(before.status()).toBe(422);
  expect((await fieldErrors(before))[`target.${target.id}`]).toBe(
    "Akun ini belum diverifikasi HQ sebagai akun resmi, jadi belum dapat dijadikan tujuan.",
  );

  // SUPERVISOR Kaltim checks and verifies them together.
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, locale: "id-ID" });
  const supervisor = await context.newPage();
  await loginAs(supervisor, "supervisor.kaltim@siar.test");
  await supervisor.goto("/accounts/verification");
  await expect(supervisor.getByTestId("queue-row").filter({ hasText: handle(0) })).toHaveCount(1);
  await supervisor.getByLabel("Pilih semua di halaman ini").check();
  await supervisor.getByTestId("verify-selected").click();
  await expect(supervisor.getByTestId("verify-outcome")).toContainText("akun diverifikasi");
  await context.close();
  expect(new Set((await imported()).map((a) => a.verification))).toEqual(new Set(["VERIFIED"]));

  const after = await draft();
  expect(after.status()).toBe(201);
});

test("the import routes refuse who may not import, and a hostile file, before writing anything", async ({ page }) => {
  await loginAs(page, "pimpinan.kaltim@siar.test");
  const upload = { file: { name: "a.csv", mimeType: "text/csv", buffer: Buffer.from("platform,handle\nX,a") } };
  const tries = [
    await page.request.post("/api/imports/accounts", { multipart: upload }),
    await page.request.get("/api/imports/accounts/export?format=csv"),
    await page.request.get("/api/imports/units/template?format=xlsx"),
  ];
  expect(tries.map((r) => r.status())).toEqual([403, 403, 403]);
  expect((await page.goto("/accounts/import"))?.status()).toBe(404);

  await loginAs(page, "admin.kaltim@siar.test");
  expect((await page.request.post("/api/imports/units", { multipart: upload })).status()).toBe(403);
  const png = await page.request.post("/api/imports/accounts", {
    multipart: {
      file: { name: "akun.csv", mimeType: "text/csv", buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]) },
    },
  });
  expect(png.status()).toBe(422);
  expect((await fieldErrors(png)).file).toBe(
    "Jenis berkas tidak diterima. Unggah CSV (.csv) atau Excel (.xlsx) dari templat.",
  );
  const huge = await page.request.post("/api/imports/accounts", {
    multipart: { file: { name: "akun.csv", mimeType: "text/csv", buffer: Buffer.alloc(5 * 1024 * 1024, 0x41) } },
  });
  expect(huge.status()).toBe(422);
  expect((await fieldErrors(huge)).file).toBe("Berkas terlalu besar: paling besar 4 MB.");

  // The export downloads in the import's columns, with formulas disarmed.
  const exported = await page.request.get("/api/imports/accounts/export?format=csv");
  expect(exported.status()).toBe(200);
  expect(exported.headers()["content-disposition"]).toBe('attachment; filename="akun.csv"');
  expect((await exported.body()).toString("utf8").split("\r\n")[0]).toBe(
    "\uFEFFplatform,handle,nama_tampilan,id_platform,url_profil,kode_unit_pemilik",
  );

  expect(
    await db.auditLog.count({ where: { action: "account.import", actor: { email: "pimpinan.kaltim@siar.test" } } }),
  ).toBe(0);
});
