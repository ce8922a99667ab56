import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import readXlsx from "read-excel-file/node";
import { beforeAll, describe, expect, it } from "vitest";
import writeXlsxFile from "write-excel-file/node";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { exportSheet, importTemplate } from "@/server/imports/export-sheet";
import { commitImport, previewImport } from "@/server/imports/run-import";
import { accountData } from "../../factories/accounts";
import { unitData } from "../../factories/units";
import { failure, fieldKeys, makeWorld, type World } from "../accounts/world";

let w: World;
let T: string;
beforeAll(async () => {
  w = await makeWorld();
  T = w.tag.toUpperCase();
});

const csv = (lines: string[][]) => ({
  name: "data.csv",
  bytes: new TextEncoder().encode(
    lines.map((l) => l.map((c) => (/[",;\n]/.test(c) ? `"${c}"` : c)).join(",")).join("\n"),
  ),
});
const xlsx = async (lines: string[][]) => ({
  name: "data.xlsx",
  bytes: new Uint8Array(await writeXlsxFile(lines.map((l) => l.map((value) => ({ value, type: String })))).toBuffer()),
});
const unitHead = ["kode_unit", "kode_induk", "nama", "jenis", "zona_waktu"];
const accountHead = ["platform", "handle", "nama_tampilan", "id_platform", "url_profil", "kode_unit_pemilik"];

/** field → message key of what a use-case threw. */
const keysOf = async (p: Promise<unknown>) => fieldKeys(await failure(p));

/** Units whose code carries this run's tag: other test files make units at the same time. */
const unitsOfThisTest = () => db.unit.count({ where: { code: { contains: T } } });

describe("importing units", () => {
  it("previews every row's fate with a message per bad cell, writes nothing, then commits the good rows once", async () => {
    const polda = `PI-${T}`;
    const rows = [
      unitHead,
      [`${polda}-R1`, `${polda}`, "Polres Satu", "Polres", "WITA"], // below a Polda made further down the same file
      [polda, w.units.root.code, "Polda Impor", "Polda", "WITA"],
      [`${polda}-R2`, polda, "Polres Dua", "Polres", "Asia/Makassar"],
      [`${polda}-R3`, polda, "", "Polres", "WITA"], // no name
      [`${polda}-R4`, polda, "Polres Empat", "Polres", "GMT+8"], // unknown zone
      [`${polda}-R5`, `NOPE-${T}`, "Polres Lima", "Polres", "WIB"], // unknown parent
      [`${polda}-R1`, polda, "Polres Satu lagi", "Polres", "WITA"], // repeated code
      [w.units.poldaB.code, w.units.root.code, "Polda B berganti nama", "Polda", "WIB"], // a stored unit, changed
      ["", "", "", "", ""], // an empty line between blocks is no row
    ];
    const before = await unitsOfThisTest();
    const preview = await previewImport(w.superadmin, "units", csv(rows));
    expect(preview.counts).toEqual({ new: 3, changed: 1, unchanged: 0, error: 4 });
    const byLine = new Map(preview.rows.map((r) => [r.line, r]));
    expect(byLine.get(2)!.fate).toBe("new");
    expect(byLine.get(5)!.errors).toEqual({ nama: "unitNameRequired" });
    expect(byLine.get(6)!.errors).toEqual({ zona_waktu: "timeZoneUnknown" });
    expect(byLine.get(7)!.errors).toEqual({ kode_induk: "imports.cell.parentOutside" });
    expect(byLine.get(8)!.errors).toEqual({ kode_unit: { key: "imports.cell.duplicateInFile", params: { line: 2 } } });
    expect(byLine.get(9)).toMatchObject({
      fate: "changed",
      changed: ["nama"],
      previous: { nama: w.units.poldaB.name },
    });
    expect(byLine.has(10)).toBe(false);
    expect(await unitsOfThisTest()).toBe(before);

    const done = await commitImport(w.superadmin, "units", csv(rows), { planHash: preview.planHash });
    expect(done.counts.new).toBe(3);
    expect(await unitsOfThisTest()).toBe(before + 3);
    const made = await db.unit.findUniqueOrThrow({ where: { code: polda } });
    const child = await db.unit.findUniqueOrThrow({ where: { code: `${polda}-R1` } });
    expect(made).toMatchObject({ parentId: w.units.root.id, depth: 1, timeZone: "Asia/Makassar" });
    expect(child).toMatchObject({ parentId: made.id, depth: 2, path: `${made.path}${child.id}/`, name: "Polres Satu" });
    expect((await db.unit.findUniqueOrThrow({ where: { id: w.units.poldaB.id } })).name).toBe("Polda B berganti nama");
    const audit = await db.auditLog.findMany({ where: { action: "unit.import", actorId: w.superadmin.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ counts: { new: 3, changed: 1, error: 4 } });

    // The same file again: nothing new, nothing changed, nothing written, no audit entry.
    const again = await previewImport(w.superadmin, "units", csv(rows));
    expect(again.counts).toEqual({ new: 0, changed: 0, unchanged: 4, error: 4 });
    const second = await commitImport(w.superadmin, "units", csv(rows), { planHash: again.planHash });
    expect(second.importId).toBeNull();
    expect(await db.auditLog.count({ where: { action: "unit.import", actorId: w.superadmin.id } })).toBe(1);
  });

  it("refuses a loop of new units, a new top unit, and a move of a stored unit", async () => {
    const rows = [
      unitHead,
      [`LA-${T}`, `LB-${T}`, "A", "Polres", "WIB"],
      [`LB-${T}`, `LA-${T}`, "B", "Polres", "WIB"],
      [`LC-${T}`, `LB-${T}`, "C", "Polsek", "WIB"],
      [`TOP-${T}`, "", "Puncak baru", "Mabes", "WIB"],
      [w.units.polresA.code, w.units.poldaB.code, w.units.polresA.name, "Polres", "WITA"],
    ];
    const preview = await previewImport(w.superadmin, "units", csv(rows));
    expect(preview.rows.map((r) => [r.fate, r.errors.kode_induk])).toEqual([
      ["error", "imports.cell.parentCycle"],
      ["error", "imports.cell.parentCycle"],
      ["error", { key: "imports.cell.parentRowError", params: { line: 3 } }],
      ["error", "unitParentRequired"],
      ["error", { key: "imports.cell.noMove", params: { current: w.units.poldaA.code } }],
    ]);
  });

  it("is for SUPERADMIN only, and refuses a confirmation whose preview went stale", async () => {
    const rows = [unitHead, [`ST-${T}`, w.units.poldaA.code, "Polres Basi", "Polres", "WITA"]];
    for (const actor of [w.adminA, w.supervisorA, w.leaderA]) {
      expect(await failure(previewImport(actor, "units", csv(rows)))).toMatchObject({ code: "FORBIDDEN" });
    }
    const preview = await previewImport(w.superadmin, "units", csv(rows));
    // Someone makes the same code in between: the confirmed plan is no longer the one that would be written.
    await db.unit.create({
      data: { ...unitData({ name: "x", kind: "Polres", parent: w.units.poldaB }), code: `ST-${T}` },
    });
    const before = await unitsOfThisTest();
    const error = await failure(commitImport(w.superadmin, "units", csv(rows), { planHash: preview.planHash }));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "CONFLICT", messageKey: "imports.stalePreview" });
    expect(await unitsOfThisTest()).toBe(before);
  });
});

describe("importing accounts", () => {
  it("lets an ADMIN import accounts for its subtree from XLSX; a unit of another Polda is an error in the preview", async () => {
    const h = (n: number) => w.handle(`imp${n}`);
    const rows = [
      accountHead,
      ["Instagram", `@${h(1).toUpperCase()}`, "Humas Polres A", `ig-${h(1)}`, "", w.units.polresA.code],
      ["x", h(2), "", `x-${h(2)}`, "", w.units.polsekA.code],
      ["TikTok", h(3), "Humas B", `tt-${h(3)}`, "", w.units.polresB.code], // another Polda
      ["Friendster", h(4), "", `f-${h(4)}`, "", w.units.polresA.code],
      ["YouTube", h(5), "", "", "", w.units.polresA.code], // no platform id for a new account
      ["Facebook", h(6), "", `fb-${h(6)}`, "http://tidak-aman", w.units.polresA.code],
    ];
    const file = await xlsx(rows);
    // Counted among this test's own handles: other test files write accounts at the same time.
    const mine = () =>
      db.socialAccount.count({ where: { handle: { in: [1, 2, 3, 4, 5, 6].map(h), mode: "insensitive" } } });
    const before = await mine();
    const preview = await previewImport(w.adminA, "accounts", file);
    expect(preview.rows.map((r) => r.fate)).toEqual(["new", "new", "error", "error", "error", "error"]);
    expect(preview.rows[2]!.errors).toEqual({ kode_unit_pemilik: "imports.cell.ownerOutside" });
    expect(preview.rows[3]!.errors).toEqual({ platform: "platformUnknown" });
    expect(preview.rows[4]!.errors).toEqual({ id_platform: "imports.cell.platformIdRequired" });
    expect(preview.rows[5]!.errors).toEqual({ url_profil: "profileUrlInvalid" });
    expect(await mine()).toBe(before);

    await commitImport(w.adminA, "accounts", file, { planHash: preview.planHash });
    const made = await db.socialAccount.findMany({
      where: { handle: { in: [h(1), h(2)] } },
      orderBy: { handle: "asc" },
    });
    expect(
      made.map((a) => [a.platform, a.displayName, a.profileUrl, a.status, a.verification, a.registeredById]),
    ).toEqual([
      ["INSTAGRAM", "Humas Polres A", `https://www.instagram.com/${h(1)}`, "NEEDS_RECONNECT", "PENDING", w.adminA.id],
      ["X", h(2), `https://x.com/${h(2)}`, "NEEDS_RECONNECT", "PENDING", w.adminA.id],
    ]);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "account.import", actorId: w.adminA.id } });
    expect(audit.unitId).toBe(w.units.polresA.id);

    // Same file: unchanged. A new display name and a new owner: changed, and verified again.
    expect((await previewImport(w.adminA, "accounts", file)).counts).toMatchObject({
      new: 0,
      changed: 0,
      unchanged: 2,
    });
    await db.socialAccount.updateMany({ where: { handle: h(1) }, data: { verification: "VERIFIED" } });
    const edited = await xlsx([accountHead, ["INSTAGRAM", h(1), "Nama Baru", "", "", w.units.polsekA.code]]);
    const p2 = await previewImport(w.adminA, "accounts", edited);
    expect(p2.rows[0]).toMatchObject({ fate: "changed", changed: ["nama_tampilan", "kode_unit_pemilik"] });
    await commitImport(w.adminA, "accounts", edited, { planHash: p2.planHash });
    expect(await db.socialAccount.findFirstOrThrow({ where: { handle: h(1) } })).toMatchObject({
      displayName: "Nama Baru",
      unitId: w.units.polsekA.id,
      platformAccountId: `ig-${h(1)}`,
      verification: "PENDING",
    });
  });

  it("refuses to touch an account registered outside the subtree and a platform id another account holds", async () => {
    const outside = await db.socialAccount.create({
      data: accountData({ unitId: w.units.polresB.id, platform: "X", handle: w.handle("luar") }),
    });
    const rows = [
      accountHead,
      ["X", outside.handle, "Ambil alih", "", "", w.units.polresA.code],
      ["X", w.handle("baru"), "", outside.platformAccountId, "", w.units.polresA.code],
    ];
    const preview = await previewImport(w.adminA, "accounts", csv(rows));
    expect(preview.rows.map((r) => r.errors)).toEqual([
      { handle: "imports.cell.accountOutside" },
      { id_platform: "platformAccountIdTaken" },
    ]);
  });
  it("keeps a long numeric platform id from an Excel number cell to the last digit", async () => {
    // Excel stores a typed-in id as a number; one longer than a float holds must come through as written.
    const book = await writeXlsxFile([
      accountHead.map((value) => ({ value, type: String })),
      [
        { value: "Facebook", type: String },
        { value: w.handle("angka"), type: String },
        { value: "", type: String },
        { value: 424242, type: Number },
        { value: "", type: String },
        { value: w.units.polresA.code, type: String },
      ],
    ]).toBuffer();
    const files = unzipSync(new Uint8Array(book));
    const sheetName = Object.keys(files).find((f) => /worksheets\/sheet1\.xml$/.test(f))!;
    files[sheetName] = strToU8(strFromU8(files[sheetName]!).replace("<v>424242</v>", "<v>12345678901234567891</v>"));
    const preview = await previewImport(w.adminA, "accounts", { name: "angka.xlsx", bytes: zipSync(files) });
    expect(preview.rows[0]).toMatchObject({ fate: "new", cells: { id_platform: "12345678901234567891" } });
  });
});

