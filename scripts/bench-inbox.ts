// `npm run bench:inbox`: Interaksi Warga at national scale (issue 16's Must-show, decision 0011).
//
//  1. Webhook acknowledgement: the production build (`next start`) with its real route handlers
//     (/api/webhooks/line and /api/webhooks/meta) and the real BullMQ queue on Redis, and the worker as a
//     process of its own storing what they queue. `--webhooks` (100,000) signed deliveries arrive at `--rate`
//     (100) a second, evenly spaced (fetch), or with `--rate 0` from autocannon over `--connections` (50)
//     connections each sending as soon as it has its answer (the machine's throughput, not an arrival rate):
//     LINE and Meta (Facebook Page comments, Instagram comments, Messenger messages) mixed, some repeated
//     as the platforms redeliver, some with a bad signature. Each kind's p50/p95/p99 is printed beside the
//     same server's static sign-in page, loaded by autocannon over the connections just before and after. Then, once the worker drained the queue, the database must hold every valid event
//     exactly once and nothing from the badly signed ones.
//  2. The inbox list (listInbox, as the page calls it) with `--items` (1,000,000) items in Polda 01's subtree
//     and half as many in the other 33 Polda: first pages, a deep keyset page, each filter, search, as Polda
//     01's Humas and as the national one; p50/p95/p99 of BENCH_RUNS (40) runs each, interleaved with a
//     baseline run: a page of 26 items of one unit by its (unit_id, received_at) index through the same
//     Prisma client, the cheapest page the database can give.
//
// The machines are shared and noisy (docs/environment.md): the ratios are the figures; absolute ms move 3×.
// BENCH_REUSE_DB=<siar_bench_*> runs against a database kept by an earlier run (BENCH_KEEP=1): migrations are
// applied, the items are not generated again and it is not dropped. BENCH_SKIP_BUILD=1 reuses .next-bench.
// BENCH_ONLY=webhooks|list runs one half.

import { spawn, type ChildProcess } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
import { once } from "node:events";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import { dropDatabase, ensureDatabase, migrate } from "./lib/database";
import {
  INBOX_NATIONAL_ADMIN_ID,
  INBOX_POLDA_ADMIN_ID,
  seedInboxItems,
  seedInboxUnits,
  seedWebhookAccounts,
} from "./lib/inbox-data";
import { cpuMs, processTree } from "./lib/cpu";
import { freePort, productionWebEnv, startProductionWeb } from "./lib/services";

const { values: cli } = parseArgs({
  options: {
    items: { type: "string", default: "1000000" },
    webhooks: { type: "string", default: "100000" },
    connections: { type: "string", default: "50" },
    /** Deliveries a second, spread over the connections; 0: as fast as the connections get answers. */
    rate: { type: "string", default: "100" },
  },
});
const ITEMS = Number(cli.items);
const WEBHOOKS = Number(cli.webhooks);
const CONNECTIONS = Number(cli.connections);
const RATE = Number(cli.rate);
if (!Number.isInteger(ITEMS) || ITEMS < 10_000 || ITEMS > 5_000_000)
  throw new Error("--items must be from 10000 to 5000000");
if (!Number.isInteger(WEBHOOKS) || WEBHOOKS < 1_000 || WEBHOOKS > 1_000_000)
  throw new Error("--webhooks must be from 1000 to 1000000");
if (!Number.isInteger(CONNECTIONS) || CONNECTIONS < 1 || CONNECTIONS > 500)
  throw new Error("--connections must be from 1 to 500");
if (!Number.isInteger(RATE) || RATE < 0 || RATE > 100_000) throw new Error("--rate must be from 0 to 100000");
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const ONLY = process.env.BENCH_ONLY;
if (ONLY && ONLY !== "webhooks" && ONLY !== "list") throw new Error("BENCH_ONLY must be webhooks or list");
const REUSE = process.env.BENCH_REUSE_DB;
if (REUSE && !/^siar_bench_[a-z0-9_]+$/.test(REUSE))
  throw new Error(`BENCH_REUSE_DB must name a siar_bench_* database`);
