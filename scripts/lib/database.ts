import { execFileSync } from "node:child_process";
import pg from "pg";

/** dbmate wants sslmode spelled out for a local server. */
export function dbmateUrl(databaseUrl: string): string {
  const u = new URL(databaseUrl);
  if (!u.searchParams.has("sslmode")) u.searchParams.set("sslmode", "disable");
  return u.toString();
}

function adminUrl(databaseUrl: string): { admin: string; name: string } {
  const u = new URL(databaseUrl);
  const name = decodeURIComponent(u.pathname.slice(1));
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Unsupported database name "${name}"`);
  u.pathname = "/postgres";
  u.search = "";
  return { admin: u.toString(), name };
}

export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const { admin, name } = adminUrl(databaseUrl);
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (found.rowCount) return false;
    await client.query(`create database "${name}"`);
    return true;
  } finally {
    await client.end();
  }
}

export async function dropDatabase(databaseUrl: string): Promise<void> {
  const { admin, name } = adminUrl(databaseUrl);
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await client.end();
  }
}

export function migrate(databaseUrl: string): void {
  execFileSync(
    "node_modules/.bin/dbmate",
    ["--url", dbmateUrl(databaseUrl), "--migrations-dir", "prisma/migrations", "--no-dump-schema", "--wait", "up"],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
}
