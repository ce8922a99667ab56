import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";

/** Whether something answers on host:port within a short time (PostgreSQL, Redis, a web server). */
export function isListening(port: number, host = "127.0.0.1", timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

export async function requireServices(databaseUrl: string, redisUrl: string): Promise<void> {
  const pg = new URL(databaseUrl);
  const redis = new URL(redisUrl);
  const missing: string[] = [];
  if (!(await isListening(Number(pg.port || 5432), pg.hostname)))
    missing.push(`PostgreSQL at ${pg.hostname}:${pg.port || 5432}`);
  if (!(await isListening(Number(redis.port || 6379), redis.hostname)))
    missing.push(`Redis at ${redis.hostname}:${redis.port || 6379}`);
  if (missing.length) {
    console.error(
      `Siar needs ${missing.join(" and ")}, which ${missing.length > 1 ? "are" : "is"} not answering. Start ${missing.length > 1 ? "them" : "it"} (see README.md) and run the command again.`,
    );
    process.exit(1);
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/**
 * The benchmarks' web server's environment: the production build in `dist`, the given database, served on
 * 127.0.0.1:port. No emulator runs and no page calls a platform: loopback hosts keep the production build's
 * check that media URLs given to real platforms are public https (src/server/env.ts) from refusing to start.
 */
export function productionWebEnv(port: number, databaseUrl: string, dist: string): NodeJS.ProcessEnv {
  const options = (process.env.NODE_OPTIONS ?? "").split(/\s+/).filter((o) => o && o !== "--conditions=react-server");
  return {
    ...process.env,
    NODE_OPTIONS: options.join(" "),
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    FACEBOOK_GRAPH_BASE_URL: "http://127.0.0.1:9/facebook",
    INSTAGRAM_GRAPH_BASE_URL: "http://127.0.0.1:9/instagram",
    LINE_API_BASE_URL: "http://127.0.0.1:9/line",
    X_API_BASE_URL: "http://127.0.0.1:9/x",
    YOUTUBE_API_BASE_URL: "http://127.0.0.1:9/youtube",
    TIKTOK_API_BASE_URL: "http://127.0.0.1:9/tiktok",
    NEXT_DIST_DIR: dist,
    NEXT_TSCONFIG_PATH: "tsconfig.bench-web.json",
  };
}

/**
 * The benchmarks' web server: the production build in `dist` (the NEXT_DIST_DIR `env` gives; built first
 * unless BENCH_SKIP_BUILD finds one there), started with `next start` on 127.0.0.1:port.
 */
export function startProductionWeb(port: number, env: NodeJS.ProcessEnv, dist: string): ChildProcess {
  writeFileSync("tsconfig.bench-web.json", JSON.stringify({ extends: "./tsconfig.json" }));
  if (!process.env.BENCH_SKIP_BUILD || !existsSync(path.join(dist, "BUILD_ID"))) {
    console.log("Building the web app (next build) …");
    const b = spawnSync("node_modules/.bin/next", ["build"], { stdio: ["ignore", "ignore", "inherit"], env });
    if (b.status !== 0) throw new Error("next build failed");
  }
  const start = ["start", "-p", String(port), "-H", "127.0.0.1"];
  // BENCH_CPU_PROF=<folder>: the web process writes a V8 CPU profile there when it stops (open it in Chrome's
  // DevTools, Performance tab); its server process inherits the flag.
  const profile = process.env.BENCH_CPU_PROF;
  return profile
    ? spawn(
        process.execPath,
        [`--cpu-prof`, `--cpu-prof-dir=${profile}`, "node_modules/next/dist/bin/next", ...start],
        {
          stdio: ["ignore", "ignore", "inherit"],
          env,
        },
      )
    : spawn("node_modules/.bin/next", start, { stdio: ["ignore", "ignore", "inherit"], env });
}
