import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import { describeNational, NATIONAL_POST_500, seedNational } from "../prisma/seed-national";
import { createPrismaClient } from "../src/server/db";
import { DEMO_PASSWORD } from "../tests/factories/users";
import { dropDatabase, ensureDatabase, migrate } from "./lib/database";
import { cpuTicks, processTree, TICK_MS } from "./lib/cpu";
import { freePort, productionWebEnv, startProductionWeb } from "./lib/services";

// `npm run bench:web`: 50 concurrent signed-in users (autocannon, 50 connections, each with a session of
// its own) over the pages LEADERSHIP and ADMIN open most, on the national data set, for a fixed time per
// page; p50/p95/p99 per page beside the static sign-in page measured in the same run (the machines are
// shared and noisy, so the ratio is the figure). Goal: every page's p95 within 5× the sign-in page's, no
// errors (non-2xx answers or failed connections).
//
// The data set: BENCH_REUSE_DB=<siar_bench_*> (built by `npm run db:seed -- --scale national` or kept by a
// bench) or, without it, a new one built here (~15 minutes on a shared 2-core machine) and dropped at the
// end. The web app is the production build (`next build` into .next-bench; BENCH_SKIP_BUILD=1 reuses it).

const { values: cli } = parseArgs({
  options: {
    seconds: { type: "string", default: process.env.BENCH_SECONDS ?? "10" },
    connections: { type: "string", default: "50" },
    /** Only the pages whose label contains one of these (comma-separated), e.g. `--pages calendar,audit`. */
    pages: { type: "string" },
  },
});
const SECONDS = Number(cli.seconds);
const CONNECTIONS = Number(cli.connections);
const ONLY = cli.pages
  ?.split(",")
  .map((p) => p.trim())
  .filter(Boolean);
if (!Number.isInteger(SECONDS) || SECONDS < 2 || SECONDS > 600) throw new Error("--seconds must be from 2 to 600");
if (!Number.isInteger(CONNECTIONS) || CONNECTIONS < 1 || CONNECTIONS > 500)
  throw new Error("--connections must be from 1 to 500");
const REUSE = process.env.BENCH_REUSE_DB;
if (REUSE && !/^siar_bench_[a-z0-9_]+$/.test(REUSE))
  throw new Error(`BENCH_REUSE_DB must name a siar_bench_* database`);
const databaseUrl = `postgresql://postgres@127.0.0.1:5432/${REUSE ?? `siar_bench_web_${randomBytes(3).toString("hex")}`}`;
const DIST = ".next-bench";

try {
  process.loadEnvFile(".env");
} catch {
  /* the environment may come from the process alone */
}

/** The app's environment: its own database, Redis prefix and media folder; no worker, no emulator. */
function appEnv(port: number): NodeJS.ProcessEnv {
  return {
    ...productionWebEnv(port, databaseUrl, DIST),
    REDIS_URL: process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379/12",
    QUEUE_PREFIX: `siar-bench-web-${process.pid}`,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET || randomBytes(32).toString("hex"),
    CREDENTIALS_KEY: process.env.CREDENTIALS_KEY || randomBytes(32).toString("base64"),
    LOG_LEVEL: "warn",
  };
}

/** Signs in through the real credentials flow (CSRF token, password check); returns the session cookie. */
async function signIn(base: string, email: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = csrf.headers.getSetCookie().map((c) => c.split(";")[0]!);
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password: DEMO_PASSWORD, json: "true" }),
  });
  const session = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`Signing in ${email} failed (${res.status})`);
  return session;
}

type Result = {
  label: string;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  errors: number;
  non2xx: number;
  /** CPU milliseconds per answered request: the web process (and its children), and its database sessions. */
  webCpu: number;
  dbCpu: number;
};

let cpuProbe: { web: () => number[]; db: () => Promise<number[]> } | undefined;
async function cpuNow(): Promise<{ web: number; db: Map<number, number> }> {
  if (!cpuProbe) return { web: 0, db: new Map() };
  const web = cpuProbe.web().reduce((s, pid) => s + cpuTicks(pid), 0);
  return { web, db: new Map((await cpuProbe.db()).map((pid) => [pid, cpuTicks(pid)])) };
}

