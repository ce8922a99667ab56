import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { run, withE2eEnvironment } from "./lib/e2e-environment";
import { requireServices } from "./lib/services";

// `npm run screenshots`: docs/screenshots/<role>/<page>-<desktop|phone>.png for every page of every role,
// taken from a production build on a freshly seeded database of its own (as `npm test -- e2e` does).
await requireServices("postgresql://127.0.0.1:5432", "redis://127.0.0.1:6379");
const base: NodeJS.ProcessEnv = {
  NODE_ENV: "test",
  NEXT_TELEMETRY_DISABLED: "1",
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
  CREDENTIALS_KEY: randomBytes(32).toString("base64"),
};
for (const role of ["superadmin", "leadership", "admin", "supervisor", "responder"])
  rmSync(`docs/screenshots/${role}`, { recursive: true, force: true });
const ok = await withE2eEnvironment(base, (env) =>
  run(
    "node_modules/.bin/playwright",
    ["test", "--config", "playwright.screenshots.config.ts", ...process.argv.slice(2)],
    env,
  ),
);
process.exit(ok ? 0 : 1);
