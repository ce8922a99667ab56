// `npm run bench:workers`: what a second and third worker process add (issue 13, decision 0009).
//
// In one run, on one database, one Redis prefix and one emulator process whose every platform call takes
// BENCH_LATENCY_MS (300 by default, as real platforms answer) with the platforms' limits on:
//  - for each concurrency in BENCH_CONCURRENCIES (per worker process; "25,300" by default: a worker bound
//    by the platforms' latency, and the shipped WORKER_CONCURRENCY), BENCH_ROUNDS (1) rounds of
//    BENCH_TARGETS (3,000) targets published by one worker process and by three, interleaved;
//  - then three workers at the first concurrency, one of them SIGKILLed once half the targets arrived:
//    every target must end published exactly once by the emulator's own count.
// Throughput is targets per second from the approval to the last target PUBLISHED in the database; the
// ratios are three workers' throughput over one worker's, measured in the same run.
// The targets are LINE posts, one per channel: LINE can be asked after a crash whether a post went out
// (its retry key), so a killed worker's targets end published, not UNCONFIRMED (X cannot be asked).

import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { once } from "node:events";
import { rmSync } from "node:fs";
import { Redis } from "ioredis";
import { dropDatabase, ensureDatabase, migrate } from "./lib/database";
import { benchEnvironment, emulatorUrls, startEmulatorProcess } from "./lib/bench";

const { databaseUrl, redisUrl, prefix, mediaDir } = benchEnvironment();
const targets = Number(process.env.BENCH_TARGETS ?? 3_000);
const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 300);
const rounds = Number(process.env.BENCH_ROUNDS ?? 1);
const concurrencies = (process.env.BENCH_CONCURRENCIES ?? "25,300").split(",").map(Number);

const { db, client } = await import("../src/server/db");
const { approvePost } = await import("../src/server/publishing/approve-post");
const { closePublishingProducer } = await import("../src/jobs/producer");
const { deleteKeysWithPrefix } = await import("../src/jobs/delete-keys");
const { accountData } = await import("../tests/factories/accounts");
const { unitData } = await import("../tests/factories/units");
const { createUser } = await import("../tests/factories/users");

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const benchRedis = new Redis(redisUrl, { maxRetriesPerRequest: null });
let emulator: Awaited<ReturnType<typeof startEmulatorProcess>> | undefined;
const workers: ChildProcess[] = [];

function startWorker(concurrency: number): ChildProcess {
  const base = emulator!.url;
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "src/worker/main.ts"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      SIAR_SERVICE: "worker",
      WORKER_CONCURRENCY: String(concurrency),
      // A killed worker's jobs are taken up once their lock lapses, and its half-done targets are asked about
      // once they are this old: seconds instead of the shipped minutes, the same in every round.
      WORKER_LOCK_MS: "5000",
      PUBLISH_STUCK_AFTER_MS: "5000",
      RECONCILE_EVERY_MS: "1000",
      CONFIRM_DELAY_MS: "500",
      ...emulatorUrls(base),
    },
  });
  workers.push(child);
  return child;
}

async function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill(signal);
  await exited;
}