const tag = randomBytes(3).toString("hex");
const databaseUrl = `postgresql://postgres@127.0.0.1:5432/${REUSE ?? `siar_bench_inbox_${tag}`}`;
const redisUrl = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379/12";
const prefix = `siar-bench-inbox-${tag}`;
const DIST = ".next-bench";

try {
  process.loadEnvFile(".env");
} catch {
  /* the environment may come from the process alone */
}
// The app's modules read the environment once, when first imported (below, after this).
const secrets = { line: randomBytes(16).toString("hex"), meta: randomBytes(16).toString("hex") };
Object.assign(process.env, {
  DATABASE_URL: databaseUrl,
  REDIS_URL: redisUrl,
  QUEUE_PREFIX: prefix,
  LOG_LEVEL: "warn",
  NEXTAUTH_URL: process.env.NEXTAUTH_URL || "http://127.0.0.1:3000",
  NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET || randomBytes(32).toString("hex"),
  CREDENTIALS_KEY: process.env.CREDENTIALS_KEY || randomBytes(32).toString("base64"),
  LINE_CHANNEL_SECRET: secrets.line,
  META_APP_SECRET: secrets.meta,
});

const fmt = (x: number) => `${x.toFixed(1)} ms`;
function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
}
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(", ");
const log = (line: string) => console.log(line);

// ---------------------------------------------------------------------------------------------------------
// 1. Webhook acknowledgement.

type Kind = "LINE" | "Facebook comment" | "Instagram comment" | "Messenger message" | "bad signature" | "repeat";
type Delivery = { kind: Kind; path: string; body: string; headers: Record<string, string>; externalId: string | null };

/**
 * The deliveries, in a shuffled order: LINE message events (40%), Facebook Page comments (25%), Instagram
 * comments (20%), Messenger messages (10%), each to one of Polda 01's accounts; 3% are a delivery repeated
 * byte for byte (LINE and Meta redeliver what was not acknowledged in time), 2% carry a signature made with
 * another secret. Every delivery holds one event with an id of this run's own.
 */
function deliveries(n: number, run: string): Delivery[] {
  const sign = {
    line: (body: string, secret = secrets.line) => createHmac("sha256", secret).update(body).digest("base64"),
    meta: (body: string, secret = secrets.meta) => `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`,
  };
  const now = Date.now();
  const out: Delivery[] = [];
  let x = 0x9e3779b9;
  const random = () => (x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32;
  for (let i = 0; out.length < n; i++) {
    const r = random();
    const bad = random() < 0.02;
    const id = `${bad ? "bad" : "wh"}-${run}-${i}`;
    const text = `Mohon info pelayanan SIM dan tilang nomor ${i}`;
    const user = `warga${i % 5000}`;
    let d: Delivery;
    if (r < 0.4) {
      const body = JSON.stringify({
        destination: "line_oa-polda-01",
        events: [
          {
            type: "message",
            mode: "active",
            timestamp: now,
            webhookEventId: id,
            replyToken: `rt${i}`,
            source: { type: "user", userId: `U${user}` },
            message: { type: "text", id, text },
          },
        ],
      });
      d = {
        kind: "LINE",
        path: "/api/webhooks/line",
        body,
        headers: { "x-line-signature": sign.line(body) },
        externalId: id,
      };
    } else {
      const time = Math.floor(now / 1000);
      const [kind, object, entry]: [Kind, string, Record<string, unknown>] =
        r < 0.65
          ? [
              "Facebook comment",
              "page",
              {
                id: "facebook_page-polda-01",
                time,
                changes: [
                  {
                    field: "feed",
                    value: {
                      item: "comment",
                      verb: "add",
                      comment_id: id,
                      post_id: `post_${i % 300}`,
                      message: text,
                      from: { id: user, name: `Warga ${i % 5000}` },
                      created_time: time,
                    },
                  },
                ],
              },
            ]
          : r < 0.85
            ? [
                "Instagram comment",
                "instagram",
                {
                  id: "instagram-polda-01",
                  time,
                  changes: [
                    {
                      field: "comments",
                      value: { id, text, from: { id: user, username: user }, media: { id: `media_${i % 300}` } },
                    },
                  ],
                },
              ]
            : [
                "Messenger message",
                "page",
                {
                  id: "facebook_page-polda-01",
                  time,
                  messaging: [
                    {
                      sender: { id: user },
                      recipient: { id: "facebook_page-polda-01" },
                      timestamp: now,
                      message: { mid: id, text },
                    },
                  ],
                },
              ];
      const body = JSON.stringify({ object, entry: [entry] });
      d = {
        kind,
        path: "/api/webhooks/meta",
        body,
        headers: { "x-hub-signature-256": sign.meta(body) },
        externalId: id,
      };
    }
    if (bad)
      d = {
        ...d,
        kind: "bad signature",
        headers: d.path.endsWith("line")
          ? { "x-line-signature": sign.line(d.body, "not-the-secret") }
          : { "x-hub-signature-256": sign.meta(d.body, "not-the-secret") },
      };
    out.push(d);
    // A redelivery of an earlier good delivery, byte for byte.
    if (random() < 0.03 && out.length < n) {
      const earlier = out[Math.floor(random() * out.length)]!;
      if (earlier.kind !== "bad signature" && earlier.kind !== "repeat") out.push({ ...earlier, kind: "repeat" });
    }
  }
  return out;
}

/** The Redis server's processes (the queue's work happens there too). */
function redisPids(): number[] {
  const out: number[] = [];
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (readFileSync(`/proc/${d}/comm`, "utf8").trim() === "redis-server") out.push(Number(d));
    } catch {
      /* ended */
    }
  }
  return out;
}

