import { rmSync } from "node:fs";
import { run, testRunEnvironment, withE2eEnvironment } from "./lib/e2e-environment";
import { requireServices } from "./lib/services";

// `npm run screenshots`: docs/screenshots/<role>/<page>-<desktop|phone>.png for every page of every role,
// taken from a production build on a freshly seeded database of its own (as `npm test -- e2e` does).
await requireServices("postgresql://127.0.0.1:5432", "redis://127.0.0.1:6379");
const base = testRunEnvironment();
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
