import { createPrismaClient } from "../src/server/db";
import { loadEnv } from "../src/server/env";
import { seedDemo } from "./seed-demo";

// Seeds the demo organisation into an empty database; refuses to touch one that has units already.
try {
  process.loadEnvFile(".env");
} catch {
  /* environment from the process */
}
const env = loadEnv();
const db = createPrismaClient(env.DATABASE_URL);
try {
  if ((await db.unit.count()) > 0) {
    console.log("The database already has data; the demo seed was not applied.");
  } else {
    // One transaction: a seed that fails half-way leaves nothing behind.
    const r = await db.$transaction((tx) => seedDemo(tx), { timeout: 300_000, maxWait: 10_000 });
    console.log(`Seeded ${r.units} units, ${r.accounts} accounts, ${r.users} users, ${r.posts} posts of history.`);
  }
} finally {
  await db.$disconnect();
}
