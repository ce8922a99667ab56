import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import type { Prisma, SocialAccount, Role, Unit } from "@/generated/prisma/client";
import type { Actor } from "@/server/auth/actor";
import { db } from "@/server/db";
import { updateDeadlineHours } from "@/server/interactions/deadlines";
import {
  answerDisposition,
  askClarification,
  forwardInteraction,
  getDisposition,
  listDispositions,
  replyClarification,
} from "@/server/interactions/dispositions";
import { localDay } from "@/server/engagement/days";
import { dispositionFigures } from "@/server/interactions/disposition-figures";
import { escalateOverdue } from "@/server/interactions/escalate";
import { getInteraction } from "@/server/interactions/get-interaction";
import { INBOX_PAGE_SIZE, listInbox, loadInboxOptions } from "@/server/interactions/list-inbox";
import { assignInteraction, closeInteraction, triageInteraction } from "@/server/interactions/triage";
import { savePost } from "@/server/posts/save-post";
import { FUNCTION_UNIT_KIND } from "@/lib/interactions";
import { createAccount } from "../../factories/accounts";
import { createUnit } from "../../factories/units";
import { actorWith, refusal } from "../../support/actors";

// The inbox and disposisi of issue 16 (items 3 and 4), decided on the server: who sees which items, the
// keyset pages, the filters, triage, forwarding with the organisation's deadline, the function's answer and
// clarification, and the escalation of what stays unanswered past its deadline.

let root: Unit, polda: Unit, polres: Unit, otherPolda: Unit, ditlantas: Unit, satlantas: Unit, otherFn: Unit;
let poldaIg: SocialAccount, polresX: SocialAccount, otherFb: SocialAccount;
const actors: Record<string, Actor> = {};

const actor = (unit: Unit, role: Role) => actorWith(unit.id, role);

const base = Date.parse("2026-11-01T00:00:00Z");
function item(account: SocialAccount, n: number, extra: Partial<Prisma.InteractionCreateManyInput> = {}) {
  return {
    id: randomUUID(),
    platform: account.platform,
    externalId: `it_${randomUUID()}`,
    accountId: account.id,
    unitId: account.unitId,
    kind: "COMMENT" as const,
    authorExternalId: `warga_${n % 7}`,
    authorHandle: `warga${n % 7}`,
    authorName: `Warga ${n % 7}`,
    text: `Pertanyaan nomor ${n} tentang SIM`,
    externalParentId: `post_${n % 3}`,
    receivedAt: new Date(base + n * 60_000),
    ...extra,
  };
}

beforeAll(async () => {
  root = await createUnit(db, { name: "Mabes Kotak Masuk", kind: "Mabes" });
  polda = await createUnit(db, { name: "Polda Kotak Masuk", kind: "Polda", parent: root, timeZone: "Asia/Makassar" });
  polres = await createUnit(db, { name: "Polres Kotak Masuk", kind: "Polres", parent: polda });
  otherPolda = await createUnit(db, { name: "Polda Lain Kotak", kind: "Polda", parent: root });
  ditlantas = await createUnit(db, { name: "Ditlantas Kotak", kind: FUNCTION_UNIT_KIND, parent: polda });
  satlantas = await createUnit(db, { name: "Satlantas Kotak", kind: FUNCTION_UNIT_KIND, parent: polres });
  otherFn = await createUnit(db, { name: "Ditlantas Lain", kind: FUNCTION_UNIT_KIND, parent: otherPolda });
  poldaIg = await createAccount(db, { unitId: polda.id, platform: "INSTAGRAM" });
  polresX = await createAccount(db, { unitId: polres.id, platform: "X" });
  otherFb = await createAccount(db, { unitId: otherPolda.id, platform: "FACEBOOK_PAGE" });
  await createAccount(db, { unitId: polda.id, platform: "TIKTOK", handle: "poldakotak_tiktok" });
  actors.adminPolda = await actor(polda, "ADMIN");
  actors.supervisorPolda = await actor(polda, "SUPERVISOR");
  actors.adminPolres = await actor(polres, "ADMIN");
  actors.adminOther = await actor(otherPolda, "ADMIN");
  actors.leadership = await actor(polda, "LEADERSHIP");
  actors.superadmin = await actor(root, "SUPERADMIN");
  actors.ditlantas = await actor(ditlantas, "RESPONDER");
  actors.satlantas = await actor(satlantas, "RESPONDER");
  await db.interaction.createMany({
    data: [
      ...Array.from({ length: 60 }, (_, n) => item(poldaIg, n)),
      ...Array.from({ length: 10 }, (_, n) => item(polresX, 100 + n, { text: `Lampu lalu lintas mati ${n}` })),
      ...Array.from({ length: 5 }, (_, n) => item(otherFb, 200 + n, { text: `Rahasia Polda lain ${n}` })),
    ],
  });
});

