import { randomUUID } from "node:crypto";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import type { InteractionCategory } from "@/generated/prisma/enums";
import type { SocialAccount, Role, Unit } from "@/generated/prisma/client";
import type { Actor } from "@/server/auth/actor";
import { db } from "@/server/db";
import { getDisposition } from "@/server/interactions/dispositions";
import { exportCitizen } from "@/server/interactions/export-citizen";
import { getInteraction } from "@/server/interactions/get-interaction";
import { rollupResponses } from "@/server/interactions/response-rollup";
import { anonymiseExpired, retentionDaysFor, updateRetention } from "@/server/interactions/retention";
import { subtreeViews } from "@/server/interactions/view-log";
import { DEFAULT_RETENTION_DAYS, FUNCTION_UNIT_KIND } from "@/lib/interactions";
import { createAccount } from "../../factories/accounts";
import { createUnit } from "../../factories/units";
import { actorWith, refusal } from "../../support/actors";

// Citizens' personal data (issue 16 item 7, UU 27/2022; decision 0011): only the subtree's Humas and the
// function an item was forwarded to see it; views of complaints and reports are logged; items past the
// organisation's keeping period are anonymised with their figures kept; one citizen's items are exported on
// request by the subtree's ADMIN or SUPERADMIN, audited without the citizen's words.

let root: Unit, polres: Unit, otherPolres: Unit, satreskrim: Unit, satlantas: Unit;
let acc: SocialAccount, otherAcc: SocialAccount;
const a: Record<string, Actor> = {};
const DAY = 86_400_000;

const actor = (unit: Unit, role: Role) => actorWith(unit.id, role);

async function item(
  account: SocialAccount,
  opts: { category?: InteractionCategory; handle?: string; daysAgo?: number; text?: string } = {},
) {
  const id = randomUUID();
  await db.interaction.create({
    data: {
      id,
      platform: account.platform,
      externalId: `pd_${id}`,
      accountId: account.id,
      unitId: account.unitId,
      kind: "COMMENT",
      authorExternalId: `uid_${opts.handle ?? "siti"}`,
      authorHandle: opts.handle ?? "Siti_Warga",
      authorName: "Siti Aminah",
      text: opts.text ?? "Motor saya hilang di depan pasar, mohon bantuan",
      receivedAt: new Date(Date.now() - (opts.daysAgo ?? 1) * DAY),
      category: opts.category ?? "PENGADUAN",
      state: "TRIAGED",
    },
  });
  return id;
}

async function forward(interactionId: string, to: Unit) {
  const id = randomUUID();
  await db.disposition.create({
    data: {
      id,
      interactionId,
      fromUnitId: polres.id,
      toUnitId: to.id,
      createdById: a.admin!.id,
      note: "Mohon dicek, pelapor Siti Aminah",
      deadlineAt: new Date(Date.now() + DAY),
      // Answered already: other files' escalation runs (which look at every open disposition) leave it alone.
      answer: "Sudah kami tangani bersama pelapor.",
      answeredAt: new Date(),
    },
  });
  return id;
}

beforeAll(async () => {
  root = await createUnit(db, { name: "Polda Data Pribadi", kind: "Polda" });
  polres = await createUnit(db, { name: "Polres Data Pribadi", kind: "Polres", parent: root });
  otherPolres = await createUnit(db, { name: "Polres Tetangga", kind: "Polres", parent: root });
  satreskrim = await createUnit(db, { name: "Satreskrim DP", kind: FUNCTION_UNIT_KIND, parent: polres });
  satlantas = await createUnit(db, { name: "Satlantas DP", kind: FUNCTION_UNIT_KIND, parent: polres });
  acc = await createAccount(db, { unitId: polres.id, platform: "INSTAGRAM" });
  otherAcc = await createAccount(db, { unitId: otherPolres.id, platform: "INSTAGRAM" });
  a.admin = await actor(polres, "ADMIN");
  a.supervisor = await actor(polres, "SUPERVISOR");
  a.rootSupervisor = await actor(root, "SUPERVISOR");
  a.otherAdmin = await actor(otherPolres, "ADMIN");
  a.leadership = await actor(root, "LEADERSHIP");
  a.superadmin = await actor(root, "SUPERADMIN");
  a.reskrim = await actor(satreskrim, "RESPONDER");
  a.lantas = await actor(satlantas, "RESPONDER");
});