type Latencies = Map<string, number[]>;
/** Sends `list` once each over CONNECTIONS connections; each answer's latency recorded under its kind and status. */
async function send(
  base: string,
  list: readonly Delivery[],
): Promise<{ latencies: Latencies; seconds: number; errors: number }> {
  const latencies: Latencies = new Map();
  let next = 0;
  const r = await autocannon({
    url: base,
    connections: CONNECTIONS,
    amount: list.length,
    method: "POST",
    timeout: 30,
    requests: [
      {
        setupRequest: (req, context) => {
          const d = list[next++ % list.length]!;
          (context as { kind?: string }).kind = d.kind;
          return {
            ...req,
            method: "POST",
            path: d.path,
            body: d.body,
            headers: { "content-type": "application/json", ...d.headers },
          };
        },
      },
    ],
    setupClient: (client) => {
      const c = client as unknown as {
        requestIterator: { context: { kind?: string } };
        on: (e: string, f: (...a: number[]) => void) => void;
      };
      c.on("response", (status, _bytes, ms) => {
        const key = `${c.requestIterator.context.kind} ${status}`;
        const xs = latencies.get(key) ?? [];
        xs.push(ms);
        latencies.set(key, xs);
      });
    },
  });
  return { latencies, seconds: r.duration, errors: r.errors + r.timeouts };
}

/**
 * Sends `list` at `rate` deliveries a second, evenly spaced, whatever the answers (an open arrival process, as
 * platforms deliver: they do not wait for one answer before the next event). Each latency counts from the
 * moment the delivery was due, so a server that falls behind shows it (no coordinated omission). autocannon's
 * own rate sends each connection's quota at the start of every second, a burst rather than a rate.
 */
