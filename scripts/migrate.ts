import { ensureDatabase, migrate } from "./lib/database";
import { loadEnv } from "../src/server/env";

try {
  process.loadEnvFile(".env");
} catch {
  /* the environment may come from the process alone */
}
const env = loadEnv();
if (await ensureDatabase(env.DATABASE_URL)) console.log("Created the database.");
migrate(env.DATABASE_URL);
console.log("Database is migrated.");