async function load(label: string, url: string, cookies: string[]): Promise<Result> {
  const before = await cpuNow();
  let next = 0;
  const r = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    // Each connection is one user with a session of its own.
    setupClient: (client) => {
      if (cookies.length) client.setHeaders({ cookie: cookies[next++ % cookies.length]! });
    },
  });
  // autocannon's latency object has p50, p97_5 and p99 ready; p95 comes from its histogram's percentiles.
  const lat = r.latency as unknown as Record<string, number>;
  const after = await cpuNow();
  const answered = Math.max(1, r.requests.total);
  let db = 0;
  for (const [pid, t] of after.db) db += t - (before.db.get(pid) ?? 0);
  return {
    webCpu: ((after.web - before.web) * TICK_MS) / answered,
    dbCpu: (db * TICK_MS) / answered,
    label,
    p50: lat.p50!,
    p95: lat.p95 ?? lat.p97_5!,
    p99: lat.p99!,
    requests: r.requests.total,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
}

let web: ChildProcess | undefined;
const mediaDir = mkdtempSync(path.join(tmpdir(), "siar-bench-web-media-"));
try {
  await ensureDatabase(databaseUrl);
  migrate(databaseUrl);
  const sql = new pg.Client({ connectionString: databaseUrl });
  await sql.connect();
  try {
    const units = (await sql.query<{ n: number }>(`select count(*)::int as n from units`)).rows[0]!.n;
    if (units === 0) {
      console.log(`Building the national data set in ${new URL(databaseUrl).pathname.slice(1)} …`);
      const db = createPrismaClient(databaseUrl);
      const t0 = performance.now();
      const r = await db.$transaction((tx) => seedNational(tx, { log: console.log }), { timeout: 3_600_000 });
      console.log(describeNational(r, performance.now() - t0));
      await db.$disconnect();
    }
    // A reused database may never have had its statistics taken (db:seed before it took them, or autovacuum
    // off): pages planned on empty-table statistics time out. A live database has autovacuum for this.
    const t0 = performance.now();
    await sql.query("vacuum analyze");
    console.log(`vacuum analyze: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const port = await freePort();
    const env = appEnv(port);
    web = startProductionWeb(port, { ...env, MEDIA_DIR: mediaDir }, DIST);
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      const ok = await fetch(`${base}/login`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (i > 120) throw new Error("the web app did not start");
      await new Promise((r) => setTimeout(r, 1000));
    }
    const webPid = web.pid!;
    cpuProbe = {
      web: () => processTree(webPid),
      // The web app's database sessions: every backend of this database but the bench's own.
      db: async () =>
        (
          await sql.query<{ pid: number }>(
            `select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
          )
        ).rows.map((r) => r.pid),
    };

    // Who opens these pages: the Kadiv Humas (LEADERSHIP) and the national operator (ADMIN) above all,
    // their supervisor and the system administrator too. One session per connection would need 50 sign-ins
    // from one address, over its limit of 30 (decision 0009): 20 sessions, each shared by two or three
    // connections; a session is a signed cookie and every request reads its user again either way.
    const emails = [
      "kadiv.humas@siar.test",
      "admin.mabes@siar.test",
      "supervisor.mabes@siar.test",
      "superadmin@siar.test",
    ];
    const cookies: string[] = [];
    for (let i = 0; i < 20; i++) cookies.push(await signIn(base, emails[i % emails.length]!));

    const q = async <T extends pg.QueryResultRow>(text: string) => (await sql.query<T>(text)).rows[0]!;
    const polda = await q<{ id: string }>(`select id from units where depth = 1 order by code limit 1`);
    const polres = await q<{ id: string }>(
      `select id from units where depth = 2 and parent_id = '${polda.id}' order by code limit 1`,
    );
    const targets = await q<{ n: number }>(
      `select count(*)::int as n from post_targets where post_id = '${NATIONAL_POST_500}'`,
    );
    const year = await q<{ from: string; to: string }>(
      `select to_char((now() at time zone 'Asia/Jakarta')::date - 364, 'YYYY-MM-DD') as from, to_char((now() at time zone 'Asia/Jakarta')::date, 'YYYY-MM-DD') as to`,
    );
    const allPages: [string, string][] = [
      ["home", "/"],
      ["dashboard (national, 30 days)", "/dashboard"],
      ["dashboard (national, 90 days)", "/dashboard?period=90"],
      ["dashboard (national, 365 days)", `/dashboard?period=custom&from=${year.from}&to=${year.to}`],
      ["leaderboard: national (34 Polda)", "/leaderboard"],
      ["leaderboard: a Polda (its Polres)", `/leaderboard?parent=${polda.id}`],
      ["leaderboard: a Polres (its Polsek)", `/leaderboard?parent=${polres.id}`],
      ["calendar: week", "/calendar"],
      ["calendar: month", "/calendar?view=month"],
      ["post list", "/posts"],
      [`post page (${targets.n} targets)`, `/posts/${NATIONAL_POST_500}`],
      ["audit log", "/audit"],
    ];
    const pages = ONLY ? allPages.filter(([label]) => ONLY.some((o) => label.includes(o))) : allPages;
    if (pages.length === 0) throw new Error(`--pages ${cli.pages} matches no page`);
    // Every page answers 200 to a signed-in user before it is loaded (a redirect to /login would be fast).
    for (const [label, p] of pages) {
      const res = await fetch(`${base}${p}`, { headers: { cookie: cookies[0]! }, redirect: "manual" });
      if (res.status !== 200) throw new Error(`${label} (${p}) answered ${res.status}`);
      await res.arrayBuffer();
    }

    console.log(
      `\nPages under load: ${CONNECTIONS} connections (signed-in users), ${SECONDS} s per page, national data set, ${
        (await q<{ n: number }>(`select count(*)::int as n from social_accounts`)).n
      } accounts`,
    );
    const results: Result[] = [];
    // The static sign-in page first and last: the baseline is their mean, so a drift of the machine's load
    // during the run shows as a difference between the two.
    const first = await load("sign-in page (static), before", `${base}/login`, []);
    results.push(first);
    for (const [label, p] of pages) results.push(await load(label, `${base}${p}`, cookies));
    const last = await load("sign-in page (static), after", `${base}/login`, []);
    results.push(last);
    const base95 = (first.p95 + last.p95) / 2;
    const baseCpu = (first.webCpu + first.dbCpu + last.webCpu + last.dbCpu) / 2;
    for (const r of results) {
      const cpu = r.webCpu + r.dbCpu;
      console.log(
        `  ${r.label.padEnd(40)} p50 ${String(r.p50).padStart(6)} ms  p95 ${String(r.p95).padStart(6)} ms  p99 ${String(r.p99).padStart(6)} ms  ${String(r.requests).padStart(6)} req  errors ${r.errors} non-2xx ${r.non2xx}  p95 ${(r.p95 / base95).toFixed(1)}× sign-in  | CPU/req web ${r.webCpu.toFixed(0).padStart(4)} + db ${r.dbCpu.toFixed(0).padStart(4)} ms = ${(cpu / baseCpu).toFixed(1)}× sign-in`,
      );
    }
    const worst = results.reduce((w, r) => (r.p95 > w.p95 ? r : w));
    const failed = results.filter((r) => r.errors + r.non2xx > 0);
    console.log(
      `\nGoal, every page's p95 within 5× the sign-in page's (${base95.toFixed(0)} ms) and no errors: ${
        worst.p95 <= 5 * base95 && failed.length === 0 ? "met" : "NOT met"
      } (worst: ${worst.label}, ${(worst.p95 / base95).toFixed(1)}×; pages with errors: ${failed.length}).`,
    );
    const cores = (await import("node:os")).cpus().length;
    const heaviest = results.reduce((w, r) => (r.webCpu + r.dbCpu > w.webCpu + w.dbCpu ? r : w));
    console.log(
      `CPU per request (web + its database sessions), which the load of other work does not change: sign-in ${baseCpu.toFixed(0)} ms, heaviest ${heaviest.label} ${(heaviest.webCpu + heaviest.dbCpu).toFixed(0)} ms (${((heaviest.webCpu + heaviest.dbCpu) / baseCpu).toFixed(1)}×); ${cores} cores serve at most ${((cores * 1000) / (heaviest.webCpu + heaviest.dbCpu)).toFixed(1)} of those a second.`,
    );
    console.log(`Machine: ${cores} cores, shared with other work.`);
  } finally {
    await sql.end();
  }
} finally {
  if (web && web.exitCode === null) {
    const exited = once(web, "exit");
    web.kill("SIGTERM");
    await exited;
  }
  rmSync(mediaDir, { recursive: true, force: true });
  rmSync("tsconfig.bench-web.json", { force: true });
  if (!REUSE) await dropDatabase(databaseUrl);
}
