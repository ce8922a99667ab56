import { randomBytes } from "node:crypto";
import { dropDatabase, ensureDatabase, migrate } from "../../scripts/lib/database";
import { applyTestEnv } from "./test-env";

// Integration tests get a database of their own, created and migrated here and dropped afterwards.
// Tests never truncate: each one makes its own units, accounts and users with the factories.
export default async function setup() {
  const name = `siar_it_${process.pid}_${randomBytes(3).toString("hex")}`;
  applyTestEnv({
    DATABASE_URL: `postgresql://postgres@127.0.0.1:5432/${name}`,
    CREDENTIALS_KEY: randomBytes(32).toString("base64"),
  });
  const url = `postgresql://postgres@127.0.0.1:5432/${name}`;
  process.env.DATABASE_URL = url;
  await ensureDatabase(url);
  migrate(url);
  return async () => {
    await dropDatabase(url);
  };
}
