import { beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { createAccount } from "@/server/accounts/create-account";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { localizeIssues } from "@/server/localize-zod";
import { auditCount, errorsId, failure, fieldKeys, makeWorld, type World } from "./world";

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});

const valid = (w: World, over: Record<string, unknown> = {}) => ({
  unitId: w.units.polresA.id,
  platform: "INSTAGRAM",
  handle: w.handle("humas"),
  displayName: "Humas Polres A",
  platformAccountId: `ig-${w.tag}-${Math.random().toString(36).slice(2, 8)}`,
  officialConfirmed: true,
  ...over,
});

const accountsOfWorld = () => db.socialAccount.count({ where: { unitId: { in: w.unitIds } } });

describe("registering an account", () => {
  it("lets a Polda admin register an account for a Polres below it, normalising the handle and auditing it", async () => {
    const handle = w.handle("Bpp.Polres");
    const created = await createAccount(w.adminA, valid(w, { handle: `  @${handle.toUpperCase()} ` }));
    const row = await db.socialAccount.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.handle).toBe(handle.toLowerCase());
    expect(row.unitId).toBe(w.units.polresA.id);
    expect(row.status).toBe("NEEDS_RECONNECT");
    expect(row.profileUrl).toBe(`https://www.instagram.com/${handle.toLowerCase()}`);
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: created.id } });
    expect(audit).toMatchObject({
      actorId: w.adminA.id,
      action: "account.create",
      entityType: "SocialAccount",
      unitId: w.units.polresA.id,
    });
    expect(audit.after).toMatchObject({ handle: handle.toLowerCase(), platform: "INSTAGRAM" });
  });

  it("refuses LEADERSHIP, who may look but not change", async () => {
    const before = await accountsOfWorld();
    const error = await failure(createAccount(w.leaderA, valid(w)));
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("FORBIDDEN");
    expect(await accountsOfWorld()).toBe(before);
  });
});

describe("bad input gets a field-level message and changes nothing", () => {
  const longText = "x".repeat(161);
  const cases: [string, (w: World) => Record<string, unknown>, string, string][] = [
    ["an empty handle", (w) => valid(w, { handle: "   " }), "handle", "handleRequired"],
    ["a handle that is only an @", (w) => valid(w, { handle: "@" }), "handle", "handleRequired"],
    ["a handle with spaces inside", (w) => valid(w, { handle: "humas polres" }), "handle", "handleInvalid"],
    ["an unknown platform", (w) => valid(w, { platform: "MYSPACE" }), "platform", "platformUnknown"],
    [
      "a unit outside the caller's subtree",
      (w) => valid(w, { unitId: w.units.polresB.id }),
      "unitId",
      "unitOutsideScope",
    ],
    [
      "a unit that does not exist",
      (w) => valid(w, { unitId: "7f1d4c1e-9a51-4f0e-8d1e-0c3b2a1f0e9d" }),
      "unitId",
      "unitOutsideScope",
    ],
    ["a malformed unit id", (w) => valid(w, { unitId: "123' OR 1=1 --" }), "unitId", "Invalid UUID"],
    [
      "an oversized display name",
      (w) => valid(w, { displayName: longText }),
      "displayName",
      "Too big: expected string to have <=160 characters",
    ],
    ["an oversized handle", (w) => valid(w, { handle: "h".repeat(101) }), "handle", "handleTooLong"],
    [
      "an oversized platform id",
      (w) => valid(w, { platformAccountId: "9".repeat(101) }),
      "platformAccountId",
      "Too big: expected string to have <=100 characters",
    ],
    [
      "a non-https profile address",
      (w) => valid(w, { profileUrl: "javascript:alert(1)" }),
      "profileUrl",
      "profileUrlInvalid",
    ],
    [
      "a missing official acknowledgement",
      (w) => valid(w, { officialConfirmed: false }),
      "officialConfirmed",
      "officialConfirmRequired",
    ],
  ];
  it.each(cases)("%s", async (_name, input, field, key) => {
    const [accounts, audits] = [await accountsOfWorld(), await auditCount(w.adminA)];
    const error = await failure(createAccount(w.adminA, input(w)));
    expect(fieldKeys(error)[field]).toBe(key);
    expect(await accountsOfWorld()).toBe(accounts);
    expect(await auditCount(w.adminA)).toBe(audits);
  });

  it("refuses the same platform account registered twice, by handle (any case, with @) or by platform id", async () => {
    const first = valid(w, { handle: w.handle("dupe"), platform: "X" });
    await createAccount(w.adminA, first);
    const [accounts, audits] = [await accountsOfWorld(), await auditCount(w.adminA)];

    const sameHandle = await failure(
      createAccount(w.adminA, valid(w, { platform: "X", handle: `@${w.handle("DUPE")}` })),
    );
    expect((sameHandle as AppError).code).toBe("CONFLICT");
    expect(fieldKeys(sameHandle)).toEqual({ handle: "handleTaken" });

    const sameId = await failure(
      createAccount(w.adminA, valid(w, { platform: "X", platformAccountId: first.platformAccountId })),
    );
    expect(fieldKeys(sameId)).toEqual({ platformAccountId: "platformAccountIdTaken" });

    expect(await accountsOfWorld()).toBe(accounts);
    expect(await auditCount(w.adminA)).toBe(audits);
    // The same handle on another platform is another account.
    const other = await createAccount(w.adminA, valid(w, { platform: "TIKTOK", handle: w.handle("dupe") }));
    expect(await db.socialAccount.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({
      platform: "TIKTOK",
      handle: w.handle("dupe"),
    });
  });

  it("explains the problem in Indonesian, field by field", async () => {
    const error = await failure(
      createAccount(
        w.adminA,
        valid(w, { handle: "", platform: "FRIENDSTER", displayName: "y".repeat(200), unitId: "abc" }),
      ),
    );
    expect(error).toBeInstanceOf(ZodError);
    const messages = localizeIssues((error as ZodError).issues, errorsId as never);
    expect(messages).toEqual({
      unitId: "Pengenal tidak sah.",
      platform: "Platform tidak dikenal.",
      handle: "Handle akun wajib diisi.",
      displayName: "Terlalu panjang: paling banyak 160 karakter.",
    });
  });
});
