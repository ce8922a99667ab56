import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import type { Unit } from "@/generated/prisma/client";
import { connectCredentials } from "@/server/accounts/connect-credentials";
import { loadActor, type Actor } from "@/server/auth/guards";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { saveUpload } from "@/server/media/save-upload";
import { savePost } from "@/server/posts/save-post";
import { createUnit as createUnitAs } from "@/server/units/create-unit";
import { listUsers } from "@/server/users/list-users";
import { createAccount } from "../../factories/accounts";
import { createUnit } from "../../factories/units";
import { createUser } from "../../factories/users";

// No 500 on any input (decision 0009): each answer is a refusal with a field message, and nothing is written.

let polda: Unit;
let admin: Actor, superadmin: Actor;
let account: string;

beforeAll(async () => {
  const root = await createUnit(db, { name: "Mabes Uji Masukan", kind: "Mabes" });
  polda = await createUnit(db, { name: "Polda Uji Masukan", kind: "Polda", parent: root });
  admin = (await loadActor((await createUser(db, { memberships: [{ unitId: polda.id, role: "ADMIN" }] })).id))!;
  superadmin = (await loadActor(
    (await createUser(db, { memberships: [{ unitId: root.id, role: "SUPERADMIN" }] })).id,
  ))!;
  account = (await createAccount(db, { unitId: polda.id, platform: "X", connect: true })).id;
});

/** The refusal's field messages (zod or AppError); a crash or a success fails the test. */
async function refusedFields(fn: () => Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof ZodError) return Object.fromEntries(e.issues.map((i) => [i.path.join("."), i.message]));
    if (e instanceof AppError && e.code !== ("UNEXPECTED" as string)) return { ...e.fieldErrors, _key: e.messageKey };
    throw e;
  }
  throw new Error("expected a refusal");
}

// Rows this file's users could have written (other test files write to the same database meanwhile).
const counts = async () => ({
  posts: await db.post.count({ where: { unitId: polda.id } }),
  media: await db.media.count({ where: { unitId: polda.id } }),
  units: await db.unit.count({ where: { path: { startsWith: polda.path } } }),
  audit: await db.auditLog.count({ where: { actorId: { in: [admin.id, superadmin.id] } } }),
});

describe("text that cannot be stored", () => {
  for (const [what, bad] of [
    ["a NUL byte", "Patroli\u0000malam"],
    ["a lone surrogate", "Patroli \uD800 malam"],
  ] as const) {
    it(`refuses ${what} in a post's text and a unit's name, writing nothing`, async () => {
      const before = await counts();
      const post = await refusedFields(() =>
        savePost(admin, {
          unitId: polda.id,
          baseText: bad,
          intent: "draft",
          targets: [{ accountId: account, scheduledAt: null }],
        }),
      );
      expect(post.baseText).toBe("textInvalidCharacters");
      const unit = await refusedFields(() =>
        createUnitAs(superadmin, {
          name: bad,
          code: `UJI-${Date.now()}`,
          kind: "Polres",
          parentId: polda.id,
          timeZone: "Asia/Jakarta",
        }),
      );
      expect(unit.name).toBe("textInvalidCharacters");
      expect(await counts()).toEqual(before);
    });
  }

  it("keeps a paired surrogate (an emoji) as it is", async () => {
    const { postId } = await savePost(admin, {
      unitId: polda.id,
      baseText: "Selamat pagi 👮",
      intent: "draft",
      targets: [{ accountId: account, scheduledAt: null }],
    });
    expect((await db.post.findUniqueOrThrow({ where: { id: postId } })).baseText).toBe("Selamat pagi 👮");
  });

  it("answers a search with a NUL byte without a crash", async () => {
    await expect(listUsers(superadmin, { q: "budi\u0000" })).resolves.toBeDefined();
  });
});

describe("impossible dates", () => {
  for (const value of ["2027-13-45T99:99", "2027-02-31T10:00", "0000-01-01T00:00"]) {
    it(`refuses ${value} instead of rolling it over to another date`, async () => {
      const before = await db.socialAccount.findUniqueOrThrow({ where: { id: account } });
      const fields = await refusedFields(() =>
        connectCredentials(superadmin, { id: account, accessToken: "token-baru", expiresAt: value }),
      );
      expect(fields.expiresAt).toBe("expiryInvalid");
      const after = await db.socialAccount.findUniqueOrThrow({ where: { id: account } });
      expect(after.tokenExpiresAt).toEqual(before.tokenExpiresAt);
    });
  }
});

describe("uploads that cannot be read", () => {
  const jpegHeader = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
  const mp4Header = Buffer.concat([Buffer.from([0, 0, 0, 16]), Buffer.from("ftypisom"), Buffer.from([0, 0, 2, 0])]);
  const cases: [string, Buffer, string][] = [
    ["a truncated JPEG", jpegHeader, "mediaUnreadable"],
    [
      "an MP4 without its movie header",
      Buffer.concat([mp4Header, Buffer.from([0, 0, 0, 8]), Buffer.from("moov")]),
      "mediaUnreadable",
    ],
    [
      "an MP4 box that claims more than the file holds",
      Buffer.concat([mp4Header, Buffer.from([0x7f, 0xff, 0xff, 0xff]), Buffer.from("moov")]),
      "mediaUnreadable",
    ],
    [
      "a 60 MB fake JPEG (refused on its size before it is parsed)",
      Buffer.concat([jpegHeader, Buffer.alloc(60 * 1024 * 1024)]),
      "mediaTooLarge",
    ],
    ["bytes of no accepted type", Buffer.from("bukan gambar sama sekali"), "mediaTypeNotAccepted"],
  ];
  for (const [what, bytes, key] of cases) {
    it(`refuses ${what} with a message, storing nothing`, async () => {
      const before = await counts();
      const fields = await refusedFields(() =>
        saveUpload(admin, { unitId: polda.id, fileName: `uji-${randomUUID()}.jpg`, altText: null, bytes }),
      );
      expect(fields.file).toBe(key);
      expect(await counts()).toEqual(before);
    });
  }
});
