import "server-only";
import { createHash } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { Prisma, PrismaClient } from "@/generated/prisma/client";
import { env, envSchema } from "@/server/env";
import { logger } from "@/server/logger";

/** DATABASE_POOL_SIZE, else 10 for the web app and 20 for the worker. Only this variable is read, so
 * scripts that pass their own URL need no complete environment. */
export function databasePoolSize(): number {
  return (
    envSchema.shape.DATABASE_POOL_SIZE.parse(process.env.DATABASE_POOL_SIZE || undefined) ??
    (process.env.SIAR_SERVICE === "worker" ? 20 : 10)
  );
}

/** Starts a statement that runs often with the same text (the engine's transitions): it is prepared
 * once per connection and then planned from a cached plan, instead of parsed and planned every time. */
export const PREPARED = "/* siar:prepared */";
const names = new Map<string, string>();
// An empty name leaves a statement unnamed (node-postgres), as every other statement is.
function statementName(query: { sql: string }): string {
  if (!query.sql.startsWith(PREPARED)) return "";
  let name = names.get(query.sql);
  if (!name) names.set(query.sql, (name = `siar_${createHash("sha1").update(query.sql).digest("hex").slice(0, 20)}`));
  return name;
}

export function createPrismaClient(
  databaseUrl: string = env().DATABASE_URL,
  max: number = databasePoolSize(),
): PrismaClient {
  return new PrismaClient({
    // JIT compilation costs more than it saves on Siar's statements (the boards' included), and the boards'
    // medians sort in memory with 32 MB (decision 0012: set per connection, so a board needs no transaction).
    adapter: new PrismaPg(
      { connectionString: databaseUrl, max, options: "-c jit=off -c work_mem=32MB" },
      { statementNameGenerator: statementName },
    ),
  });
}

// One client per process, made on first use (so scripts can load their environment first);
// Next.js dev reloads modules, so it lives on globalThis.
const holder = globalThis as unknown as { siarPrisma?: PrismaClient };

export function client(): PrismaClient {
  return (holder.siarPrisma ??= createPrismaClient());
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_, prop) {
    const c = client();
    const value: unknown = Reflect.get(c, prop, c);
    return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(c) : value;
  },
});

// The worker's two hot statements, the claim and the recorded publication, run on a small pool of
// their own, straight on node-postgres. They run hundreds of times a minute with the same text, and
// they are written to find every row by its primary key from the ids given. This pool makes
// PostgreSQL hold to that plan, whatever its statistics say: one generic plan per connection,
// planned once, and no table scans or hash joins (these statements touch a few dozen rows by key).
// Left to choose, PostgreSQL re-planned the claim for every batch (~1 ms each), and once its
// statistics lagged behind a burst of publishing it scanned whole tables per batch (decision 0002).
const ENGINE_SESSION =
  "-c plan_cache_mode=force_generic_plan -c enable_seqscan=off -c enable_hashjoin=off -c enable_mergejoin=off";
const ENGINE_POOL_SIZE = 4;

const engineHolder = globalThis as unknown as { siarEnginePool?: pg.Pool };

function enginePool(): pg.Pool {
  if (!engineHolder.siarEnginePool) {
    const pool = new pg.Pool({
      connectionString: env().DATABASE_URL,
      max: ENGINE_POOL_SIZE,
      options: ENGINE_SESSION,
      allowExitOnIdle: true,
    });
    // An idle connection the server closed (a restart) is replaced on next use; it must not crash the worker.
    pool.on("error", (err) => logger.warn({ err }, "Engine database connection lost"));
    engineHolder.siarEnginePool = pool;
  }
  return engineHolder.siarEnginePool;
}

/** For the engine's hot statements only (see above): `$queryRaw` on the engine pool, prepared by name. */
export const engineDb: RawClient = {
  $queryRaw: (async (strings: TemplateStringsArray, ...values: unknown[]) => {
    const sql = Prisma.sql(strings, ...(values as Prisma.Sql[]));
    const result = await enginePool().query({
      name: statementName({ sql: sql.text }) || undefined,
      text: sql.text,
      values: sql.values,
    });
    return result.rows as unknown[];
  }) as unknown as RawClient["$queryRaw"],
};

export async function closeEnginePool(): Promise<void> {
  const pool = engineHolder.siarEnginePool;
  engineHolder.siarEnginePool = undefined;
  await pool?.end();
}

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
/** What raw statements need: the client, a transaction, or the engine pool. */
export type RawClient = Pick<Tx, "$queryRaw">;