async function sendAtRate(
  base: string,
  list: readonly Delivery[],
  rate: number,
): Promise<{ latencies: Latencies; fromSend: number[]; sender: Sender; seconds: number; errors: number }> {
  const latencies: Latencies = new Map();
  const fromSend: number[] = [];
  const late: number[] = [];
  // The sender shares the machine: a pause of its own (a garbage collection, the scheduler) sends deliveries
  // late, and their latency counts from the moment they were due. Measured so the report can tell the two apart.
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  let errors = 0;
  const t0 = performance.now();
  const answered: Promise<void>[] = [];
  for (let i = 0; i < list.length; i++) {
    const due = t0 + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait >= 1) await new Promise((r) => setTimeout(r, wait));
    const d = list[i]!;
    const sentAt = performance.now();
    late.push(sentAt - due);
    answered.push(
      fetch(`${base}${d.path}`, {
        method: "POST",
        body: d.body,
        headers: { "content-type": "application/json", ...d.headers },
        signal: AbortSignal.timeout(30_000),
      }).then(
        async (res) => {
          await res.arrayBuffer();
          const key = `${d.kind} ${res.status}`;
          const xs = latencies.get(key) ?? [];
          const now = performance.now();
          xs.push(now - due);
          latencies.set(key, xs);
          if (res.status === 200) fromSend.push(now - sentAt);
        },
        () => void errors++,
      ),
    );
  }
  await Promise.all(answered);
  loop.disable();
  return {
    latencies,
    fromSend,
    sender: { late, loopP99: loop.percentile(99) / 1e6, loopMax: loop.max / 1e6 },
    seconds: (performance.now() - t0) / 1000,
    errors,
  };
}

/** How late the sender itself sent its deliveries, and its event loop's delay (ms). */
type Sender = { late: number[]; loopP99: number; loopMax: number };

async function loadStatic(base: string, seconds: number): Promise<number[]> {
  const out: number[] = [];
  await autocannon({
    url: `${base}/login`,
    connections: CONNECTIONS,
    duration: seconds,
    setupClient: (client) =>
      (client as unknown as { on: (e: string, f: (...a: number[]) => void) => void }).on(
        "response",
        (status, _b, ms) => {
          if (status === 200) out.push(ms);
        },
      ),
  });
  return out;
}

