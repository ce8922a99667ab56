import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Unit } from "@/generated/prisma/client";
import type { Actor } from "@/server/auth/actor";
import { db } from "@/server/db";
import { approvePostAs, rejectPostAs } from "@/server/posts/decide-post";
import { moveTarget } from "@/server/posts/move-target";
import { savePost } from "@/server/posts/save-post";
import { claimTarget } from "@/server/publishing/claim-target";
import { createAccount } from "../../factories/accounts";
import { createUnit } from "../../factories/units";
import { actorWith, refusal } from "../../support/actors";

let polda: Unit, polres: Unit, otherPolda: Unit;
let admin: Actor, supervisor: Actor, secondSupervisor: Actor, leadership: Actor;
let x: string, ig: string, tiktok: string, foreign: string;

const soon = () => new Date(Date.now() + 3_600_000).toISOString();

async function media(
  type: "IMAGE" | "VIDEO",
  extra: { altText?: string | null; sizeBytes?: number; durationSec?: number } = {},
) {
  const id = randomUUID();
  await db.media.create({
    data: {
      id,
      unitId: polda.id,
      uploaderId: admin.id,
      type,
      mimeType: type === "IMAGE" ? "image/jpeg" : "video/mp4",
      fileName: `f.${type === "IMAGE" ? "jpg" : "mp4"}`,
      storageKey: `${id}.${type === "IMAGE" ? "jpg" : "mp4"}`,
      sizeBytes: extra.sizeBytes ?? 1_000,
      durationSec: extra.durationSec ?? null,
      altText: extra.altText ?? null,
      sha256: "0".repeat(64),
    },
  });
  return id;
}

const postsBy = (a: Actor) => db.post.count({ where: { authorId: a.id } });

beforeAll(async () => {
  const root = await createUnit(db, { name: "Mabes Uji Desk", kind: "Mabes" });
  polda = await createUnit(db, { name: "Polda Uji Desk", kind: "Polda", parent: root, timeZone: "Asia/Makassar" });
  polres = await createUnit(db, { name: "Polres Uji Desk", kind: "Polres", parent: polda });
  otherPolda = await createUnit(db, { name: "Polda Lain Desk", kind: "Polda", parent: root });
  x = (await createAccount(db, { unitId: polres.id, platform: "X", connect: true })).id;
  ig = (await createAccount(db, { unitId: polres.id, platform: "INSTAGRAM", connect: true })).id;
  tiktok = (await createAccount(db, { unitId: polda.id, platform: "TIKTOK", connect: true })).id;
  foreign = (await createAccount(db, { unitId: otherPolda.id, platform: "X", connect: true })).id;
  const load = (role: "ADMIN" | "SUPERVISOR" | "LEADERSHIP") => actorWith(polda.id, role);
  admin = await load("ADMIN");
  supervisor = await load("SUPERVISOR");
  secondSupervisor = await load("SUPERVISOR");
  leadership = await load("LEADERSHIP");
});

