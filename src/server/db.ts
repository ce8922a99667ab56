import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { env, envSchema } from "@/server/env";

/** DATABASE_POOL_SIZE, else 10 for the web app and 20 for the worker. Only this variable is read, so
 * scripts that pass their own URL need no complete environment. */
export function databasePoolSize(): number {
  return envSchema.shape.DATABASE_POOL_SIZE.parse(process.env.DATABASE_POOL_SIZE || undefined) ?? (process.env.SIAR_SERVICE === "worker" ? 20 : 10);
}

export function createPrismaClient(databaseUrl: string = env().DATABASE_URL, max: number = databasePoolSize()): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max }) });
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
