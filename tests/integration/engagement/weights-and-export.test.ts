import { beforeAll, describe, expect, it } from "vitest";
import Papa from "papaparse";
import { ZodError } from "zod";
import type { Unit } from "@/generated/prisma/client";
import { loadActor, type Actor } from "@/server/auth/guards";
import { db } from "@/server/db";
import { syncOutcomes } from "@/server/engagement/record-outcome";
import { boardToCsv } from "@/server/leaderboard/export-csv";
import { loadBoard } from "@/server/leaderboard/load-board";
import { getWeights, updateWeights } from "@/server/leaderboard/weights";
import { defaultWeights } from "@/lib/activity-index";
import { createUser } from "../../factories/users";
import { account, at, createTree, target } from "./world";

let root: Unit;
let tree: Awaited<ReturnType<typeof createTree>>;
let superadmin: Actor;
let leadership: Actor;

beforeAll(async () => {
  tree = await createTree(2, "Polres Bobot");
  root = tree.root;
  superadmin = (await loadActor(
    (await createUser(db, { memberships: [{ unitId: root.id, role: "SUPERADMIN" }] })).id,
  ))!;
  leadership = (await loadActor(
    (await createUser(db, { memberships: [{ unitId: root.id, role: "LEADERSHIP" }] })).id,
  ))!;
  const acc = await account(tree.children[0]!, "X", 800);
  await target(tree.author, acc, { scheduledAt: at("2026-10-05T01:00:00Z") });
  await account(tree.children[1]!, "X", 500);
  await syncOutcomes(db, { now: at("2026-10-06T00:00:00Z"), accountIds: [acc.id] });
});