describe("who sees an item", () => {
  it("is the subtree's Humas and the function it was forwarded to, nobody else", async () => {
    const id = await item(acc);
    const dispositionId = await forward(id, satreskrim);
    expect((await getInteraction(a.admin!, id)).item.id).toBe(id);
    expect((await getInteraction(a.supervisor!, id)).item.id).toBe(id);
    for (const who of [a.otherAdmin!, a.leadership!, a.superadmin!, a.reskrim!])
      expect((await refusal(() => getInteraction(who, id))).code).toBe("FORBIDDEN");
    expect((await getDisposition(a.reskrim!, dispositionId)).disposition.id).toBe(dispositionId);
    expect((await refusal(() => getDisposition(a.lantas!, dispositionId))).code).toBe("FORBIDDEN");
    expect((await refusal(() => getDisposition(a.otherAdmin!, dispositionId))).code).toBe("FORBIDDEN");
  });
});

describe("views of complaints and reports", () => {
  it("are logged with who and when, also the function's; other categories are not", async () => {
    const complaint = await item(acc, { category: "PENGADUAN" });
    const report = await item(acc, { category: "LAPORAN_INFORMASI" });
    const question = await item(acc, { category: "PERTANYAAN" });
    const dispositionId = await forward(complaint, satreskrim);
    const before = new Date();
    await getInteraction(a.admin!, complaint);
    await getInteraction(a.supervisor!, report);
    await getInteraction(a.admin!, question);
    await getDisposition(a.reskrim!, dispositionId);
    // Refused views leave nothing.
    await refusal(() => getInteraction(a.otherAdmin!, complaint));
    const rows = await db.interactionView.findMany({
      where: { interactionId: { in: [complaint, report, question] } },
      orderBy: { id: "asc" },
    });
    expect(rows.map((r) => [r.interactionId, r.userId])).toEqual([
      [complaint, a.admin!.id],
      [report, a.supervisor!.id],
      [complaint, a.reskrim!.id],
    ]);
    expect(rows.every((r) => r.viewedAt >= before && r.unitId === polres.id)).toBe(true);

    // The ADMIN sees the log on the item's page; the SUPERVISOR, who views items too, does not read it.
    const page = await getInteraction(a.admin!, complaint);
    expect(page.views!.map((v) => v.user.name).sort()).toEqual([a.admin!.name, a.admin!.name, a.reskrim!.name].sort());
    expect((await getInteraction(a.supervisor!, complaint)).views).toBeNull();
    // The SUPERADMIN, who never reads the messages, sees the log of the organisation, without links.
    const log = await subtreeViews(a.superadmin!);
    expect(log.filter((v) => v.interactionId === complaint).length).toBeGreaterThanOrEqual(3);
    expect(log.every((v) => !v.canOpen)).toBe(true);
    expect((await subtreeViews(a.otherAdmin!)).filter((v) => v.interactionId === complaint)).toEqual([]);
  });
});

