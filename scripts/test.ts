import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import { deleteKeysWithPrefix } from "../src/jobs/delete-keys";
import { dropDatabase, ensureDatabase, migrate } from "./lib/database";
import { freePort, requireServices } from "./lib/services";

// `npm test` runs everything: unit, integration (its own database, made and dropped by Vitest's
// global setup) and end-to-end in Chromium against a production build on a seeded database of its own.
// `npm test -- unit|integration|e2e` runs one part; further arguments go to that runner
// (e.g. `npm test -- e2e tests/e2e/desk.spec.ts`).
const parts = process.argv.slice(2).filter((a) => ["unit", "integration", "e2e"].includes(a));
const passThrough = process.argv.slice(2).filter((a) => !parts.includes(a));
const want = (p: string) => parts.length === 0 || parts.includes(p);

const base: NodeJS.ProcessEnv = {
  NODE_ENV: "test",
  NEXT_TELEMETRY_DISABLED: "1",
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
  CREDENTIALS_KEY: randomBytes(32).toString("base64"),
};

function ensureChromium(): string {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(
    Boolean,
  ) as string[];
  const found = candidates.find((c) => existsSync(c));
  if (found) return found;
  if (process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
    console.log("Chromium is missing: installing Debian's chromium package for the end-to-end tests…");
    spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
    const r = spawnSync("apt-get", ["install", "-y", "-qq", "chromium"], {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
    if (r.status === 0 && existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  }
  console.error(
    "The end-to-end tests need Chromium: install it with `sudo apt-get install -y chromium` (or set CHROMIUM_PATH).",
  );
  process.exit(1);
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): boolean {
  const r = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  return r.status === 0;
}

await requireServices("postgresql://127.0.0.1:5432", "redis://127.0.0.1:6379");
if (!existsSync("src/generated/prisma/client.ts"))
  execFileSync("npm", ["run", "--silent", "prisma:generate"], { stdio: "inherit" });

let ok = true;
const vitestProjects = ["unit", "integration"].filter(want);
if (vitestProjects.length) {
  ok =
    run(
      "node_modules/.bin/vitest",
      ["run", ...vitestProjects.flatMap((p) => ["--project", p]), ...(want("e2e") ? [] : passThrough)],
      base,
    ) && ok;
}

if (want("e2e")) {
  const chromium = ensureChromium();
  const name = `siar_e2e_${process.pid}_${randomBytes(3).toString("hex")}`;
  const databaseUrl = `postgresql://postgres@127.0.0.1:5432/${name}`;
  const [webPort, emulatorPort] = [await freePort(), await freePort()];
  const emulator = `http://127.0.0.1:${emulatorPort}`;
  const env: NodeJS.ProcessEnv = {
    ...base,
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    REDIS_URL: "redis://127.0.0.1:6379/13",
    QUEUE_PREFIX: `siar-e2e-${process.pid}`,
    E2E_PORT: String(webPort),
    PORT: String(webPort),
    NEXTAUTH_URL: `http://127.0.0.1:${webPort}`,
    PUBLIC_BASE_URL: `http://127.0.0.1:${webPort}`,
    // A build folder and tsconfig of its own per run: `npm start`'s build stays untouched, two runs on one
    // machine never share a folder, and Next's additions to the tsconfig land in a file that is removed.
    NEXT_DIST_DIR: `.next-e2e-${process.pid}`,
    NEXT_TSCONFIG_PATH: `tsconfig.e2e-${process.pid}.json`,
    CHROMIUM_PATH: chromium,
    MEDIA_DIR: mkdtempSync(path.join(tmpdir(), "siar-e2e-media-")),
    EMULATOR_PORT: String(emulatorPort),
    X_API_BASE_URL: `${emulator}/x`,
    FACEBOOK_GRAPH_BASE_URL: `${emulator}/facebook`,
    INSTAGRAM_GRAPH_BASE_URL: `${emulator}/instagram`,
    LINE_API_BASE_URL: `${emulator}/line`,
    YOUTUBE_API_BASE_URL: `${emulator}/youtube`,
    GOOGLE_OAUTH_BASE_URL: `${emulator}/google-oauth`,
    TIKTOK_API_BASE_URL: `${emulator}/tiktok`,
  };
  writeFileSync(env.NEXT_TSCONFIG_PATH!, JSON.stringify({ extends: "./tsconfig.json" }));
  try {
    await ensureDatabase(databaseUrl);
    migrate(databaseUrl);
    const seeded = run("node_modules/.bin/tsx", ["prisma/seed.ts"], env);
    const built = seeded && run("node_modules/.bin/next", ["build"], env);
    ok = built && run("node_modules/.bin/playwright", ["test", ...passThrough], env) && ok;
  } finally {
    await dropDatabase(databaseUrl);
    rmSync(env.NEXT_DIST_DIR!, { recursive: true, force: true });
    rmSync(env.NEXT_TSCONFIG_PATH!, { force: true });
    rmSync(env.MEDIA_DIR!, { recursive: true, force: true });
    // The web app's and worker's queue keys (job schedulers, limit windows) go with the run's database;
    // a cleanup that fails is reported, it does not change the tests' verdict.
    const redis = new Redis(env.REDIS_URL!, { maxRetriesPerRequest: 1 });
    await deleteKeysWithPrefix(redis, env.QUEUE_PREFIX!)
      .catch((error: unknown) => console.warn(`Could not remove the end-to-end queue keys: ${String(error)}`))
      .finally(() => redis.quit());
  }
}

process.exit(ok ? 0 : 1);
