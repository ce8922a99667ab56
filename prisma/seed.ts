import { parseArgs } from "node:util";
import { createPrismaClient } from "../src/server/db";
import { loadEnv } from "../src/server/env";
import { seedDemo } from "./seed-demo";
import { describeNational, seedNational } from "./seed-national";

// Seeds the demo organisation into an empty database; refuses to touch one that has units already.
// `npm run db:seed -- --scale national [--accounts 5000] [--days 365]` builds the national data set instead
// (34 Polda, 450 Polres, 1,500 Polsek, 5,000 accounts and a year of history; decision 0012).
const { values: args } = parseArgs({
  options: { scale: { type: "string", default: "demo" }, accounts: { type: "string" }, days: { type: "string" } },
});
if (args.scale !== "demo" && args.scale !== "national") throw new Error(`--scale is demo or national`);
const count = (v: string | undefined, name: string) => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 100_000)
    throw new Error(`--${name} must be a whole number from 1 to 100000`);
  return n;
};
const accounts = count(args.accounts, "accounts");
const days = count(args.days, "days");
try {
  process.loadEnvFile(".env");
} catch {
  /* environment from the process */
}
const env = loadEnv();
const db = createPrismaClient(env.DATABASE_URL);
try {
  if ((await db.unit.count()) > 0) {
    console.log(`The database already has data; the ${args.scale} seed was not applied.`);
  } else if (args.scale === "national") {
    console.log(`Building the national data set in ${new URL(env.DATABASE_URL).pathname.slice(1)} …`);
    const t0 = performance.now();
    // One transaction: a seed that fails half-way leaves nothing behind.
    const r = await db.$transaction((tx) => seedNational(tx, { accounts, days, log: console.log }), {
      timeout: 3_600_000,
      maxWait: 10_000,
    });
    console.log(describeNational(r, performance.now() - t0));
    // Millions of rows arrive at once: the planner's statistics are taken now, not left to autovacuum (which
    // may be off, or an hour away), or the first pages read them with the plans of empty tables.
    const t1 = performance.now();
    await db.$executeRawUnsafe("vacuum analyze");
    console.log(`Statistics (vacuum analyze) in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
  } else {
    const r = await db.$transaction((tx) => seedDemo(tx), { timeout: 300_000, maxWait: 10_000 });
    console.log(`Seeded ${r.units} units, ${r.accounts} accounts, ${r.users} users, ${r.posts} posts of history.`);
  }
} finally {
  await db.$disconnect();
}
