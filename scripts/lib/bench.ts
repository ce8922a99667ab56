import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort, isListening } from "./services";

// What the publishing benchmarks (bench-publish.ts, bench-workers.ts) share: a database, a Redis prefix and a
// media folder of the run's own, and the emulator as a process of its own driven through its control API.

/**
 * Reads .env, names this run's database, Redis prefix and media folder, and puts them in the environment
 * (before the app's modules are imported, which read it once).
 */
export function benchEnvironment() {
  try {
    process.loadEnvFile(".env");
  } catch {
    /* the environment may come from the process alone */
  }
  const tag = randomBytes(3).toString("hex");
  const run = {
    databaseUrl: `postgresql://postgres@127.0.0.1:5432/siar_bench_${tag}`,
    redisUrl: process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379/12",
    prefix: `siar-bench-${tag}`,
    mediaDir: mkdtempSync(path.join(tmpdir(), "siar-bench-media-")),
  };
  Object.assign(process.env, {
    DATABASE_URL: run.databaseUrl,
    REDIS_URL: run.redisUrl,
    QUEUE_PREFIX: run.prefix,
    LOG_LEVEL: "silent",
    MEDIA_DIR: run.mediaDir,
    CREDENTIALS_KEY: process.env.CREDENTIALS_KEY || randomBytes(32).toString("base64"),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL || "http://127.0.0.1:3000",
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET || randomBytes(32).toString("hex"),
  });
  return run;
}

/** A worker's environment pointing every platform at the emulator at `base`. */
export const emulatorUrls = (base: string) => ({
  X_API_BASE_URL: `${base}/x`,
  FACEBOOK_GRAPH_BASE_URL: `${base}/facebook`,
  LINE_API_BASE_URL: `${base}/line`,
  TIKTOK_API_BASE_URL: `${base}/tiktok`,
  YOUTUBE_API_BASE_URL: `${base}/youtube`,
});

type Arrivals = { posts: unknown[]; counts: { account: string; text: string; count: number }[]; limitRefusals: object };

/** The emulator as its own process, with the platforms' limits on or off; `nodeArgs` go to its node. */
export async function startEmulatorProcess({ limits, nodeArgs = [] }: { limits: boolean; nodeArgs?: string[] }) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", "src/emulator/main.ts"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      EMULATOR_PORT: String(port),
      EMULATOR_HOST: "127.0.0.1",
      EMULATOR_LIMITS: limits ? "on" : "off",
    },
  });
  for (let i = 0; !(await isListening(port)); i++) {
    if (child.exitCode !== null || i > 300) throw new Error("The emulator did not start");
    await new Promise((r) => setTimeout(r, 100));
  }
  const control = async (method: string, route: string, body?: unknown) => {
    const res = await fetch(`${url}/__control${route}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`Emulator control ${method} ${route}: ${res.status}`);
    return res.json() as Promise<unknown>;
  };
  return {
    url,
    child,
    /** A fresh platform (every round meets the same emulator), with the limits as started and this latency. */
    async reset(latencyMs = 0) {
      await control("POST", "/reset");
      await control("POST", "/config", { limits, latencyMs });
    },
    /** The number of posts, once there are `atLeast` or `waitMs` passed. */
    async arrived(atLeast: number, waitMs: number): Promise<number> {
      return ((await control("GET", `/count?atLeast=${atLeast}&waitMs=${waitMs}`)) as { posts: number }).posts;
    },
    arrivals: async () => (await control("GET", "/posts")) as Arrivals,
    async close() {
      if (child.exitCode !== null) return;
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      await exited;
    },
  };
}
