import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { run, testRunEnvironment, withE2eEnvironment } from "./lib/e2e-environment";
import { requireServices } from "./lib/services";

// `npm test` runs everything: unit, integration (its own database, made and dropped by Vitest's
// global setup) and end-to-end in Chromium against a production build on a seeded database of its own.
// `npm test -- unit|integration|e2e` runs one part; further arguments go to that runner
// (e.g. `npm test -- e2e tests/e2e/desk.spec.ts`).
const parts = process.argv.slice(2).filter((a) => ["unit", "integration", "e2e"].includes(a));
const passThrough = process.argv.slice(2).filter((a) => !parts.includes(a));
const want = (p: string) => parts.length === 0 || parts.includes(p);

const base = testRunEnvironment();

await requireServices("postgresql://127.0.0.1:5432", "redis://127.0.0.1:6379");
if (!existsSync("src/generated/prisma/client.ts"))
  execFileSync("npm", ["run", "--silent", "prisma:generate"], { stdio: "inherit" });

let ok = true;
const vitestProjects = ["unit", "integration"].filter(want);
if (vitestProjects.length) {
  ok =
    run(
      "node_modules/.bin/vitest",
      ["run", ...vitestProjects.flatMap((p) => ["--project", p]), ...(want("e2e") ? [] : passThrough)],
      base,
    ) && ok;
}

if (want("e2e")) {
  ok =
    (await withE2eEnvironment(base, (env) => run("node_modules/.bin/playwright", ["test", ...passThrough], env))) && ok;
}

process.exit(ok ? 0 : 1);
