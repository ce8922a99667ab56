import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { env } from "@/server/env";
import { startTestEmulator, type TestEmulator } from "../../../support/emulator";
import { dropQueueKeys, queuePrefix } from "./engine";
import { removeTempMedia } from "./temp-media";

// The worker as its own process, as `npm run worker` starts it, pointed at the test database,
// this file's queue prefix and the in-process emulator.

const root = path.resolve(import.meta.dirname, "../../../..");

export function spawnWorker(emu: TestEmulator, extra: Record<string, string> = {}): ChildProcess {
  const e = env();
  // node with tsx as a loader, not the tsx CLI: no process in between, so signals reach the worker itself.
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "src/worker/main.ts"], {
    cwd: root,
    stdio: ["ignore", "ignore", "pipe"],
    env: {
      ...process.env,
      SIAR_SERVICE: "worker",
      LOG_LEVEL: "silent",
      DATABASE_URL: e.DATABASE_URL,
      REDIS_URL: e.REDIS_URL,
      CREDENTIALS_KEY: e.CREDENTIALS_KEY,
      QUEUE_PREFIX: queuePrefix,
      X_API_BASE_URL: emu.baseUrls.X,
      FACEBOOK_GRAPH_BASE_URL: emu.baseUrls.FACEBOOK_PAGE,
      INSTAGRAM_GRAPH_BASE_URL: emu.baseUrls.INSTAGRAM,
      LINE_API_BASE_URL: emu.baseUrls.LINE_OA,
      YOUTUBE_API_BASE_URL: emu.baseUrls.YOUTUBE,
      GOOGLE_OAUTH_BASE_URL: emu.googleOauthBaseUrl,
      TIKTOK_API_BASE_URL: emu.baseUrls.TIKTOK,
      PLATFORM_TIMEOUT_MS: "5000",
      PUBLISH_BACKOFF_BASE_MS: "100",
      CONFIRM_DELAY_MS: "200",
      ...extra,
    },
  });
  child.stderr?.on("data", (d: Buffer) => process.stderr.write(`[worker ${child.pid}] ${d.toString()}`));
  return child;
}

export async function stopWorker(child: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = once(child, "exit");
  child.kill(signal);
  const [code] = (await exited) as [number | null];
  return code;
}

/**
 * A file's tests that start and kill worker processes against one emulator (configured with `config` before
 * the first test): every worker started with `suite.spawn` is killed after the last test, the emulator closed,
 * the queue's keys and the temporary media removed. `suite.emu` is set once the first test runs.
 */
export function workerProcessSuite(config: Parameters<TestEmulator["config"]>[0]) {
  const children: ChildProcess[] = [];
  const suite = {
    emu: undefined as unknown as TestEmulator,
    spawn(extra: Record<string, string> = {}): ChildProcess {
      const child = spawnWorker(suite.emu, extra);
      children.push(child);
      return child;
    },
    /** How many times each emulator route has been called so far. */
    hits: async () => (await suite.emu.arrivals()).hits,
  };
  beforeAll(async () => {
    suite.emu = await startTestEmulator();
    await suite.emu.config(config);
  });
  afterAll(async () => {
    for (const c of children) await stopWorker(c, "SIGKILL");
    await suite.emu?.close();
    await dropQueueKeys();
    removeTempMedia();
  });
  return suite;
}
