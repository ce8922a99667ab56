import { createHash } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { env, envSchema } from "@/server/env";

/** DATABASE_POOL_SIZE, else 10 for the web app and 20 for the worker. Only this variable is read, so
 * scripts that pass their own URL need no complete environment. */
export function databasePoolSize(): number {
  return envSchema.shape.DATABASE_POOL_SIZE.parse(process.env.DATABASE_POOL_SIZE || undefined) ?? (process.env.SIAR_SERVICE === "worker" ? 20 : 10);
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

export function createPrismaClient(databaseUrl: string = env().DATABASE_URL, max: number = databasePoolSize()): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max }, { statementNameGenerator: statementName }) });
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
    const value = Reflect.get(c, prop, c);
    return typeof value === "function" ? value.bind(c) : value;
  },
});

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