async function benchWebhooks() {
  const webhookDb = `postgresql://postgres@127.0.0.1:5432/siar_bench_inbox_wh_${tag}`;
  const mediaDir = mkdtempSync(path.join(tmpdir(), "siar-bench-inbox-media-"));
  let web: ChildProcess | undefined;
  let worker: ChildProcess | undefined;
  const { Redis } = await import("ioredis");
  const { Queue } = await import("bullmq");
  const { PUBLISHING_QUEUE } = await import("../src/jobs/contract");
  const { deleteKeysWithPrefix } = await import("../src/jobs/delete-keys");
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue(PUBLISHING_QUEUE, { connection: redis, prefix });
  const sql = new pg.Client({ connectionString: webhookDb });
  try {
    // A database of its own with the units and accounts alone: the worker's periodic jobs (escalation,
    // roll-ups) must not change the list's data set, and no other account is polled meanwhile.
    await ensureDatabase(webhookDb);
    migrate(webhookDb);
    await sql.connect();
    await seedWebhookAccounts(sql);
    const port = await freePort();
    const env = { ...productionWebEnv(port, webhookDb, DIST), MEDIA_DIR: mediaDir };
    web = startProductionWeb(port, env, DIST);
    worker = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "src/worker/main.ts"], {
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, DATABASE_URL: webhookDb, MEDIA_DIR: mediaDir, SIAR_SERVICE: "worker" },
    });
    const base = `http://127.0.0.1:${port}`;
    for (
      let i = 0;
      !(await fetch(`${base}/login`).then(
        (r) => r.ok,
        () => false,
      ));
      i++
    ) {
      if (i > 120 || web.exitCode !== null) throw new Error("the web app did not start");
      await new Promise((r) => setTimeout(r, 1000));
    }
    const list = deliveries(WEBHOOKS, tag);
    // Warm-up, unmeasured: the routes compiled on first use, connections to Redis open, the worker started.
    await send(base, deliveries(1_000, `warm${tag}`));
    await loadStatic(base, 2);
    console.log(
      `\nWebhook acknowledgement: ${list.length.toLocaleString("en")} deliveries to next start (production build), ${RATE > 0 ? `${RATE} a second, evenly spaced (each latency from the moment its delivery was due)` : `over ${CONNECTIONS} connections, each sending as soon as it has its answer`}, the worker storing meanwhile. Load average ${load()}.`,
    );
    const staticBefore = await loadStatic(base, 10);
    // CPU per delivery, from /proc: the web process, the worker, the database sessions of this run's database
    // and the Redis server (shared with anything else the machine runs).
    const cpu = async () => {
      const sessions = (
        await sql.query<{ pid: number }>(
          `select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
        )
      ).rows.map((r) => r.pid);
      return {
        web: cpuMs(processTree(web!.pid!)),
        worker: cpuMs(processTree(worker!.pid!)),
        db: new Map(sessions.map((pid) => [pid, cpuMs([pid])])),
        redis: cpuMs(redisPids()),
      };
    };
    const dbSpent = (a: Map<number, number>, b: Map<number, number>) =>
      [...b].reduce((sum, [pid, ms]) => sum + ms - (a.get(pid) ?? 0), 0);
    const c0 = await cpu();
    const t0 = performance.now();
    const paced = RATE > 0 ? await sendAtRate(base, list, RATE) : undefined;
    const sent = paced ?? (await send(base, list));
    const sentSeconds = (performance.now() - t0) / 1000;
    const c1 = await cpu();
    const staticAfter = await loadStatic(base, 10);
    const statics = [...staticBefore, ...staticAfter];
    const s95 = percentile(statics, 95);
    const s99 = percentile(statics, 99);
    const row = (label: string, xs: number[]) =>
      console.log(
        `  ${label.padEnd(34)} ${String(xs.length).padStart(6)} answers  p50 ${fmt(percentile(xs, 50)).padStart(9)}  p95 ${fmt(percentile(xs, 95)).padStart(9)}  p99 ${fmt(percentile(xs, 99)).padStart(9)}  | p99 ${(percentile(xs, 99) / s99).toFixed(1)}× the sign-in page's`,
      );
    const all = [...sent.latencies.values()].flat();
    const acks = [...sent.latencies].filter(([k]) => k.endsWith(" 200")).flatMap(([, xs]) => xs);
    row("sign-in page (static), before", staticBefore);
    row("sign-in page (static), after", staticAfter);
    for (const [key, xs] of [...sent.latencies].sort()) row(key, xs);
    row("every acknowledged delivery (200)", acks);
    if (paced) {
      row("  the same, timed from its sending", paced.fromSend);
      const late = paced.sender.late;
      console.log(
        `  The sender (this process, on the same cores) sent each delivery p50 ${fmt(percentile(late, 50))}, p99 ${fmt(percentile(late, 99))}, max ${fmt(late.reduce((a, b) => Math.max(a, b), 0))} after it was due; its event loop's delay p99 ${fmt(paced.sender.loopP99)}, max ${fmt(paced.sender.loopMax)}. The rows above count from the moment due, so they include it.`,
      );
    }
    console.log(
      `  ${all.length.toLocaleString("en")} answers in ${sentSeconds.toFixed(1)} s (${Math.round(all.length / sentSeconds)}/s), ${sent.errors} errors or timeouts; sign-in page p95 ${fmt(s95)} p99 ${fmt(s99)}.`,
    );

    // Drained: nothing waiting or running in the queue and the count still for a while (not "delayed": the
    // worker's repeating jobs wait there for ever).
    const expected = new Set(list.filter((d) => d.kind !== "bad signature").map((d) => d.externalId!));
    const t1 = performance.now();
    let stored = -1;
    for (let still = 0; still < 5;) {
      await new Promise((r) => setTimeout(r, 1000));
      const counts = await queue.getJobCounts("waiting", "active", "prioritized");
      const now = (
        await sql.query<{ n: number }>(`select count(*)::int as n from interactions where external_id like $1`, [
          `wh-${tag}-%`,
        ])
      ).rows[0]!.n;
      const pending = Object.values(counts).reduce((a, b) => a + b, 0);
      still = now === stored && pending === 0 ? still + 1 : 0;
      stored = now;
      if ((performance.now() - t1) / 1000 > 900) break;
    }
    const drained = (performance.now() - t0) / 1000;
    const check = (
      await sql.query<{ good: number; distinct: number; bad: number }>(
        `select count(*) filter (where external_id like $1)::int as good,
                count(distinct (platform, external_id)) filter (where external_id like $1)::int as distinct,
                count(*) filter (where external_id like $2)::int as bad
         from interactions`,
        [`wh-${tag}-%`, `bad-${tag}-%`],
      )
    ).rows[0]!;
    const storedIds = new Set(
      (
        await sql.query<{ id: string }>(`select external_id as id from interactions where external_id like $1`, [
          `wh-${tag}-%`,
        ])
      ).rows.map((r) => r.id),
    );
    const missing = [...expected].filter((id) => !storedIds.has(id)).length;
    const c2 = await cpu();
    const per = (ms: number) => `${(ms / list.length).toFixed(2)} ms`;
    console.log(
      `  CPU per delivery while they arrived: web ${per(c1.web - c0.web)}, Redis ${per(c1.redis - c0.redis)}, worker ${per(c1.worker - c0.worker)}, database ${per(dbSpent(c0.db, c1.db))}; the worker until drained ${per(c2.worker - c0.worker)}.`,
    );
    const a99 = percentile(acks, 99);
    console.log(
      `  Stored after the worker drained (${drained.toFixed(0)} s from the first delivery): ${check.good.toLocaleString("en")} items for ${expected.size.toLocaleString("en")} distinct valid events (${check.distinct.toLocaleString("en")} distinct, ${missing} missing), ${check.bad} from badly signed deliveries.`,
    );
    console.log(
      `\nGoal, acknowledgement p99 < 100 ms, every valid event stored exactly once, nothing from a bad signature: ${
        a99 < 100 && check.good === expected.size && check.distinct === check.good && missing === 0 && check.bad === 0
          ? "met"
          : "NOT met"
      } (ack p50 ${fmt(percentile(acks, 50))}, p99 ${fmt(a99)}, ${(a99 / s99).toFixed(1)}× the sign-in page's p99). Load average ${load()}.`,
    );
  } finally {
    for (const child of [web, worker])
      if (child && child.exitCode === null) {
        const exited = once(child, "exit");
        child.kill("SIGTERM");
        await exited;
      }
    await queue.close().catch(() => {});
    await deleteKeysWithPrefix(redis, prefix).catch(() => {});
    redis.disconnect();
    await sql.end().catch(() => {});
    rmSync(mediaDir, { recursive: true, force: true });
    rmSync("tsconfig.bench-web.json", { force: true });
    await dropDatabase(webhookDb);
  }
}