try {
  await ensureDatabase(databaseUrl);
  migrate(databaseUrl);
  emulator = await startEmulatorProcess({ limits: true });
  const unit = await db.unit.create({ data: unitData({ name: "Bench", kind: "Polda" }) });
  const author = await createUser(db, { memberships: [{ unitId: unit.id, role: "ADMIN" }] });
  const approver = await createUser(db, { memberships: [{ unitId: unit.id, role: "SUPERVISOR" }] });
  const accounts = Array.from({ length: targets }, () =>
    accountData({ unitId: unit.id, platform: "LINE_OA", connect: true }),
  );
  for (let i = 0; i < accounts.length; i += 1_000)
    await db.socialAccount.createMany({ data: accounts.slice(i, i + 1_000) });

  /** One post to every channel, approved: the jobs wait in the queue for the workers. */
  const newPost = async (n = targets) => {
    const postId = randomUUID();
    const text = `Siaran pers ${randomBytes(4).toString("hex")}`;
    await db.post.create({ data: { id: postId, authorId: author.id, unitId: unit.id, baseText: text } });
    const rows = accounts.slice(0, n).map((a) => ({
      id: randomUUID(),
      postId,
      accountId: a.id,
      status: "PENDING_APPROVAL" as const,
      scheduledAt: null,
    }));
    for (let i = 0; i < rows.length; i += 1_000) await db.postTarget.createMany({ data: rows.slice(i, i + 1_000) });
    return { postId, text, n };
  };
  const waitDone = async (postId: string, n: number) => {
    for (let last = -1, still = performance.now(); ;) {
      const done = await db.postTarget.count({ where: { postId, status: { in: ["PUBLISHED", "FAILED"] } } });
      if (done >= n) return;
      if (done !== last) [last, still] = [done, performance.now()];
      else if (performance.now() - still > 120_000) throw new Error(`Stuck at ${done} of ${n} targets for two minutes`);
      await sleep(done > n * 0.95 ? 20 : 200);
    }
  };
  /** Starts `count` workers, warms them up with a small post, then times `targets` targets. */
  const round = async (count: number, concurrency: number, kill = false) => {
    await emulator!.reset(latencyMs);
    await deleteKeysWithPrefix(benchRedis, `${prefix}:limit`);
    const started = Array.from({ length: count }, () => startWorker(concurrency));
    const warm = await newPost(Math.min(100, targets));
    await approvePost({ postId: warm.postId, actorId: approver.id });
    await waitDone(warm.postId, warm.n);
    await emulator!.reset(latencyMs);
    await deleteKeysWithPrefix(benchRedis, `${prefix}:limit`);
    const post = await newPost();
    const t0 = performance.now();
    await approvePost({ postId: post.postId, actorId: approver.id });
    let killedAt: number | null = null;
    if (kill) {
      for (
        let waited = 0;
        (killedAt = await emulator!.arrived(Math.floor(targets / 2), 60_000)) < targets / 2;
        waited++
      )
        if (waited >= 10) throw new Error("Half the posts did not arrive in ten minutes");
      await stop(started[0]!, "SIGKILL");
    }
    await waitDone(post.postId, targets);
    const ms = performance.now() - t0;
    const arrivals = await emulator!.arrivals();
    const mine = arrivals.counts.filter((c) => c.text === post.text);
    const published = await db.postTarget.count({ where: { postId: post.postId, status: "PUBLISHED" } });
    await Promise.all(started.map((w) => stop(w, "SIGTERM")));
    return {
      ms,
      perSecond: (targets * 1000) / ms,
      published,
      once: mine.filter((c) => c.count === 1).length,
      twice: mine.filter((c) => c.count > 1).length,
      refused: Object.values(arrivals.limitRefusals).reduce((a: number, b) => a + Number(b), 0),
      killedAt,
    };
  };

  console.log(
    `Several workers: ${targets.toLocaleString("en")} LINE targets, platform calls taking ${latencyMs} ms, limits on, ${rounds} round(s) each, one and three worker processes interleaved`,
  );
  for (const concurrency of concurrencies) {
    const one: number[] = [];
    const three: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const a = await round(1, concurrency);
      const b = await round(3, concurrency);
      for (const [label, x] of [
        ["1 worker ", a],
        ["3 workers", b],
      ] as const)
        console.log(
          `  concurrency ${concurrency} per worker, ${label}: ${(x.ms / 1000).toFixed(1)} s, ${x.perSecond.toFixed(0)} targets/s; ${x.published} published, ${x.once} arrived once, ${x.twice} more than once, ${x.refused} refused by a platform limit`,
        );
      one.push(a.perSecond);
      three.push(b.perSecond);
    }
    console.log(
      `  → concurrency ${concurrency}: three workers ${median(three).toFixed(0)} targets/s against one worker's ${median(one).toFixed(0)}: ratio ${(median(three) / median(one)).toFixed(2)}`,
    );
  }
  const k = await round(3, concurrencies[0]!, true);
  console.log(
    `  SIGKILL: 3 workers at concurrency ${concurrencies[0]}, one killed after ${k.killedAt} arrivals: ${(k.ms / 1000).toFixed(1)} s, ${k.perSecond.toFixed(0)} targets/s; ${k.published} of ${targets} published, ${k.once} arrived exactly once, ${k.twice} more than once, ${targets - k.once - k.twice} never`,
  );
  if (k.published !== targets || k.once !== targets) process.exitCode = 1;
} finally {
  for (const w of workers) await stop(w, "SIGKILL");
  await emulator?.close();
  await closePublishingProducer();
  await deleteKeysWithPrefix(benchRedis, prefix);
  await benchRedis.quit();
  await client().$disconnect();
  await dropDatabase(databaseUrl);
  rmSync(mediaDir, { recursive: true, force: true });
}
process.exit(process.exitCode ?? 0);
