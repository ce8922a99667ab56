import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Unit } from "@/generated/prisma/client";
import { createAccount as registerAccount } from "@/server/accounts/create-account";
import type { Actor } from "@/server/auth/actor";
import { db } from "@/server/db";
import { pausePublishingAs } from "@/server/posts/pause-publishing";
import { savePost } from "@/server/posts/save-post";
import { addMembership } from "@/server/users/add-membership";
import { createUser as createUserAs } from "@/server/users/create-user";
import { FUNCTION_UNIT_KIND } from "@/lib/interactions";
import { createUnit } from "../../factories/units";
import { actorWith, refusal } from "../../support/actors";

// RESPONDER (Petugas Fungsi, issue 16) belongs to a function unit and never publishes: every publishing and
// registry use-case refuses it on its own unit, decided on the server, and nothing is written.

let polda: Unit, ditlantas: Unit;
let responder: Actor, superadmin: Actor;

beforeAll(async () => {
  const root = await createUnit(db, { name: "Mabes Uji Fungsi", kind: "Mabes" });
  polda = await createUnit(db, { name: "Polda Uji Fungsi", kind: "Polda", parent: root, timeZone: "Asia/Makassar" });
  ditlantas = await createUnit(db, { name: "Ditlantas Uji", kind: FUNCTION_UNIT_KIND, parent: polda });
  responder = await actorWith(ditlantas.id, "RESPONDER");
  superadmin = await actorWith(root.id, "SUPERADMIN");
});

describe("a RESPONDER", () => {
  it("is refused composing, pausing and registering accounts on its own function unit, and nothing is written", async () => {
    expect(
      (
        await refusal(() =>
          savePost(responder, {
            unitId: ditlantas.id,
            baseText: "Halo",
            intent: "submit",
            targets: [{ accountId: randomUUID(), scheduledAt: new Date(Date.now() + 3_600_000).toISOString() }],
          }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    expect((await refusal(() => pausePublishingAs(responder, { unitId: ditlantas.id, reason: "Uji jeda" }))).code).toBe(
      "FORBIDDEN",
    );
    expect(
      (
        await refusal(() =>
          registerAccount(responder, {
            unitId: ditlantas.id,
            platform: "X",
            handle: "ditlantasuji",
            displayName: "Ditlantas Uji",
            platformAccountId: "123",
            officialConfirmed: true,
          }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    expect(await db.post.count({ where: { unitId: ditlantas.id } })).toBe(0);
    expect(await db.publishingPause.count({ where: { unitId: ditlantas.id } })).toBe(0);
    expect(await db.socialAccount.count({ where: { unitId: ditlantas.id } })).toBe(0);
  });

  it("can only be given on a function unit", async () => {
    const onPolda = await refusal(() =>
      createUserAs(superadmin, {
        email: "petugas.salah@siar.test",
        name: "Petugas Salah",
        password: "kata-sandi-panjang-1",
        unitId: polda.id,
        role: "RESPONDER",
      }),
    );
    expect(onPolda.code).toBe("VALIDATION");
    expect(onPolda.fieldErrors.unitId).toBe("responderNeedsFunctionUnit");
    expect(await db.user.count({ where: { email: "petugas.salah@siar.test" } })).toBe(0);

    const { id } = await createUserAs(superadmin, {
      email: "petugas.lantas@siar.test",
      name: "Petugas Lantas",
      password: "kata-sandi-panjang-1",
      unitId: ditlantas.id,
      role: "RESPONDER",
    });
    const second = await refusal(() => addMembership(superadmin, { userId: id, unitId: polda.id, role: "RESPONDER" }));
    expect(second.fieldErrors.unitId).toBe("responderNeedsFunctionUnit");
    expect(await db.membership.count({ where: { userId: id } })).toBe(1);
  });
});