describe("saving a post", () => {
  it("saves a draft with a revision, a view and an audit entry", async () => {
    const { postId, status } = await savePost(admin, {
      unitId: polda.id,
      baseText: "Patroli dialogis malam ini.",
      intent: "draft",
      targets: [{ accountId: x, scheduledAt: soon() }],
    });
    expect(status).toBe("DRAFT");
    const post = await db.post.findUniqueOrThrow({
      where: { id: postId },
      include: { targets: true, revisions: true },
    });
    expect(post.targets.map((t) => t.status)).toEqual(["DRAFT"]);
    expect(post.revisions.map((r) => r.version)).toEqual([1]);
    expect(await db.auditLog.count({ where: { entityType: "Post", entityId: postId, action: "post.created" } })).toBe(
      1,
    );
  });

  it("refuses each bad target with its own reason and saves nothing", async () => {
    const before = await postsBy(admin);
    const noAlt = await media("IMAGE", { altText: null });
    const err = await refusal(() =>
      savePost(admin, {
        unitId: polda.id,
        baseText: "a".repeat(300),
        intent: "submit",
        media: [{ id: noAlt, altText: null }],
        targets: [
          { accountId: x, scheduledAt: soon() },
          { accountId: ig, scheduledAt: new Date(Date.now() - 3_600_000).toISOString() },
          { accountId: tiktok, scheduledAt: soon() },
        ],
      }),
    );
    expect(err.code).toBe("VALIDATION");
    expect(err.fieldErrors[`target.${x}`]).toMatchObject({ key: "rules.textTooLong", params: { max: 280 } });
    expect(err.fieldErrors[`target.${ig}`]).toBe("timeInPast");
    expect(err.fieldErrors[`target.${tiktok}`]).toMatchObject({ key: "rules.videoRequired" });
    expect(await postsBy(admin)).toBe(before);
  });

  it("asks Instagram for an image, images for alt text, and keeps videos within the platform's limit", async () => {
    const noImage = await refusal(() =>
      savePost(admin, {
        unitId: polda.id,
        baseText: "Tanpa gambar",
        intent: "submit",
        targets: [{ accountId: ig, scheduledAt: soon() }],
      }),
    );
    expect(noImage.fieldErrors[`target.${ig}`]).toMatchObject({ key: "rules.mediaRequired" });

    const noAlt = await media("IMAGE", { altText: null });
    const missingAlt = await refusal(() =>
      savePost(admin, {
        unitId: polda.id,
        baseText: "Gambar",
        intent: "submit",
        media: [{ id: noAlt, altText: "  " }],
        targets: [{ accountId: ig, scheduledAt: soon() }],
      }),
    );
    expect(missingAlt.fieldErrors[`target.${ig}`]).toMatchObject({ key: "rules.altTextMissing" });

    const huge = await media("VIDEO", { sizeBytes: 600 * 1024 * 1024, durationSec: 30 });
    const tooBig = await refusal(() =>
      savePost(admin, {
        unitId: polda.id,
        baseText: "Video",
        intent: "submit",
        media: [{ id: huge, altText: null }],
        targets: [{ accountId: x, scheduledAt: soon() }],
      }),
    );
    expect(tooBig.fieldErrors[`target.${x}`]).toMatchObject({ key: "rules.videoTooLarge", params: { maxMb: 512 } });
  });

  it("refuses a post without targets", async () => {
    await expect(
      savePost(admin, { unitId: polda.id, baseText: "Kosong", intent: "submit", targets: [] }),
    ).rejects.toThrow(/targetsRequired/);
  });

  it("refuses an account of another Polda on the server, and LEADERSHIP altogether", async () => {
    const before = await postsBy(admin);
    const out = await refusal(() =>
      savePost(admin, {
        unitId: polda.id,
        baseText: "Lintas wilayah",
        intent: "draft",
        targets: [
          { accountId: x, scheduledAt: null },
          { accountId: foreign, scheduledAt: null },
        ],
      }),
    );
    expect(out.code).toBe("FORBIDDEN");
    expect(out.fieldErrors[`target.${foreign}`]).toBe("targetOutOfScope");
    expect(await postsBy(admin)).toBe(before);

    const lead = await refusal(() =>
      savePost(leadership, {
        unitId: polda.id,
        baseText: "Pimpinan",
        intent: "draft",
        targets: [{ accountId: x, scheduledAt: null }],
      }),
    );
    expect(lead.code).toBe("FORBIDDEN");
    expect(await postsBy(leadership)).toBe(0);
  });
});