describe("index weights", () => {
  it("are changed by SUPERADMIN over the root, as a new row and an audit entry with before and after", async () => {
    const weights = {
      activity: 30,
      consistency: 20,
      engagement: 20,
      engagementRate: 10,
      reliability: 10,
      responsiveness: 10,
    };
    await updateWeights(superadmin, { rootUnitId: root.id, ...weights });
    expect((await getWeights(root)).weights).toEqual(weights);
    const entry = await db.auditLog.findFirst({
      where: { action: "weights.update", actorId: superadmin.id },
      orderBy: { id: "desc" },
    });
    expect(entry?.after).toEqual(weights);
    expect(entry?.before).toMatchObject({ activity: expect.any(Number) });
    // The entry belongs to the organisation, so its own audit readers see it.
    expect(entry?.unitId).toBe(root.id);
  });

  it("belong to one organisation: its boards use them, another organisation's boards keep their own", async () => {
    const other = await createTree(2, "Polres Bobot Lain");
    const mine = {
      activity: 50,
      consistency: 10,
      engagement: 10,
      engagementRate: 10,
      reliability: 10,
      responsiveness: 10,
    };
    await updateWeights(superadmin, { rootUnitId: root.id, ...mine });
    const board = await loadBoard(leadership, { period: "30", view: "units", parent: root.id });
    expect(board.weights.weights).toEqual(mine);
    expect(board.weights.rootUnitId).toBe(root.id);
    // A child's board and the other organisation's: the child uses its root's, the other root the defaults.
    expect((await getWeights(tree.children[0]!)).weights).toEqual(mine);
    expect((await getWeights(other.root)).weights).toEqual(defaultWeights);
    expect((await getWeights(other.root)).isDefault).toBe(true);
  });

  it("are refused to a SUPERADMIN of another organisation, and of a unit below the root; nothing is written", async () => {
    const other = await createTree(1, "Polda Bobot Asing");
    const foreign = (await loadActor(
      (await createUser(db, { memberships: [{ unitId: other.root.id, role: "SUPERADMIN" }] })).id,
    ))!;
    const below = (await loadActor(
      (await createUser(db, { memberships: [{ unitId: tree.children[0]!.id, role: "SUPERADMIN" }] })).id,
    ))!;
    const before = await db.scoreWeights.count({ where: { rootUnitId: root.id } });
    const change = {
      rootUnitId: root.id,
      activity: 100,
      consistency: 0,
      engagement: 0,
      engagementRate: 0,
      reliability: 0,
      responsiveness: 0,
    };
    await expect(updateWeights(foreign, change)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(updateWeights(below, change)).rejects.toMatchObject({ code: "FORBIDDEN" });
    // A unit that is no root has no weights of its own.
    await expect(updateWeights(superadmin, { ...change, rootUnitId: tree.children[0]!.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await db.scoreWeights.count({ where: { rootUnitId: root.id } })).toBe(before);
    expect(
      await db.auditLog.count({ where: { action: "weights.update", actorId: { in: [foreign.id, below.id] } } }),
    ).toBe(0);
    // The foreign SUPERADMIN still sets their own organisation's weights.
    await updateWeights(foreign, { ...change, rootUnitId: other.root.id });
    expect((await getWeights(other.root)).weights.activity).toBe(100);
    expect((await getWeights(root)).weights.activity).not.toBe(100);
  });

  it("are refused to LEADERSHIP on the server, and nothing is written", async () => {
    const rowsBefore = await db.scoreWeights.count({ where: { rootUnitId: root.id } });
    await expect(
      updateWeights(leadership, {
        rootUnitId: root.id,
        activity: 100,
        consistency: 0,
        engagement: 0,
        engagementRate: 0,
        reliability: 0,
        responsiveness: 0,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db.scoreWeights.count({ where: { rootUnitId: root.id } })).toBe(rowsBefore);
    expect(await db.auditLog.count({ where: { action: "weights.update", actorId: leadership.id } })).toBe(0);
  });

  it("must be whole numbers adding up to 100", async () => {
    const err = await updateWeights(superadmin, {
      rootUnitId: root.id,
      activity: 50,
      consistency: 20,
      engagement: 20,
      engagementRate: 20,
      reliability: 20,
      responsiveness: 0,
    }).catch((e) => e);
    expect(err).toBeInstanceOf(ZodError);
    expect((err as ZodError).issues[0]!.message).toBe("engagement.weightsSum");
  });
});

describe("the CSV export", () => {
  it("has one line per unit with its rank, score, each component and its percentile, safe for spreadsheets", async () => {
    const board = await loadBoard(leadership, {
      period: "custom",
      from: "2026-10-01",
      to: "2026-10-30",
      view: "units",
      parent: root.id,
    });
    const labels = {
      rank: "Peringkat",
      previousRank: "Peringkat sebelumnya",
      name: "Unit",
      code: "Kode",
      platform: "Platform",
      unit: "Unit",
      score: "Skor",
      accounts: "Akun",
      dormant: "Dorman",
      published: "Terbit",
      onTime: "Tepat waktu",
      failed: "Gagal",
      interactions: "Interaksi",
      followers: "Pengikut",
      components: {
        activity: "Aktivitas",
        consistency: "Konsistensi",
        engagement: "Keterlibatan",
        engagementRate: "Tingkat keterlibatan",
        reliability: "Keandalan",
        responsiveness: "Responsivitas",
      },
      percentile: (c: string) => `${c} (persentil)`,
      platformName: (p: string) => (p === "FACEBOOK_PAGE" ? "Facebook" : p),
    };
    const read = (csv: string, delimiter: string) =>
      Papa.parse<string[]>(csv.replace(/^\uFEFF/, ""), { delimiter, skipEmptyLines: true }).data;
    // Indonesian Excel: ";" between cells, a decimal comma, percentages as on screen.
    const [head, first, second, ...more] = read(boardToCsv(board.rows, "unit", labels, "id"), ";");
    expect(head!.join(";")).toBe(
      "Peringkat;Peringkat sebelumnya;Unit;Kode;Skor;Aktivitas;Aktivitas (persentil);Konsistensi;Konsistensi (persentil);Keterlibatan;Keterlibatan (persentil);Tingkat keterlibatan;Tingkat keterlibatan (persentil);Keandalan;Keandalan (persentil);Responsivitas;Responsivitas (persentil);Akun;Dorman;Terbit;Tepat waktu;Gagal;Interaksi;Pengikut",
    );
    expect(more).toHaveLength(0);
    expect(first![2]).toBe("Polres Bobot A");
    expect(first![0]).toBe("1");
    expect(first![5]).toBe("1,0"); // one post per account, as the board shows it
    expect(first![6]).toBe("100");
    expect(first![13]).toBe("100%");
    expect(second![2]).toBe("Polres Bobot B");
    expect(second![5]).toBe("0,0");
    // Read back the way a spreadsheet in Indonesian does, every number is the board's.
    const idNumber = (cell: string) => Number(cell.replace("%", "").replace(",", "."));
    const a = board.rows[0]!;
    expect(idNumber(first![4]!)).toBe(Math.round(a.score * 10) / 10);
    expect(idNumber(first![5]!)).toBe(Math.round(a.values.activity! * 10) / 10);
    expect(idNumber(first![13]!) / 100).toBe(Math.round(a.values.reliability! * 100) / 100);

    // English keeps comma and point.
    const [enHead, enFirst] = read(boardToCsv(board.rows, "unit", labels, "en"), ",");
    expect(enHead).toHaveLength(head!.length);
    expect(enFirst![5]).toBe("1.0");
    expect(Number(enFirst![4])).toBe(Math.round(a.score * 10) / 10);

    expect(boardToCsv([{ ...board.rows[0]!, name: '=HYPERLINK("x")' }], "unit", labels)).toContain(
      `"'=HYPERLINK(""x"")"`,
    );
  });
});