describe("the keeping period", () => {
  it("is set per organisation by its root's SUPERVISOR or SUPERADMIN, audited; refused to others", async () => {
    expect(await retentionDaysFor(polres)).toBe(DEFAULT_RETENTION_DAYS);
    expect((await refusal(() => updateRetention(a.supervisor!, { rootUnitId: root.id, days: 90 }))).code).toBe(
      "FORBIDDEN",
    );
    expect((await refusal(() => updateRetention(a.admin!, { rootUnitId: root.id, days: 90 }))).code).toBe("FORBIDDEN");
    const tooShort = await updateRetention(a.rootSupervisor!, { rootUnitId: root.id, days: 5 }).catch((e) => e);
    expect(tooShort).toBeInstanceOf(ZodError);
    expect((tooShort as ZodError).issues[0]!.message).toBe("retentionDaysInvalid");
    expect(await retentionDaysFor(polres)).toBe(DEFAULT_RETENTION_DAYS);
    await updateRetention(a.rootSupervisor!, { rootUnitId: root.id, days: 30 });
    expect(await retentionDaysFor(polres)).toBe(30);
    const entry = await db.auditLog.findFirstOrThrow({
      where: { action: "settings.interactionRetention", entityId: root.id },
    });
    expect(entry).toMatchObject({ actorId: a.rootSupervisor!.id, before: { days: 730 }, after: { days: 30 } });
  });

  it("ends in anonymisation by the daily job: who and what is gone, the figures stay, once", async () => {
    const old = await item(acc, { daysAgo: 40, category: "PERTANYAAN" });
    const young = await item(acc, { daysAgo: 10, category: "PERTANYAAN" });
    const dispositionId = await forward(old, satreskrim);
    await db.interaction.update({
      where: { id: old },
      data: { state: "REPLIED", firstReplyAt: new Date(Date.now() - 39 * DAY) },
    });
    await rollupResponses({ rebuild: true });
    const figures = async () =>
      (await db.accountDailyResponse.findMany({ where: { accountId: acc.id }, orderBy: { day: "asc" } })).map((r) => [
        r.day,
        r.due,
        r.onTime,
        r.replied,
        r.replySeconds,
      ]);
    const before = await figures();

    const first = await anonymiseExpired();
    expect(first.anonymised).toBeGreaterThanOrEqual(1);
    const gone = await db.interaction.findUniqueOrThrow({ where: { id: old } });
    expect(gone).toMatchObject({ authorName: null, authorHandle: null, authorExternalId: null, text: "" });
    expect(gone.anonymisedAt).not.toBeNull();
    expect(gone).toMatchObject({ state: "REPLIED", category: "PERTANYAAN", externalId: `pd_${old}` });
    expect((await db.disposition.findUniqueOrThrow({ where: { id: dispositionId } })).note).toBe("");
    expect((await db.interaction.findUniqueOrThrow({ where: { id: young } })).authorName).toBe("Siti Aminah");
    // The admin's page says so instead of showing an empty message.
    expect((await getInteraction(a.admin!, old)).item.anonymisedAt).not.toBeNull();

    await rollupResponses({ rebuild: true });
    expect(await figures()).toEqual(before);
    expect((await anonymiseExpired()).anonymised).toBe(0);
    const audit = await db.auditLog.findMany({ where: { action: "interaction.anonymise", entityId: root.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: null, after: { days: 30 } });
    expect(JSON.stringify(audit[0]!.after)).not.toContain("Siti");
  });
});

describe("one citizen's export on request", () => {
  it("gives the ADMIN of the subtree every item of that handle in it, as CSV or JSON, audited without the words", async () => {
    const handle = `Budi_${Date.now()}`;
    const mine = [
      await item(acc, { handle, text: '=HYPERLINK("x") lampu jalan mati' }),
      await item(acc, { handle: handle.toLowerCase(), text: "Terima kasih" }),
    ];
    await item(otherAcc, { handle, text: "Di polres lain" });
    await item(acc, { handle: "orang_lain", text: "Bukan dia" });
    const csv = await exportCitizen(a.admin!, { unitId: polres.id, by: "handle", value: `@${handle}`, format: "csv" });
    expect(csv).toMatchObject({ count: 2, mime: "text/csv" });
    expect(csv.filename).toMatch(/^interaksi-warga_[0-9a-f]{10}_\d{4}-\d{2}-\d{2}\.csv$/);
    expect(csv.filename).not.toContain(handle);
    const rows = Papa.parse<Record<string, string>>(csv.content.replace(/^\uFEFF/, ""), {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(rows.map((r) => r.id).sort()).toEqual([...mine].sort());
    expect(rows.find((r) => r.id === mine[0])!.text).toBe('\'=HYPERLINK("x") lampu jalan mati');

    const json = await exportCitizen(a.superadmin!, {
      unitId: root.id,
      by: "authorId",
      value: `uid_${handle}`,
      format: "json",
    });
    const parsed = JSON.parse(json.content) as { items: { text: string; unit: string }[] };
    // From the root: the other Polres's item too (same platform id).
    expect(parsed.items.map((i) => i.text).sort()).toEqual(['=HYPERLINK("x") lampu jalan mati', "Di polres lain"]);

    const audit = await db.auditLog.findMany({
      where: { action: "interaction.export", actorId: { in: [a.admin!.id, a.superadmin!.id] } },
      orderBy: { id: "asc" },
    });
    expect(audit.map((e) => (e.after as { count: number }).count)).toEqual([2, 2]);
    expect(JSON.stringify(audit.map((e) => e.after))).not.toContain(handle);
  });

  it("is refused to SUPERVISOR, LEADERSHIP, a responder and the ADMIN of another subtree; nothing audited", async () => {
    const input = { unitId: polres.id, by: "handle", value: "Siti_Warga", format: "csv" };
    for (const who of [a.supervisor!, a.leadership!, a.reskrim!, a.otherAdmin!])
      expect((await refusal(() => exportCitizen(who, input))).code).toBe("FORBIDDEN");
    expect(
      await db.auditLog.count({
        where: {
          action: "interaction.export",
          actorId: { in: [a.supervisor!.id, a.leadership!.id, a.reskrim!.id, a.otherAdmin!.id] },
        },
      }),
    ).toBe(0);
    const bad = await exportCitizen(a.admin!, { ...input, value: "  " }).catch((e) => e);
    expect(bad).toBeInstanceOf(ZodError);
  });
});