describe("approval", () => {
  it("follows reject → edit → resubmit → approve, and an author never approves their own post", async () => {
    const { postId } = await savePost(admin, {
      unitId: polda.id,
      baseText: "Imbauan lalu lintas",
      intent: "submit",
      targets: [{ accountId: x, scheduledAt: soon() }],
    });
    expect((await refusal(() => approvePostAs(admin, { postId, version: 1 }))).code).toBe("FORBIDDEN");

    await rejectPostAs(supervisor, { postId, comment: "Tambahkan tagar resmi." });
    expect((await db.postTarget.findFirstOrThrow({ where: { postId } })).status).toBe("CHANGES_REQUESTED");
    await expect(rejectPostAs(supervisor, { postId, comment: "  " })).rejects.toThrow(/rejectCommentRequired/);

    await savePost(admin, {
      postId,
      unitId: polda.id,
      baseText: "Imbauan lalu lintas #PolriPresisi",
      intent: "submit",
      targets: [{ accountId: x, scheduledAt: soon() }],
    });
    expect((await db.post.findUniqueOrThrow({ where: { id: postId } })).version).toBe(2);
    await approvePostAs(supervisor, { postId, version: 2 });
    expect((await db.postTarget.findFirstOrThrow({ where: { postId } })).status).toBe("SCHEDULED");

    // Editing an approved post sends it back for approval.
    await savePost(admin, {
      postId,
      unitId: polda.id,
      baseText: "Imbauan lalu lintas #PolriPresisi #Aman",
      intent: "submit",
      targets: [{ accountId: x, scheduledAt: soon() }],
    });
    expect((await db.postTarget.findFirstOrThrow({ where: { postId } })).status).toBe("PENDING_APPROVAL");
    const decisions = await db.approvalDecision.findMany({ where: { postId }, orderBy: { createdAt: "asc" } });
    expect(decisions.map((d) => [d.outcome, d.postVersion])).toEqual([
      ["REJECTED", 1],
      ["APPROVED", 2],
    ]);
  });

  it("needs a new time when the chosen one passed while waiting", async () => {
    const { postId } = await savePost(admin, {
      unitId: polda.id,
      baseText: "Terlambat",
      intent: "submit",
      targets: [{ accountId: x, scheduledAt: soon() }],
    });
    await db.postTarget.updateMany({ where: { postId }, data: { scheduledAt: new Date(Date.now() - 10 * 60_000) } });
    expect((await refusal(() => approvePostAs(supervisor, { postId, version: 1 }))).messageKey).toBe("scheduleInPast");
  });
});