describe("the inbox", () => {
  it("shows the subtree's Humas their subtree's items, newest first, a page at a time, each item once", async () => {
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await listInbox(actors.adminPolda!, { after });
      expect(page.items.length).toBeLessThanOrEqual(INBOX_PAGE_SIZE);
      seen.push(...page.items.map((i) => i.id));
      const times = page.items.map((i) => i.receivedAt.getTime());
      expect(times).toEqual([...times].sort((a, b) => b - a));
      after = page.next ?? undefined;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(70);
    expect(new Set(seen).size).toBe(70);
    const other = await db.interaction.findMany({ where: { accountId: otherFb.id }, select: { id: true } });
    expect(seen.filter((id) => other.some((o) => o.id === id))).toEqual([]);
  });

  it("gives a Polres's Humas only the Polres, oldest first on request", async () => {
    const page = await listInbox(actors.adminPolres!, { order: "oldest" });
    expect(page.items).toHaveLength(10);
    expect(page.items[0]!.text).toBe("Lampu lalu lintas mati 0");
  });

  it("filters by account, platform, search and category", async () => {
    expect((await listInbox(actors.adminPolda!, { accountId: polresX.id })).items).toHaveLength(10);
    expect((await listInbox(actors.adminPolda!, { platform: "X" })).items).toHaveLength(10);
    expect((await listInbox(actors.adminPolda!, { q: "LAMPU lalu" })).items).toHaveLength(10);
    expect((await listInbox(actors.adminPolda!, { q: "nomor 42 " })).items.map((i) => i.text)).toEqual([
      "Pertanyaan nomor 42 tentang SIM",
    ]);
    expect((await listInbox(actors.adminPolda!, { category: "PENGADUAN" })).items).toHaveLength(0);
  });

  it("refuses a unit outside the subtree, and refuses leadership, SUPERADMIN and responders the messages", async () => {
    expect((await refusal(() => listInbox(actors.adminPolres!, { unitId: polda.id }))).code).toBe("FORBIDDEN");
    for (const who of ["leadership", "superadmin", "ditlantas"]) {
      expect((await refusal(() => listInbox(actors[who]!, {}))).code, who).toBe("FORBIDDEN");
    }
    const one = await db.interaction.findFirstOrThrow({ where: { accountId: otherFb.id } });
    expect((await refusal(() => getInteraction(actors.adminPolda!, one.id))).code).toBe("FORBIDDEN");
  });

  it("names the accounts whose platform gives no API to read the public, instead of an empty inbox", async () => {
    const options = await loadInboxOptions(actors.adminPolda!, polda.path);
    expect(options.unreadable.map((a) => a.handle)).toEqual(["poldakotak_tiktok"]);
    expect(options.accounts.map((a) => a.platform).sort()).toEqual(["INSTAGRAM", "X"]);
    // How the readable ones arrive is said too: without Meta's webhook Instagram is read by polling (no messages).
    expect(options.arrivals).toEqual(
      expect.arrayContaining([
        { platform: "INSTAGRAM", arrival: "metaPolled", count: 1 },
        { platform: "X", arrival: "xPolled", count: 1 },
      ]),
    );
    expect(options.reconnect).toEqual([]);
    expect(options.functions.map((f) => f.name)).toEqual(["Ditlantas Kotak", "Satlantas Kotak"]);
  });

  it("shows an item with the conversation around it (the same post's comments)", async () => {
    const target = await db.interaction.findFirstOrThrow({ where: { text: "Pertanyaan nomor 30 tentang SIM" } });
    const loaded = await getInteraction(actors.adminPolda!, target.id);
    const around = [...loaded.conversation.before, ...loaded.conversation.after].map((c) => c.text);
    expect(around).toContain("Pertanyaan nomor 27 tentang SIM");
    expect(around).toContain("Pertanyaan nomor 33 tentang SIM");
    expect(around).not.toContain("Pertanyaan nomor 31 tentang SIM");
    expect(loaded.functions.map((f) => f.name)).toEqual(["Ditlantas Kotak", "Satlantas Kotak"]);
  });
});

