import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import { deleteKeysWithPrefix } from "../../src/jobs/delete-keys";
import { dropDatabase, ensureDatabase, migrate } from "./database";
import { REACT_SERVER } from "./run-siar";
import { freePort } from "./services";

/** The environment `npm test` and `npm run screenshots` run their runners in: test mode, fresh secrets per run. */
export function testRunEnvironment(): NodeJS.ProcessEnv {
  return {
    NODE_ENV: "test",
    NEXT_TELEMETRY_DISABLED: "1",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
    CREDENTIALS_KEY: randomBytes(32).toString("base64"),
  };
}

export function ensureChromium(): string {
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

export function run(command: string, args: string[], env: NodeJS.ProcessEnv): boolean {
  const r = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  return r.status === 0;
}

/**
 * A seeded database, a production build, media folder and queue prefix of their own, for one run of
 * Playwright (`npm test -- e2e`, `npm run screenshots`); `body` runs Playwright with the returned
 * environment, and everything is removed afterwards whatever the outcome.
 */
export async function withE2eEnvironment(
  base: NodeJS.ProcessEnv,
  body: (env: NodeJS.ProcessEnv) => boolean,
): Promise<boolean> {
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
    // "Sambungkan akun": the emulator registers these app credentials with the app's exact callback.
    X_AUTHORIZE_URL: `${emulator}/x/i/oauth2/authorize`,
    X_CLIENT_ID: "siar-e2e-x",
    X_CLIENT_SECRET: randomBytes(24).toString("base64url"),
    GOOGLE_AUTHORIZE_URL: `${emulator}/google-oauth/o/oauth2/v2/auth`,
    GOOGLE_CLIENT_ID: "siar-e2e-google",
    GOOGLE_CLIENT_SECRET: randomBytes(24).toString("base64url"),
    FACEBOOK_AUTHORIZE_URL: `${emulator}/facebook/v25.0/dialog/oauth`,
    FACEBOOK_CLIENT_ID: "siar-e2e-facebook",
    FACEBOOK_CLIENT_SECRET: randomBytes(24).toString("base64url"),
    INSTAGRAM_AUTHORIZE_URL: `${emulator}/instagram/oauth/authorize`,
    INSTAGRAM_OAUTH_BASE_URL: `${emulator}/instagram`,
    INSTAGRAM_CLIENT_ID: "siar-e2e-instagram",
    INSTAGRAM_CLIENT_SECRET: randomBytes(24).toString("base64url"),
    TIKTOK_AUTHORIZE_URL: `${emulator}/tiktok/v2/auth/authorize/`,
    TIKTOK_CLIENT_KEY: "siar-e2e-tiktok",
    TIKTOK_CLIENT_SECRET: randomBytes(24).toString("base64url"),
    // Interaksi Warga: the emulator's LINE and Meta sign their webhooks to the app with these (src/emulator/citizens.ts).
    LINE_CHANNEL_SECRET: randomBytes(16).toString("hex"),
    META_APP_SECRET: randomBytes(16).toString("hex"),
    META_VERIFY_TOKEN: randomBytes(12).toString("base64url"),
  };
  writeFileSync(env.NEXT_TSCONFIG_PATH!, JSON.stringify({ extends: "./tsconfig.json" }));
  try {
    await ensureDatabase(databaseUrl);
    migrate(databaseUrl);
    const seeded = run("node_modules/.bin/tsx", [REACT_SERVER, "prisma/seed.ts"], env);
    const built = seeded && run("node_modules/.bin/next", ["build"], env);
    // The specs read the database through src/server modules, which are marked `server-only`: that import
    // resolves only under the react-server condition. scripts/lib/run-siar.ts takes it out again for the app.
    return built && body({ ...env, NODE_OPTIONS: `${env.NODE_OPTIONS ?? ""} ${REACT_SERVER}`.trim() });
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