describe("four eyes (decision 0009)", () => {
  const submit = (actor: Actor, baseText: string, postId?: string) =>
    savePost(actor, {
      postId,
      unitId: polda.id,
      baseText,
      intent: "submit",
      targets: [{ accountId: x, scheduledAt: soon() }],
    });
  const statuses = async (postId: string) => (await db.postTarget.findMany({ where: { postId } })).map((t) => t.status);

  it("refuses a supervisor who rewrote another admin's pending post the approval of the rewrite", async () => {
    const { postId } = await submit(admin, "Teks asli dari admin.");
    await submit(supervisor, "Teks yang ditulis ulang supervisor.", postId);

    const out = await refusal(() => approvePostAs(supervisor, { postId, version: 2 }));
    expect(out).toMatchObject({ code: "FORBIDDEN", messageKey: "approverIsEditor" });
    expect(await statuses(postId)).toEqual(["PENDING_APPROVAL"]);
    expect(await db.approvalDecision.count({ where: { postId } })).toBe(0);

    // A second person, who wrote no version, approves exactly the version they saw.
    await approvePostAs(secondSupervisor, { postId, version: 2 });
    expect(await statuses(postId)).toEqual(["SCHEDULED"]);
    expect((await db.post.findUniqueOrThrow({ where: { id: postId } })).approvedVersion).toBe(2);
  });

  it("refuses an approval of a version that is no longer the post's, and needs the version at all", async () => {
    const { postId } = await submit(admin, "Versi pertama.");
    await submit(admin, "Versi kedua, diubah setelah supervisor membuka versi pertama.", postId);
    const stale = await refusal(() => approvePostAs(supervisor, { postId, version: 1 }));
    expect(stale).toMatchObject({ code: "CONFLICT", messageKey: "postChangedSinceSeen", params: { version: 2 } });
    await expect(approvePostAs(supervisor, { postId })).rejects.toThrow();
    expect(await statuses(postId)).toEqual(["PENDING_APPROVAL"]);
    expect(await db.approvalDecision.count({ where: { postId } })).toBe(0);
  });

  it("sends an approved post moved in the calendar, even by a supervisor, back to another approver", async () => {
    const { postId } = await submit(admin, "Jadwal akan dipindah.");
    await approvePostAs(supervisor, { postId, version: 1 });
    const target = await db.postTarget.findFirstOrThrow({ where: { postId } });
    await moveTarget(supervisor, {
      targetIds: [target.id],
      scheduledAt: new Date(Date.now() + 7_200_000).toISOString(),
    });
    expect(await statuses(postId)).toEqual(["PENDING_APPROVAL"]);
    const post = await db.post.findUniqueOrThrow({ where: { id: postId }, include: { revisions: true } });
    expect(post.version).toBe(2);
    expect(post.revisions.find((r) => r.version === 2)?.editorId).toBe(supervisor.id);
    expect((await refusal(() => approvePostAs(supervisor, { postId, version: 2 }))).messageKey).toBe(
      "approverIsEditor",
    );
    await approvePostAs(secondSupervisor, { postId, version: 2 });
    expect(await statuses(postId)).toEqual(["SCHEDULED"]);
  });

  it("moves a calendar chip's targets together: one new version, each target at the new time, all back to approval", async () => {
    const facebook = (await createAccount(db, { unitId: polres.id, platform: "FACEBOOK_PAGE", connect: true })).id;
    const { postId } = await savePost(admin, {
      unitId: polda.id,
      baseText: "Dua akun, satu jadwal.",
      intent: "submit",
      targets: [
        { accountId: x, scheduledAt: soon() },
        { accountId: facebook, scheduledAt: soon() },
      ],
    });
    await approvePostAs(supervisor, { postId, version: 1 });
    expect(await statuses(postId)).toEqual(["SCHEDULED", "SCHEDULED"]);
    const ids = (await db.postTarget.findMany({ where: { postId } })).map((t) => t.id);
    const at = new Date(Date.now() + 86_400_000);
    at.setUTCSeconds(0, 0);
    const out = await moveTarget(admin, { targetIds: ids, scheduledAt: at.toISOString() });
    expect(out.status).toBe("PENDING_APPROVAL");
    const after = await db.postTarget.findMany({ where: { postId } });
    expect(after.map((t) => t.scheduledAt?.toISOString())).toEqual([at.toISOString(), at.toISOString()]);
    expect(after.map((t) => t.status)).toEqual(["PENDING_APPROVAL", "PENDING_APPROVAL"]);
    expect((await db.post.findUniqueOrThrow({ where: { id: postId } })).version).toBe(2);
    expect(await db.auditLog.count({ where: { action: "target.rescheduled", entityId: { in: ids } } })).toBe(2);
  });

  it("refuses to move targets of two posts together, or into the past, and changes nothing", async () => {
    const a = await submit(admin, "Pos pertama.");
    const b = await submit(admin, "Pos kedua.");
    const ids = (await db.postTarget.findMany({ where: { postId: { in: [a.postId, b.postId] } } })).map((t) => t.id);
    const later = new Date(Date.now() + 86_400_000).toISOString();
    expect((await refusal(() => moveTarget(admin, { targetIds: ids, scheduledAt: later }))).messageKey).toBe(
      "targetsOfOnePost",
    );
    const past = new Date(Date.now() - 3_600_000).toISOString();
    expect((await refusal(() => moveTarget(admin, { targetIds: [ids[0]], scheduledAt: past }))).code).toBe(
      "VALIDATION",
    );
    const posts = await db.post.findMany({ where: { id: { in: [a.postId, b.postId] } } });
    expect(posts.map((p) => p.version)).toEqual([1, 1]);
    expect(await db.auditLog.count({ where: { action: "target.rescheduled", entityId: { in: ids } } })).toBe(0);
  });

  it("publishes only the approved version: a target whose post changed after approval is not claimed", async () => {
    const { postId } = await submit(admin, "Disetujui lalu berubah.");
    await approvePostAs(supervisor, { postId, version: 1 });
    const target = await db.postTarget.findFirstOrThrow({ where: { postId } });
    // An edit that slipped past the approval (the race the row lock closes), made due now.
    await db.post.update({ where: { id: postId }, data: { version: 2, baseText: "Teks yang tidak disetujui." } });
    await db.postTarget.update({ where: { id: target.id }, data: { scheduledAt: new Date() } });
    expect(await claimTarget(target.id)).toEqual({ kind: "gone" });
    expect(await statuses(postId)).toEqual(["PENDING_APPROVAL"]);
  });
});
