import { describe, expect, it } from "vitest";
import { planAccounts, type AccountsState, type StoredAccount } from "@/server/imports/plan-accounts";
import { planUnits, type StoredUnit } from "@/server/imports/plan-units";
import { fromSheetCell, toSheetCell } from "@/server/imports/sheet-cells";

// The import's planners are pure (decision 0013): rows and stored state in, each row's fate out.
const sheet = (columns: string[], rows: string[][]) =>
  rows.map((r, i) => ({ line: i + 2, cells: Object.fromEntries(columns.map((c, j) => [c, r[j] ?? ""])) }));
const unitCols = ["kode_unit", "kode_induk", "nama", "jenis", "zona_waktu"];
const accountCols = ["platform", "handle", "nama_tampilan", "id_platform", "url_profil", "kode_unit_pemilik"];

const root: StoredUnit = {
  id: "r",
  code: "MABES",
  name: "Mabes",
  kind: "Mabes",
  timeZone: "Asia/Jakarta",
  parentCode: null,
  path: "/r/",
  depth: 0,
};
const other: StoredUnit = { ...root, id: "o", code: "LAIN", name: "Lain", path: "/o/" };
const units = new Map([
  ["MABES", root],
  ["LAIN", other],
]);
const inMabes = (path: string) => path.startsWith("/r/");

describe("planning units", () => {
  it("places new units below new units whatever their order, and a root's own row is unchanged", () => {
    const plan = planUnits(
      sheet(unitCols, [
        ["pr-1", "pd-1", "Polres", "Polres", "wita"],
        ["PD-1", "MABES", "Polda", "Polda", "Asia/Makassar"],
        ["MABES", "", "Mabes", "Mabes", "WIB"],
      ]),
      units,
      inMabes,
    );
    expect(plan.rows.map((r) => r.fate)).toEqual(["new", "new", "unchanged"]);
    expect(plan.rows[0]!.data).toEqual({
      code: "PR-1",
      name: "Polres",
      kind: "Polres",
      timeZone: "Asia/Makassar",
      parentCode: "PD-1",
    });
  });

  it("refuses a unit below another subtree, and tells a child its parent row is wrong", () => {
    const plan = planUnits(
      sheet(unitCols, [
        ["PD-2", "LAIN", "Polda", "Polda", "WIB"],
        ["PR-2", "PD-2", "Polres", "Polres", "WIB"],
        ["PD-3", "MABES", "Polda", "Polda", "WIB"],
        ["PR-3", "PD-3", "", "Polres", "WIB"],
      ]),
      units,
      inMabes,
    );
    expect(plan.rows.map((r) => r.errors)).toEqual([
      { kode_induk: "imports.cell.parentOutside" },
      { kode_induk: { key: "imports.cell.parentRowError", params: { line: 2 } } },
      {},
      { nama: "unitNameRequired" },
    ]);
    expect(plan.counts).toEqual({ new: 1, changed: 0, unchanged: 0, error: 3 });
  });

  it("gives another hash when the stored state changes, so a stale preview is caught", () => {
    const rows = sheet(unitCols, [["PD-4", "MABES", "Polda", "Polda", "WIB"]]);
    const before = planUnits(rows, units, inMabes).hash;
    expect(planUnits(rows, units, inMabes).hash).toBe(before);
    const taken = new Map(units).set("PD-4", { ...root, id: "x", code: "PD-4", parentCode: "MABES", path: "/r/x/" });
    expect(planUnits(rows, taken, inMabes).hash).not.toBe(before);
  });
});

describe("planning accounts", () => {
  const stored: StoredAccount = {
    id: "a1",
    platform: "INSTAGRAM",
    handle: "humas",
    displayName: "Humas",
    platformAccountId: "ig-1",
    profileUrl: "https://www.instagram.com/humas",
    unitId: "r",
    unitCode: "MABES",
    unitPath: "/r/",
  };
  const state: AccountsState = {
    units: new Map([
      ["MABES", { id: "r", code: "MABES", path: "/r/" }],
      ["LAIN", { id: "o", code: "LAIN", path: "/o/" }],
    ]),
    accounts: new Map([["INSTAGRAM:humas", stored]]),
    platformIds: new Map([["INSTAGRAM:ig-1", "a1"]]),
  };

  it("keeps what is stored for empty cells, sees a repeated handle however it is written, and rechecks a new link", () => {
    const plan = planAccounts(
      sheet(accountCols, [
        ["instagram", "@HUMAS", "", "", "", "MABES"],
        ["Instagram", "humas", "", "", "", "MABES"],
        ["IG?", "baru", "", "", "", "MABES"],
        ["Instagram", "humas2", "", "ig-1", "", "MABES"],
      ]),
      state,
      inMabes,
      inMabes,
    );
    expect(plan.rows.map((r) => r.fate)).toEqual(["unchanged", "error", "error", "error"]);
    expect(plan.rows[1]!.errors).toEqual({ handle: { key: "imports.cell.duplicateInFile", params: { line: 2 } } });
    // A row that fails its cells' checks is not compared with what is stored.
    expect(plan.rows[2]!.errors).toEqual({ platform: "platformUnknown" });
    expect(plan.rows[3]!.errors).toEqual({ id_platform: "platformAccountIdTaken" });

    const relinked = planAccounts(
      sheet(accountCols, [["INSTAGRAM", "humas", "", "", "https://www.instagram.com/humas.resmi", "MABES"]]),
      state,
      inMabes,
      inMabes,
    );
    expect(relinked.rows[0]).toMatchObject({ fate: "changed", changed: ["url_profil"], data: { recheck: true } });
  });

  it("refuses an owner outside the subtree with the same words as an unknown one", () => {
    const plan = planAccounts(
      sheet(accountCols, [
        ["X", "a", "", "x-a", "", "LAIN"],
        ["X", "b", "", "x-b", "", "TIDAK-ADA"],
      ]),
      state,
      inMabes,
      inMabes,
    );
    expect(plan.rows.map((r) => r.errors)).toEqual([
      { kode_unit_pemilik: "imports.cell.ownerOutside" },
      { kode_unit_pemilik: "imports.cell.ownerOutside" },
    ]);
  });
});

describe("cells crossing to a spreadsheet", () => {
  it("disarm a formula on the way out and give it back unchanged on the way in", () => {
    for (const text of ["=SUM(A1)", "+62 811", "-abc", "@humas", "biasa", "'kutip"]) {
      expect(fromSheetCell(toSheetCell(text))).toBe(text);
    }
    expect(toSheetCell("=1+1")).toBe("'=1+1");
    expect(fromSheetCell(12345)).toBe("12345");
    expect(fromSheetCell(null)).toBe("");
  });
});