// ---------------------------------------------------------------------------------------------------------
// 2. The inbox list.

async function benchList(sql: pg.Client) {
  const { db } = await import("../src/server/db");
  const { loadActor } = await import("../src/server/auth/actor");
  const { listInbox } = await import("../src/server/interactions/list-inbox");
  const one = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) =>
    (await sql.query<T>(text, values)).rows[0]!;
  const polda = await one<{ id: string; path: string }>(`select id, path from units where code = 'POLDA-01'`);
  const otherPolda = await one<{ id: string }>(`select id from units where code = 'POLDA-02'`);
  const counts = await one<{ inPolda: number; all: number }>(
    `select count(*) filter (where u.path like $1 || '%')::int as "inPolda", count(*)::int as all
     from interactions i join units u on u.id = i.unit_id`,
    [polda.path],
  );
  console.log(
    `\nInbox list: ${counts.inPolda.toLocaleString("en")} items in Polda 01's subtree, ${counts.all.toLocaleString("en")} in all; ${RUNS} runs each after one warm-up, interleaved with the baseline.`,
  );
  // The busiest account and a Polres of the Polda, its Ditlantas, and a cursor half-way down its inbox.
  const account = await one<{ id: string; platform: string }>(
    `select a.id, a.platform from social_accounts a join units u on u.id = a.unit_id
     where u.path like $1 || '%' order by (select count(*) from interactions i where i.account_id = a.id) desc limit 1`,
    [polda.path],
  );
  const smallAccount = await one<{ id: string }>(
    `select a.id from social_accounts a join units u on u.id = a.unit_id
     where u.path like $1 || '%' and u.kind = 'Polsek' and a.platform = 'INSTAGRAM' order by u.code limit 1`,
    [polda.path],
  );
  const polres = await one<{ id: string }>(
    `select id from units where parent_id = $1 and kind = 'Polres' order by code limit 1`,
    [polda.id],
  );
  const ditlantas = await one<{ id: string }>(`select id from units where code = 'DITLANTAS-POLDA-01'`);
  const cursorAt = async (order: "desc" | "asc", depth: number, where = `u.path like $1 || '%'`) => {
    const r = await one<{ at: Date; id: string }>(
      `select i.received_at as at, i.id from interactions i join units u on u.id = i.unit_id
       where ${where} order by i.received_at ${order}, i.id ${order} offset $2 limit 1`,
      [polda.path, depth],
    );
    return `${r.at.toISOString()}_${r.id}`;
  };
  const deep = Math.floor(counts.inPolda / 2);
  const handle = await one<{ h: string }>(
    `select author_handle as h from interactions i join units u on u.id = i.unit_id
     where u.path like $1 || '%' and author_handle is not null limit 1`,
    [polda.path],
  );
  const poldaAdmin = (await loadActor(INBOX_POLDA_ADMIN_ID))!;
  const nationalAdmin = (await loadActor(INBOX_NATIONAL_ADMIN_ID))!;
  type Case = [string, typeof poldaAdmin, Record<string, unknown>];
  const cases: Case[] = [
    ["Polda: first page, newest first", poldaAdmin, {}],
    ["Polda: first page, oldest first", poldaAdmin, { order: "oldest" }],
    [
      `Polda: keyset page ${deep.toLocaleString("en")} items down, newest`,
      poldaAdmin,
      { after: await cursorAt("desc", deep) },
    ],
    [
      `Polda: keyset page ${deep.toLocaleString("en")} items down, oldest`,
      poldaAdmin,
      { order: "oldest", after: await cursorAt("asc", deep) },
    ],
    ["Polda: unit, a Polres", poldaAdmin, { unitId: polres.id }],
    [`Polda: account, the busiest (${account.platform})`, poldaAdmin, { accountId: account.id }],
    ["Polda: account, a Polsek's Instagram", poldaAdmin, { accountId: smallAccount.id }],
    ["Polda: platform X", poldaAdmin, { platform: "X" }],
    ["Polda: platform LINE", poldaAdmin, { platform: "LINE_OA" }],
    ["Polda: category Pengaduan", poldaAdmin, { category: "PENGADUAN" }],
    ["Polda: category none yet", poldaAdmin, { category: "NONE" }],
    ["Polda: state New", poldaAdmin, { state: "NEW" }],
    ["Polda: state Forwarded", poldaAdmin, { state: "FORWARDED" }],
    ["Polda: state Overdue", poldaAdmin, { state: "OVERDUE" }],
    ["Polda: function Ditlantas", poldaAdmin, { functionId: ditlantas.id }],
    ["Polda: search 'tilang' (common)", poldaAdmin, { q: "tilang" }],
    ["Polda: search 'samsat' (rare)", poldaAdmin, { q: "samsat" }],
    ["Polda: search an author's handle", poldaAdmin, { q: handle.h }],
    ["Polda: search 'zzqx' (nothing)", poldaAdmin, { q: "zzqx" }],
    ["Polda: Instagram + Pengaduan + 'sim'", poldaAdmin, { platform: "INSTAGRAM", category: "PENGADUAN", q: "sim" }],
    ["Polda: search 'tilang', page 2", poldaAdmin, { q: "tilang", after: "" }],
    ["national: first page, newest first", nationalAdmin, {}],
    ["national: unit, another Polda", nationalAdmin, { unitId: otherPolda.id }],
    ["national: state Overdue", nationalAdmin, { state: "OVERDUE" }],
    ["national: search 'samsat'", nationalAdmin, { q: "samsat" }],
    ["national: search 'zzqx' (nothing)", nationalAdmin, { q: "zzqx" }],
  ];
  // Page 2 of a search: the cursor of its first page's last item.
  for (const c of cases)
    if (c[2].after === "") c[2].after = (await listInbox(c[1], { ...c[2], after: undefined })).next ?? undefined;

  const baseline = () =>
    db.interaction.findMany({
      where: { unitId: polda.id },
      orderBy: { receivedAt: "desc" },
      take: 26,
      select: { id: true, receivedAt: true, text: true },
    });
  type Result = { label: string; items: number; list: number[]; base: number[] };
  const results: Result[] = [];
  for (const [label, actor, query] of cases) {
    const items = (await listInbox(actor, query)).items.length;
    await baseline();
    const list: number[] = [];
    const base: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      let t = performance.now();
      await listInbox(actor, query);
      list.push(performance.now() - t);
      t = performance.now();
      await baseline();
      base.push(performance.now() - t);
    }
    results.push({ label, items, list, base });
    const r = results.at(-1)!;
    console.log(
      `  ${label.padEnd(52)} ${String(items).padStart(3)} items  p50 ${fmt(percentile(r.list, 50)).padStart(9)}  p95 ${fmt(percentile(r.list, 95)).padStart(9)}  p99 ${fmt(percentile(r.list, 99)).padStart(9)}  | baseline p50 ${fmt(percentile(r.base, 50)).padStart(8)} p95 ${fmt(percentile(r.base, 95)).padStart(8)}  | p95 ratio ${(percentile(r.list, 95) / percentile(r.base, 95)).toFixed(1)}×`,
    );
  }
  const worst = results.reduce((w, r) => (percentile(r.list, 95) > percentile(w.list, 95) ? r : w));
  const w95 = percentile(worst.list, 95);
  console.log(
    `\nGoal, every list's p95 < 150 ms: ${results.every((r) => percentile(r.list, 95) < 150) ? "met" : "NOT met"} (worst: ${worst.label}, p95 ${fmt(w95)}, ${(w95 / percentile(worst.base, 95)).toFixed(1)}× its baseline). Load average ${load()}.`,
  );
  await db.$disconnect();
}

