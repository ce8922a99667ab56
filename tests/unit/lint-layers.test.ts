import path from "node:path";
import { ESLint } from "eslint";
import tseslint from "typescript-eslint";
import { describe, expect, it } from "vitest";
// @ts-expect-error -- a plain ES module of the lint config, without types of its own
import { layerRules } from "../../eslint.layers.mjs";

// The layers of docs/architecture.md are lint rules (eslint.layers.mjs). These probes lint a line of
// code as if it were a file in each folder, with exactly those rules, and check what is refused.

const root = path.resolve(import.meta.dirname, "../..");
const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: true,
  overrideConfig: [{ files: ["**/*.{ts,tsx}"], languageOptions: { parser: tseslint.parser } }, ...layerRules],
});

async function refusals(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return result!.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("the layers, as lint rules", () => {
  it("refuses a component that imports the database, and says why", async () => {
    const found = await refusals(
      "src/components/probe.tsx",
      'import { db } from "@/server/db";\nexport const x = db;\n',
    );
    expect(found.length).toBeGreaterThan(0);
    expect(found.some((m) => m.includes("reach the database only through a use-case"))).toBe(true);
  });

  it("refuses a page that imports the queue or an adapter, but lets it call a use-case", async () => {
    expect(
      await refusals("src/app/probe/page.tsx", 'import { x } from "@/jobs/producer";\nexport { x };\n'),
    ).toHaveLength(1);
    expect(
      await refusals("src/app/probe/page.tsx", 'import { x } from "@/platforms/x";\nexport { x };\n'),
    ).toHaveLength(1);
    expect(
      await refusals(
        "src/app/probe/page.tsx",
        'import { listAccounts } from "@/server/accounts/list-accounts";\nexport { listAccounts };\n',
      ),
    ).toEqual([]);
  });

  it("lets a component import a server type, not a server function", async () => {
    const types = 'import type { Actor } from "@/server/auth/guards";\nexport type A = Actor;\n';
    const values = 'import { actorCan } from "@/server/auth/guards";\nexport const f = actorCan;\n';
    expect(await refusals("src/components/probe.tsx", types)).toEqual([]);
    expect(await refusals("src/components/probe.tsx", values)).toHaveLength(1);
  });

  it("refuses server code that imports a component", async () => {
    const code = 'import { Badge } from "@/components/ui/badge";\nexport const b = Badge;\n';
    expect(await refusals("src/server/probe.ts", code)).toHaveLength(1);
  });

  it("refuses a use-case or job that takes the actor from the session guards, which the worker cannot load", async () => {
    const guards = 'import { actorCan } from "@/server/auth/guards";\nexport const c = actorCan;\n';
    const actor = 'import { actorCan } from "@/server/auth/actor";\nexport const c = actorCan;\n';
    expect(await refusals("src/server/probe.ts", guards)).toHaveLength(1);
    expect(await refusals("src/worker/probe.ts", guards)).toHaveLength(1);
    expect(await refusals("src/server/probe.ts", actor)).toEqual([]);
  });

  it("refuses an adapter that imports Siar's server", async () => {
    const code = 'import { db } from "@/server/db";\nexport const d = db;\n';
    expect(await refusals("src/platforms/probe.ts", code)).toHaveLength(1);
    expect(
      await refusals(
        "src/platforms/probe.ts",
        'import { checkRules } from "@/platforms/rules";\nexport { checkRules };\n',
      ),
    ).toEqual([]);
  });

  it("keeps src/lib free of server code, since it runs in the browser too", async () => {
    const code = 'import { logger } from "@/server/logger";\nexport const l = logger;\n';
    expect(await refusals("src/lib/probe.ts", code)).toHaveLength(1);
  });
});
