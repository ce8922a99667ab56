import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ensureDatabase, migrate } from "./lib/database";
import { runSiar } from "./lib/run-siar";
import { requireServices } from "./lib/services";

// `npm start`: from a fresh clone to a running Siar with demo data — web, worker and platform emulator.

// 1. Configuration: the first run writes .env from .env.example with fresh secrets.
if (!existsSync(".env")) {
  const text = readFileSync(".env.example", "utf8")
    .replace(/^NEXTAUTH_SECRET=.*$/m, `NEXTAUTH_SECRET=${randomBytes(48).toString("base64")}`)
    .replace(/^CREDENTIALS_KEY=.*$/m, `CREDENTIALS_KEY=${randomBytes(32).toString("base64")}`)
    // The demo's app credentials, which its emulator registers: "Sambungkan akun" works out of the box.
    .replace(/^X_CLIENT_ID=.*$/m, "X_CLIENT_ID=siar-demo-x")
    .replace(/^X_CLIENT_SECRET=.*$/m, `X_CLIENT_SECRET=${randomBytes(24).toString("base64url")}`)
    .replace(/^GOOGLE_CLIENT_ID=.*$/m, "GOOGLE_CLIENT_ID=siar-demo-google")
    .replace(/^GOOGLE_CLIENT_SECRET=.*$/m, `GOOGLE_CLIENT_SECRET=${randomBytes(24).toString("base64url")}`)
    .replace(/^FACEBOOK_CLIENT_ID=.*$/m, "FACEBOOK_CLIENT_ID=siar-demo-facebook")
    .replace(/^FACEBOOK_CLIENT_SECRET=.*$/m, `FACEBOOK_CLIENT_SECRET=${randomBytes(24).toString("base64url")}`)
    .replace(/^INSTAGRAM_CLIENT_ID=.*$/m, "INSTAGRAM_CLIENT_ID=siar-demo-instagram")
    .replace(/^INSTAGRAM_CLIENT_SECRET=.*$/m, `INSTAGRAM_CLIENT_SECRET=${randomBytes(24).toString("base64url")}`)
    .replace(/^TIKTOK_CLIENT_KEY=.*$/m, "TIKTOK_CLIENT_KEY=siar-demo-tiktok")
    .replace(/^TIKTOK_CLIENT_SECRET=.*$/m, `TIKTOK_CLIENT_SECRET=${randomBytes(24).toString("base64url")}`)
    // Webhooks of Interaksi Warga: the emulator's LINE and Meta sign their deliveries with these, as the platforms do.
    .replace(/^LINE_CHANNEL_SECRET=.*$/m, `LINE_CHANNEL_SECRET=${randomBytes(16).toString("hex")}`)
    .replace(/^META_APP_SECRET=.*$/m, `META_APP_SECRET=${randomBytes(16).toString("hex")}`)
    .replace(/^META_VERIFY_TOKEN=.*$/m, `META_VERIFY_TOKEN=${randomBytes(12).toString("base64url")}`);
  writeFileSync(".env", text, { mode: 0o600 });
  console.log("Wrote .env with new secrets (from .env.example).");
}
process.loadEnvFile(".env");
const { loadEnv } = await import("../src/server/env");
const env = loadEnv();

// 2. Services and database.
await requireServices(env.DATABASE_URL, env.REDIS_URL);
if (await ensureDatabase(env.DATABASE_URL)) console.log("Created the database.");
migrate(env.DATABASE_URL);
const { createPrismaClient } = await import("../src/server/db");
const db = createPrismaClient(env.DATABASE_URL);
if ((await db.unit.count()) === 0) {
  const { seedDemo } = await import("../prisma/seed-demo");
  const r = await db.$transaction((tx) => seedDemo(tx), { timeout: 300_000, maxWait: 10_000 });
  console.log(
    `Seeded the demo: ${r.units} units, ${r.accounts} accounts, ${r.users} users, ${r.posts} posts of history.`,
  );
}
await db.$disconnect();

// 3. A production build, made again whenever the sources are newer than it.
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}
const buildId = ".next/BUILD_ID";
const sourcesChanged = Math.max(
  newest("src"),
  statSync("package-lock.json").mtimeMs,
  statSync("next.config.ts").mtimeMs,
);
if (!existsSync(buildId) || statSync(buildId).mtimeMs < sourcesChanged) {
  console.log("Building the web app (next build)…");
  const r = spawnSync("node_modules/.bin/next", ["build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// 4. Run web, worker and emulator until Ctrl-C. The demo's citizens write a few comments and messages a minute.
process.env.EMULATOR_CITIZENS ??= "on";
runSiar({ port: String(env.PORT), label: "siar" });

const { demoUsers, DEMO_PASSWORD } = await import("../prisma/seed-demo");
console.log(`
Siar is starting at ${env.NEXTAUTH_URL}
Demo sign-ins (password for all: ${DEMO_PASSWORD}):
${demoUsers.map((u) => `  ${u.role.padEnd(10)} ${u.email.padEnd(30)} ${u.name}`).join("\n")}
Press Ctrl-C to stop.
`);
