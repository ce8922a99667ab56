import { Writable } from "node:stream";
import { beforeAll, describe, expect, it, vi } from "vitest";

// Every line the server logs during these tests lands here, through the real redaction rules.
const lines: string[] = vi.hoisted(() => []);
vi.mock("@/server/logger", async () => {
  const actual = await vi.importActual<typeof import("@/server/logger")>("@/server/logger");
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { ...actual, logger: actual.createLogger(sink, "trace") };
});

import { connectCredentials } from "@/server/accounts/connect-credentials";
import { getAccount } from "@/server/accounts/get-account";
import { listAccounts } from "@/server/accounts/list-accounts";
import { open } from "@/server/crypto/secret-box";
import { db } from "@/server/db";
import { accountData } from "../../factories/accounts";
import { auditCount, failure, fieldKeys, makeWorld, type World } from "./world";

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});

const newAccount = (w: World) =>
  db.socialAccount.create({
    data: {
      ...accountData({
        unitId: w.units.polresA.id,
        platform: "X",
        handle: w.handle(`x${Math.random().toString(36).slice(2, 7)}`),
      }),
      status: "NEEDS_RECONNECT",
    },
  });

describe("connecting credentials", () => {
  it("stores the tokens sealed, marks the account active, and never returns, audits or logs them", async () => {
    const a = await newAccount(w);
    const accessToken = `EAAB-secret-access-${w.tag}-${"z".repeat(40)}`;
    const refreshToken = `secret-refresh-${w.tag}`;
    const returned = await connectCredentials(w.superadmin, {
      id: a.id,
      accessToken,
      refreshToken,
      expiresAt: "2030-01-02T08:00",
    });

    const row = await db.socialAccount.findUniqueOrThrow({ where: { id: a.id } });
    expect(row.accessTokenEnc).not.toContain(accessToken);
    expect(open(row.accessTokenEnc!)).toBe(accessToken);
    expect(open(row.refreshTokenEnc!)).toBe(refreshToken);
    expect(row.status).toBe("ACTIVE");
    // Polda A is in WITA (UTC+8): 08:00 there is midnight UTC.
    expect(row.tokenExpiresAt?.toISOString()).toBe("2030-01-02T00:00:00.000Z");

    const secrets = [accessToken, refreshToken, row.accessTokenEnc!, row.refreshTokenEnc!];
    const readModels = [
      returned,
      await getAccount(w.adminA, a.id),
      await getAccount(w.leaderA, a.id),
      await listAccounts(w.adminA, { unitId: w.units.polresA.id }),
      await db.auditLog.findMany({ where: { entityId: a.id } }),
    ];
    for (const model of readModels) {
      const json = JSON.stringify(model, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
      for (const secret of secrets) expect(json).not.toContain(secret);
    }
    expect(returned.credentials).toEqual({
      connected: true,
      expiresAt: new Date("2030-01-02T00:00:00.000Z"),
      expired: false,
    });
    expect(lines.join("")).toContain(a.id);
    for (const secret of secrets) expect(lines.join("")).not.toContain(secret);
  });

  it("replaces earlier credentials", async () => {
    const a = await newAccount(w);
    await connectCredentials(w.superadmin, { id: a.id, accessToken: "first-token", expiresAt: "2031-01-01T00:00" });
    await connectCredentials(w.superadmin, { id: a.id, accessToken: "second-token", expiresAt: "2031-06-01T00:00" });
    const row = await db.socialAccount.findUniqueOrThrow({ where: { id: a.id } });
    expect(open(row.accessTokenEnc!)).toBe("second-token");
    expect(row.refreshTokenEnc).toBeNull();
  });

  const bad: [string, Record<string, unknown>, string, string][] = [
    ["an empty token", { accessToken: "  ", expiresAt: "2030-01-01T00:00" }, "accessToken", "tokenRequired"],
    [
      "an oversized token",
      { accessToken: "t".repeat(4097), expiresAt: "2030-01-01T00:00" },
      "accessToken",
      "tokenTooLong",
    ],
    ["an expiry in the past", { accessToken: "tok", expiresAt: "2020-01-01T00:00" }, "expiresAt", "expiryPast"],
    ["a malformed expiry", { accessToken: "tok", expiresAt: "besok pagi" }, "expiresAt", "expiryInvalid"],
  ];
  it.each(bad)("refuses %s and keeps the account unconnected", async (_n, input, field, key) => {
    const a = await newAccount(w);
    const audits = await auditCount(w.adminA);
    expect(fieldKeys(await failure(connectCredentials(w.superadmin, { id: a.id, ...input })))[field]).toBe(key);
    const row = await db.socialAccount.findUniqueOrThrow({ where: { id: a.id } });
    expect(row.accessTokenEnc).toBeNull();
    expect(await auditCount(w.adminA)).toBe(audits);
  });

  it("is SUPERADMIN's fallback only: an ADMIN or SUPERVISOR pastes no token, on any platform, LINE included", async () => {
    const x = await newAccount(w);
    const line = await db.socialAccount.create({
      data: {
        ...accountData({ unitId: w.units.polresA.id, platform: "LINE_OA", handle: w.handle("lineform") }),
        status: "NEEDS_RECONNECT",
      },
    });
    const audits = await auditCount(w.adminA);
    for (const actor of [w.adminA, w.supervisorA, w.adminPolresA])
      for (const a of [x, line])
        expect(
          await failure(connectCredentials(actor, { id: a.id, accessToken: "tempel", expiresAt: "2030-01-01T00:00" })),
        ).toMatchObject({ code: "FORBIDDEN" });
    for (const a of [x, line]) {
      const row = await db.socialAccount.findUniqueOrThrow({ where: { id: a.id } });
      expect([row.status, row.accessTokenEnc]).toEqual(["NEEDS_RECONNECT", null]);
    }
    expect(await auditCount(w.adminA)).toBe(audits);
    // The account page offers them no token fields; an ADMIN is sent to the connect page instead.
    expect((await getAccount(w.adminA, x.id)).can).toMatchObject({ connect: false, link: true });
    expect((await getAccount(w.supervisorA, x.id)).can).toMatchObject({ connect: false, link: false });
    expect((await getAccount(w.superadmin, x.id)).can).toMatchObject({ connect: true });
  });

  it("does not let LEADERSHIP or another Polda connect anything", async () => {
    const a = await newAccount(w);
    const codes = [];
    for (const actor of [w.leaderA, w.adminB]) {
      const error = await failure(
        connectCredentials(actor, { id: a.id, accessToken: "nope", expiresAt: "2030-01-01T00:00" }),
      );
      codes.push((error as { code?: string }).code);
    }
    // LEADERSHIP sees the account but may not change it; another Polda does not even see it.
    expect(codes).toEqual(["FORBIDDEN", "NOT_FOUND"]);
    expect((await db.socialAccount.findUniqueOrThrow({ where: { id: a.id } })).accessTokenEnc).toBeNull();
  });
});