// ---------------------------------------------------------------------------------------------------------

await ensureDatabase(databaseUrl);
const sql = new pg.Client({ connectionString: databaseUrl });
try {
  migrate(databaseUrl);
  await sql.connect();
  console.log(`Load average at the start: ${load()} (${(await import("node:os")).cpus().length} cores, shared).`);
  if (ONLY !== "list") await benchWebhooks();
  if (ONLY !== "webhooks") {
    const units = (await sql.query<{ n: number }>(`select count(*)::int as n from units`)).rows[0]!.n;
    if (units === 0) {
      console.log(`Generating the data set in ${new URL(databaseUrl).pathname.slice(1)} …`);
      await seedInboxUnits(sql, log);
    }
    const items = (
      await sql.query<{ n: number }>(`select count(*)::int as n from interactions where external_id like 'bench-%'`)
    ).rows[0]!.n;
    if (items === 0) {
      await seedInboxItems(sql, { inPolda: ITEMS, elsewhere: Math.floor(ITEMS / 2), log });
      const t0 = performance.now();
      // Autovacuum does this on a live database; right after a bulk load the statistics and the visibility
      // map are empty. A checkpoint, so the flush of the load's pages does not run during the timed lists.
      await sql.query("vacuum analyze");
      await sql.query("checkpoint");
      console.log(
        `  ${"vacuum analyze + checkpoint".padEnd(44)} ${((performance.now() - t0) / 1000).toFixed(1).padStart(7)} s`,
      );
    } else console.log(`Reusing ${items.toLocaleString("en")} generated items.`);
    await benchList(sql);
  }
} finally {
  await sql.end().catch(() => {});
  if (process.env.BENCH_KEEP || REUSE) console.log(`Kept ${databaseUrl}`);
  else await dropDatabase(databaseUrl);
}
