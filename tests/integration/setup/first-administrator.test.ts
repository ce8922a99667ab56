import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { createPrismaClient } from "@/server/db";
import { installFirstAdministrator } from "@/server/setup/install-first-administrator";
import { dropDatabase, ensureDatabase, migrate } from "../../../scripts/lib/database";

// `npm run setup` on installations of its own: empty databases, made here and dropped afterwards.
// Each run starts a process (tsx, the Prisma client, dbmate): on a busy shared machine that takes long.
const SPAWNING = 900_000;
const databases: string[] = [];
const clients: PrismaClient[] = [];

async function emptyInstallation(): Promise<{ url: string; db: PrismaClient }> {
  const url = `postgresql://postgres@127.0.0.1:5432/siar_it_setup_${process.pid}_${randomBytes(3).toString("hex")}`;
  databases.push(url);
  await ensureDatabase(url);
  migrate(url);
  const db = createPrismaClient(url, 2);
  clients.push(db);
  return { url, db };
}

function run(command: string[], url: string, options: { env?: Record<string, string>; input?: string } = {}) {
  const r = spawnSync(command[0]!, command.slice(1), {
    input: options.input ?? "",
    encoding: "utf8",
    timeout: 400_000,
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: "silent", SIAR_LANG: "", ...options.env },
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

// The first run goes through npm exactly as the README says; the others start the same script directly.
const npmSetup = (url: string, options?: { env?: Record<string, string>; input?: string }) =>
  run(["npm", "run", "--silent", "setup"], url, options);
const setup = (url: string, options?: { env?: Record<string, string>; input?: string }) =>
  run(["node_modules/.bin/tsx", "--conditions=react-server", "scripts/setup.ts"], url, options);
/** Each [email, password] signed in with the app's own check, in one process. */
const signIn = (url: string, ...attempts: [string, string][]) =>
  JSON.parse(
    run(
      [
        "node_modules/.bin/tsx",
        "--conditions=react-server",
        "tests/support/sign-in-check.ts",
        JSON.stringify(attempts),
      ],
      url,
    ).out,
  ) as { ok: boolean; email?: string; reason?: string }[];

const answers = {
  SIAR_SETUP_ROOT_CODE: "mabes-polri",
  SIAR_SETUP_ROOT_NAME: "Mabes Polri",
  SIAR_SETUP_ROOT_KIND: "Mabes",
  SIAR_SETUP_ROOT_TIME_ZONE: "WIB",
  SIAR_SETUP_EMAIL: "Admin@Humas.Polri.go.id",
  SIAR_SETUP_NAME: "Admin Pertama",
  SIAR_SETUP_PASSWORD: "kata-sandi-pertama-2026",
};

afterAll(async () => {
  await Promise.all(clients.map((c) => c.$disconnect()));
  for (const url of databases) await dropDatabase(url);
});

describe("npm run setup on an empty installation", () => {
  let url: string;
  let db: PrismaClient;
  beforeAll(async () => ({ url, db } = await emptyInstallation()));

  it(
    "creates the top unit and the first SUPERADMIN, who can then sign in",
    async () => {
      const r = npmSetup(url, { env: answers });
      expect(r.out).toContain("SUPERADMIN admin@humas.polri.go.id");
      expect(r.status).toBe(0);

      const unit = await db.unit.findUniqueOrThrow({ where: { code: "MABES-POLRI" } });
      expect(unit).toMatchObject({ name: "Mabes Polri", parentId: null, depth: 0, timeZone: "Asia/Jakarta" });
      expect(unit.path).toBe(`/${unit.id}/`);
      const user = await db.user.findUniqueOrThrow({
        where: { email: "admin@humas.polri.go.id" },
        include: { memberships: true },
      });
      expect(user.memberships.map((m) => [m.role, m.unitId])).toEqual([["SUPERADMIN", unit.id]]);
      expect(user.passwordHash).not.toContain("kata-sandi");
      const audit = await db.auditLog.findMany({ where: { action: { startsWith: "setup." } }, orderBy: { id: "asc" } });
      expect(audit.map((a) => a.action)).toEqual(["setup.unit", "setup.superadmin"]);
      expect(JSON.stringify(audit.map((a) => a.after))).not.toContain("kata-sandi");

      expect(
        signIn(
          url,
          ["admin@humas.polri.go.id", answers.SIAR_SETUP_PASSWORD],
          ["admin@humas.polri.go.id", "bukan-sandinya"],
        ),
      ).toEqual([
        { ok: true, email: "admin@humas.polri.go.id" },
        { ok: false, reason: "INVALID" },
      ]);
    },
    SPAWNING,
  );

  it(
    "refuses a second run and changes nothing",
    async () => {
      const before = { users: await db.user.count(), units: await db.unit.count(), audit: await db.auditLog.count() };
      const r = setup(url, { env: { ...answers, SIAR_SETUP_EMAIL: "kedua@humas.polri.go.id" } });
      expect(r.status).toBe(1);
      expect(r.out).toContain("Siar sudah disiapkan: SUPERADMIN sudah ada");
      expect({ users: await db.user.count(), units: await db.unit.count(), audit: await db.auditLog.count() }).toEqual(
        before,
      );
    },
    SPAWNING,
  );
});

describe("npm run setup asking its questions", () => {
  it(
    "refuses bad answers creating nothing, then reads the answers line by line and the password twice",
    async () => {
      const { url, db } = await emptyInstallation();
      // A bad answer from a variable names the variable (here in English).
      const bad = setup(url, { env: { ...answers, SIAR_SETUP_PASSWORD: "pendek", SIAR_LANG: "en" } });
      expect(bad.status).toBe(1);
      expect(bad.out).toContain("SIAR_SETUP_PASSWORD: The password is too short");

      const lines = [
        "PEMPROV-DKI",
        "Pemprov DKI Jakarta",
        "Pemprov",
        "Asia/Jakarta",
        "admin@jakarta.go.id",
        "Admin DKI",
      ];
      const mismatch = setup(url, { input: [...lines, "rahasia-jakarta-2026", "rahasia-lain-2026", ""].join("\n") });
      expect(mismatch.status).toBe(1);
      expect(mismatch.out).toContain("Kedua kata sandi tidak sama");
      expect({ users: await db.user.count(), units: await db.unit.count() }).toEqual({ users: 0, units: 0 });

      const r = setup(url, { input: [...lines, "rahasia-jakarta-2026", "rahasia-jakarta-2026", ""].join("\n") });
      expect(r.status).toBe(0);
      // The password is read, never printed back.
      expect(r.out).not.toContain("rahasia-jakarta-2026");
      expect(await db.unit.findUnique({ where: { code: "PEMPROV-DKI" } })).toMatchObject({
        name: "Pemprov DKI Jakarta",
      });
      expect(signIn(url, ["admin@jakarta.go.id", "rahasia-jakarta-2026"])).toEqual([
        { ok: true, email: "admin@jakarta.go.id" },
      ]);
    },
    SPAWNING,
  );
});

describe("two setups at the same moment", () => {
  it("make exactly one SUPERADMIN", async () => {
    const { db } = await emptyInstallation();
    const input = (email: string) => ({
      rootCode: "MABES",
      rootName: "Mabes Polri",
      rootKind: "Mabes",
      rootTimeZone: "WIB",
      email,
      name: email,
      password: "kata-sandi-bersama-2026",
    });
    const results = await Promise.allSettled([
      installFirstAdministrator(db, input("satu@polri.go.id")),
      installFirstAdministrator(db, input("dua@polri.go.id")),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")?.reason).toMatchObject({ messageKey: "superadminExists" });
    expect(await db.membership.count({ where: { role: "SUPERADMIN" } })).toBe(1);
    expect(await db.unit.count()).toBe(1);
  });
});
