import { randomBytes } from "node:crypto";
import { dropDatabase, ensureDatabase, migrate } from "./lib/database";

// `npm run bench:sign-in`: the sign-in flood of issue 13. 200 sign-in attempts at concurrency 20 run in this
// process, as they would in the web server, while another user's request (the guards' read of the actor
// plus a page's small query) is timed over and over. The same request is timed first on a quiet process;
// the flood's figures are printed as ratios to that baseline, measured in the same run (the machines are
// shared and noisy). The per-address limit would stop one address after 30 attempts, so the flood calls
// the password check directly: this is many addresses at once, the worst case for the hashing itself.
// Decision 0009 records the figures.

try {
  process.loadEnvFile(".env");
} catch {
  /* the environment may come from the process alone */
}
const tag = randomBytes(3).toString("hex");
const databaseUrl = `postgresql://postgres@127.0.0.1:5432/siar_bench_${tag}`;
Object.assign(process.env, {
  DATABASE_URL: databaseUrl,
  LOG_LEVEL: "silent",
  CREDENTIALS_KEY: process.env.CREDENTIALS_KEY || randomBytes(32).toString("base64"),
  NEXTAUTH_URL: process.env.NEXTAUTH_URL || "http://127.0.0.1:3000",
  NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET || randomBytes(32).toString("hex"),
});
const ATTEMPTS = Number(process.env.BENCH_ATTEMPTS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 60);

await ensureDatabase(databaseUrl);
migrate(databaseUrl);
const { db } = await import("../src/server/db");
const { verifySignIn } = await import("../src/server/auth/verify-sign-in");
const { createUser } = await import("../tests/factories/users");
const { unitData } = await import("../tests/factories/units");

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)] ?? NaN;

try {
  const unit = await db.unit.create({ data: unitData({ name: "Bench", kind: "Mabes" }) });
  const other = await createUser(db, { memberships: [{ unitId: unit.id, role: "ADMIN" }] });
  const target = await createUser(db);

  /** Another user's request: the guards' actor read and a small page query. */
  const request = async () => {
    const t0 = performance.now();
    // What loadActor in src/server/auth/guards.ts reads (that module needs Next's request scope).
    await db.user.findUnique({
      where: { id: other.id },
      include: { memberships: { include: { unit: { select: { path: true } } } } },
    });
    await db.post.count({ where: { authorId: other.id } });
    return performance.now() - t0;
  };
  const sample = async (stop: () => boolean) => {
    const out: number[] = [];
    while (out.length < SAMPLES && !stop()) {
      out.push(await request());
      await new Promise((r) => setTimeout(r, 10));
    }
    return out;
  };

  for (let i = 0; i < 20; i++) await request(); // warm the pool and the plans
  const quiet = await sample(() => false);

  let done = 0;
  const t0 = performance.now();
  let flooding = true;
  const flood = (async () => {
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < ATTEMPTS) {
          const i = next++;
          await verifySignIn(i % 2 ? target.email : `tidak-ada-${i}@bench.test`, `tebakan-${i}`).catch(() => undefined);
          done++;
        }
      }),
    );
    flooding = false;
  })();
  const loaded = await sample(() => !flooding);
  await flood;
  const floodMs = performance.now() - t0;

  const row = (name: string, xs: number[]) =>
    `  ${name.padEnd(34)} p50 ${percentile(xs, 50).toFixed(1).padStart(7)} ms   p95 ${percentile(xs, 95).toFixed(1).padStart(7)} ms   (${xs.length} requests)`;
  console.log(`sign-in flood: ${done} attempts at concurrency ${CONCURRENCY} in ${(floodMs / 1000).toFixed(1)} s`);
  console.log(row("another user's request, quiet", quiet));
  console.log(row("the same request during the flood", loaded));
  console.log(
    `  ratio during flood / quiet:        p50 ${(percentile(loaded, 50) / percentile(quiet, 50)).toFixed(2)}×   p95 ${(percentile(loaded, 95) / percentile(quiet, 95)).toFixed(2)}×   (issue 13 asks for within 2×)`,
  );
} finally {
  await db.$disconnect();
  await dropDatabase(databaseUrl);
}