describe("export and template", () => {
  it("exports what the actor may import in the import's own columns, and imports back unchanged", async () => {
    const risky = await db.socialAccount.create({
      data: accountData({ unitId: w.units.polresA.id, platform: "INSTAGRAM", displayName: '=HYPERLINK("x")' }),
    });
    for (const format of ["csv", "xlsx"] as const) {
      const file = await exportSheet(w.adminA, "accounts", format);
      const preview = await previewImport(w.adminA, "accounts", { name: file.name, bytes: file.body });
      expect(preview.counts.unchanged).toBeGreaterThan(0);
      expect(preview.counts).toMatchObject({ new: 0, changed: 0, error: 0 });
      // Nothing of Polda B leaves in an export of Polda A.
      expect(preview.rows.some((r) => r.cells.kode_unit_pemilik === w.units.polresB.code)).toBe(false);
      const row = preview.rows.find((r) => r.cells.handle === risky.handle)!;
      expect(row.cells.nama_tampilan).toBe('=HYPERLINK("x")');
    }
    // The formula is written as text a spreadsheet does not run.
    const text = new TextDecoder().decode((await exportSheet(w.adminA, "accounts", "csv")).body);
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
    const sheet = await readXlsx(Buffer.from((await exportSheet(w.adminA, "accounts", "xlsx")).body));
    expect(sheet[0]!.data.flat()).toContain(`'=HYPERLINK("x")`);

    const units = await exportSheet(w.superadmin, "units", "xlsx");
    const back = await previewImport(w.superadmin, "units", { name: units.name, bytes: units.body });
    expect(back.counts).toMatchObject({ new: 0, changed: 0, error: 0 });
    expect(back.rows.find((r) => r.cells.kode_unit === w.units.root.code)!.cells.kode_induk).toBe("");
  });

  it("gives a template with the columns and no rows, to those who may import only", async () => {
    const template = await importTemplate(w.adminA, "accounts", "csv");
    expect(new TextDecoder("utf-8", { ignoreBOM: true }).decode(template.body)).toBe(
      `\uFEFF${accountHead.join(",")}\r\n`,
    );
    expect(await failure(importTemplate(w.leaderA, "accounts", "csv"))).toMatchObject({ code: "FORBIDDEN" });
    expect(await failure(exportSheet(w.adminA, "units", "csv"))).toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("hostile uploads", () => {
  const rows = [accountHead, ["X", "satu", "", "x-1", "", "KODE"]];

  it("refuses a file of the wrong type, whatever its name says", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect(await keysOf(previewImport(w.adminA, "accounts", { name: "data.csv", bytes: png }))).toEqual({
      file: "imports.file.wrongType",
    });
    expect(await keysOf(previewImport(w.adminA, "accounts", { ...csv(rows), name: "data.xlsx" }))).toEqual({
      file: "imports.file.wrongType",
    });
    expect(await keysOf(previewImport(w.adminA, "accounts", { ...csv(rows), name: "data.exe" }))).toEqual({
      file: "imports.file.wrongType",
    });
    const latin1 = new Uint8Array([...new TextEncoder().encode("platform,handle,kode_unit_pemilik\nX,"), 0xe9, 0x0a]);
    expect(await keysOf(previewImport(w.adminA, "accounts", { name: "a.csv", bytes: latin1 }))).toEqual({
      file: "imports.file.notUtf8",
    });
    const notZip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
    expect(await keysOf(previewImport(w.adminA, "accounts", { name: "a.xlsx", bytes: notZip }))).toEqual({
      file: "imports.file.unreadable",
    });
  });

  it("refuses a file too large, too many rows, or a workbook that unpacks to far more than it weighs", async () => {
    const huge = new Uint8Array(4 * 1024 * 1024 + 1).fill(0x41);
    expect(await keysOf(previewImport(w.adminA, "accounts", { name: "a.csv", bytes: huge }))).toEqual({
      file: "imports.file.tooLarge",
    });
    const many = [accountHead, ...Array.from({ length: 10_001 }, (_, i) => ["X", `h${i}`, "", "", "", "K"])];
    expect(await keysOf(previewImport(w.adminA, "accounts", csv(many)))).toEqual({ file: "imports.file.tooManyRows" });
    const bomb = zipSync({ "xl/worksheets/sheet1.xml": new Uint8Array(101 * 1024 * 1024) }, { level: 1 });
    expect(bomb.byteLength).toBeLessThan(4 * 1024 * 1024);
    expect(await keysOf(previewImport(w.adminA, "accounts", { name: "a.xlsx", bytes: bomb }))).toEqual({
      file: "imports.file.tooLarge",
    });
  });

  it("records a file name with a NUL byte or a lone surrogate without failing the import", async () => {
    const rows = [accountHead, ["X", w.handle("nama"), "", "x-nama", "", w.units.polresA.code]];
    const file = { ...csv(rows), name: "akun\u0000\uD800.csv" };
    const preview = await previewImport(w.adminA, "accounts", file);
    const done = await commitImport(w.adminA, "accounts", file, { planHash: preview.planHash });
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: done.importId! } });
    expect(audit.after).toMatchObject({ file: "akun.csv" });
  });

  it("names the columns a file lacks, and reads a CSV saved with semicolons", async () => {
    expect(
      await keysOf(
        previewImport(
          w.adminA,
          "accounts",
          csv([
            ["platform", "nama"],
            ["X", "y"],
          ]),
        ),
      ),
    ).toEqual({
      file: "imports.file.missingColumns",
    });
    const semi = new TextEncoder().encode(
      `platform;handle;id_platform;kode_unit_pemilik\r\nX;${w.handle("semi")};x-semi;${w.units.polresA.code}\r\n`,
    );
    const preview = await previewImport(w.adminA, "accounts", { name: "a.csv", bytes: semi });
    expect(preview.rows.map((r) => r.fate)).toEqual(["new"]);
  });
});