describe("triage and disposisi", () => {
  it("categorises, assigns and forwards with the organisation's deadline; the function answers; escalation spares it", async () => {
    const target = await db.interaction.findFirstOrThrow({ where: { text: "Pertanyaan nomor 5 tentang SIM" } });
    // Another Polda's Humas: refused, nothing changed.
    expect(
      (await refusal(() => triageInteraction(actors.adminOther!, { interactionId: target.id, category: "SPAM" }))).code,
    ).toBe("FORBIDDEN");
    // Forwarding before a category: the deadline follows the category.
    const early = await refusal(() =>
      forwardInteraction(actors.adminPolda!, { interactionId: target.id, toUnitId: ditlantas.id }),
    );
    expect(early.fieldErrors).toEqual({ category: "categoryFirst" });

    await triageInteraction(actors.adminPolda!, { interactionId: target.id, category: "PERTANYAAN", urgent: false });
    expect(await db.interaction.findUniqueOrThrow({ where: { id: target.id } })).toMatchObject({
      category: "PERTANYAAN",
      state: "TRIAGED",
    });
    await assignInteraction(actors.adminPolda!, { interactionId: target.id, assigneeId: actors.supervisorPolda!.id });
    const notHumas = await refusal(() =>
      assignInteraction(actors.adminPolda!, { interactionId: target.id, assigneeId: actors.ditlantas!.id }),
    );
    expect(notHumas.fieldErrors).toEqual({ assigneeId: "assigneeNotEligible" });

    // The organisation sets Pertanyaan to 12 hours (its SUPERADMIN); a Polda's SUPERVISOR is not its root.
    const hours = { PERTANYAAN: 12, PENGADUAN: 24, KRITIK_SARAN: 72, LAPORAN_INFORMASI: 24, APRESIASI: 72, SPAM: 72 };
    expect(
      (await refusal(() => updateDeadlineHours(actors.supervisorPolda!, { rootUnitId: root.id, hours }))).code,
    ).toBe("FORBIDDEN");
    await updateDeadlineHours(actors.superadmin!, { rootUnitId: root.id, hours });

    // A function of another Polda, and a unit that is no function: refused with the field's message.
    for (const toUnitId of [otherFn.id, polres.id]) {
      const e = await refusal(() => forwardInteraction(actors.adminPolda!, { interactionId: target.id, toUnitId }));
      expect(e.fieldErrors).toEqual({ toUnitId: "functionOutsideScope" });
    }
    const before = Date.now();
    const { dispositionId, deadlineAt } = await forwardInteraction(actors.adminPolda!, {
      interactionId: target.id,
      toUnitId: ditlantas.id,
      note: "Mohon jawaban syarat SIM",
    });
    expect(deadlineAt.getTime() - before).toBeGreaterThanOrEqual(12 * 3_600_000 - 1_000);
    expect(deadlineAt.getTime() - before).toBeLessThan(12 * 3_600_000 + 60_000);
    expect(
      (
        await refusal(() =>
          forwardInteraction(actors.adminPolda!, { interactionId: target.id, toUnitId: ditlantas.id }),
        )
      ).code,
    ).toBe("CONFLICT");
    const audit = await db.auditLog.findMany({
      where: { entityId: { in: [target.id, dispositionId] } },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual(["interaction.triage", "interaction.assign", "interaction.forward"]);
    expect(JSON.stringify(audit.map((a) => [a.before, a.after]))).not.toContain("tentang SIM");

    // The inbox's function filter finds it.
    expect((await listInbox(actors.adminPolda!, { functionId: ditlantas.id })).items.map((i) => i.id)).toEqual([
      target.id,
    ]);

    // Only Ditlantas sees and answers it; Satlantas (another function) neither sees nor answers it.
    expect((await listDispositions(actors.ditlantas!, {})).items.map((d) => d.id)).toEqual([dispositionId]);
    expect((await listDispositions(actors.satlantas!, {})).items).toEqual([]);
    expect((await refusal(() => getDisposition(actors.satlantas!, dispositionId))).code).toBe("FORBIDDEN");
    expect(
      (await refusal(() => answerDisposition(actors.satlantas!, { dispositionId, answer: "Bukan kami" }))).code,
    ).toBe("FORBIDDEN");
    expect(
      (await refusal(() => triageInteraction(actors.ditlantas!, { interactionId: target.id, category: "SPAM" }))).code,
    ).toBe("FORBIDDEN");
    expect((await refusal(() => getInteraction(actors.ditlantas!, target.id))).code).toBe("FORBIDDEN");

    // Clarification both ways, then the answer.
    await askClarification(actors.ditlantas!, { dispositionId, question: "SIM A atau C?" });
    expect((await refusal(() => replyClarification(actors.adminOther!, { dispositionId, reply: "A" }))).code).toBe(
      "FORBIDDEN",
    );
    await replyClarification(actors.adminPolda!, { dispositionId, reply: "SIM A" });
    await answerDisposition(actors.ditlantas!, {
      dispositionId,
      answer: "Syarat SIM A: KTP, surat sehat, tes psikologi.",
    });
    expect((await refusal(() => answerDisposition(actors.ditlantas!, { dispositionId, answer: "lagi" }))).code).toBe(
      "CONFLICT",
    );
    const shown = await getInteraction(actors.adminPolda!, target.id);
    expect(shown.item.state).toBe("ANSWERED");
    expect(shown.item.dispositions[0]).toMatchObject({
      answer: "Syarat SIM A: KTP, surat sehat, tes psikologi.",
      clarification: "SIM A atau C?",
      clarificationReply: "SIM A",
    });
    // An answered disposition never escalates, even long past its deadline.
    expect((await escalateOverdue(new Date(Date.now() + 100 * 3_600_000))).escalated).toBe(0);
  });

  it("refuses bad input with field messages and changes nothing", async () => {
    const target = await db.interaction.findFirstOrThrow({ where: { text: "Pertanyaan nomor 6 tentang SIM" } });
    const error = await triageInteraction(actors.adminPolda!, { interactionId: target.id, category: "BUKAN" }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ZodError);
    expect((error as ZodError).issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["category", "categoryRequired"],
    ]);
    expect(await db.interaction.findUniqueOrThrow({ where: { id: target.id } })).toMatchObject({
      state: "NEW",
      category: null,
    });
  });

  it("closes spam, but not an item a function works on", async () => {
    const spam = await db.interaction.findFirstOrThrow({ where: { text: "Pertanyaan nomor 7 tentang SIM" } });
    await triageInteraction(actors.adminPolda!, { interactionId: spam.id, category: "SPAM" });
    await closeInteraction(actors.adminPolda!, { interactionId: spam.id });
    expect((await db.interaction.findUniqueOrThrow({ where: { id: spam.id } })).state).toBe("CLOSED");
    expect((await refusal(() => closeInteraction(actors.adminPolda!, { interactionId: spam.id }))).code).toBe(
      "CONFLICT",
    );
  });

  it("escalates an overdue disposition once to the function's parent unit, audited, shown overdue in the inbox", async () => {
    const target = await db.interaction.findFirstOrThrow({ where: { text: "Lampu lalu lintas mati 3" } });
    await triageInteraction(actors.adminPolres!, { interactionId: target.id, category: "PENGADUAN" });
    const { dispositionId } = await forwardInteraction(actors.adminPolres!, {
      interactionId: target.id,
      toUnitId: satlantas.id,
      deadlineHours: 1,
    });
    expect((await listInbox(actors.adminPolres!, { state: "OVERDUE" })).items).toEqual([]);
    const later = new Date(Date.now() + 2 * 3_600_000);
    const [first, second] = [await escalateOverdue(later), await escalateOverdue(later)];
    expect(first.escalated).toBe(1);
    expect(second.escalated).toBe(0);
    const d = await db.disposition.findUniqueOrThrow({ where: { id: dispositionId } });
    expect(d.escalatedToUnitId).toBe(polres.id);
    expect(d.escalatedAt).toEqual(later);
    const audit = await db.auditLog.findMany({ where: { entityId: dispositionId, action: "disposition.escalate" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: null, unitId: polres.id });
    // Past the deadline for real: listed under "overdue".
    await db.disposition.update({ where: { id: dispositionId }, data: { deadlineAt: new Date(Date.now() - 60_000) } });
    expect((await listInbox(actors.adminPolres!, { state: "OVERDUE" })).items.map((i) => i.id)).toEqual([target.id]);
    // The leadership dashboard's figures per function: counted, never the messages. Ditlantas answered its
    // one within the deadline; Satlantas's is open and late. Nobody replied in public yet: no median.
    const satlantasNow = { unitId: satlantas.id, name: "Satlantas Kotak", open: 1, overdue: 1, escalated: 1 };
    expect(await dispositionFigures(polda.path)).toEqual([
      { ...satlantasNow, forwarded: 1, answeredOnTime: 0, late: 1, medianFirstReplySeconds: null },
      {
        unitId: ditlantas.id,
        name: "Ditlantas Kotak",
        open: 0,
        overdue: 0,
        escalated: 0,
        forwarded: 1,
        answeredOnTime: 1,
        late: 0,
        medianFirstReplySeconds: null,
      },
    ]);
    // A period after both were forwarded: what is open now still shows, the period's counts are empty.
    const today = localDay(new Date(), "Asia/Makassar");
    const tomorrow = { from: today + 1, to: today + 2 };
    expect(await dispositionFigures(polda.path, tomorrow)).toEqual([
      { ...satlantasNow, forwarded: 0, answeredOnTime: 0, late: 0, medianFirstReplySeconds: null },
    ]);
    // Once the public reply goes out (as the reply engine records it), its time is the function's median.
    await db.interaction.update({
      where: { id: target.id },
      data: { firstReplyAt: new Date(target.receivedAt.getTime() + 90 * 60_000), state: "REPLIED" },
    });
    expect((await dispositionFigures(polda.path))[0]!.medianFirstReplySeconds).toBe(5_400);
  });
});

describe("a RESPONDER never publishes", () => {
  it("is refused composing on its own function unit", async () => {
    const e = await refusal(() =>
      savePost(actors.ditlantas!, {
        unitId: ditlantas.id,
        baseText: "Jawaban langsung ke publik",
        intent: "submit",
        targets: [{ accountId: poldaIg.id, scheduledAt: null }],
      }),
    );
    expect(e.code).toBe("FORBIDDEN");
  });
});
