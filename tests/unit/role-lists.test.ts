import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Issue 13, item 9: role lists used outside src/server/auth/policy.ts come from it (`rolesWith(action)`),
// so a change to what a role may do reaches every query that looks for such people. A list of two or more
// role names written out anywhere else is a copy that would drift. The one exception is the list of every
// role (src/schemas/users.ts), which is the enum's, not a permission.

const src = path.resolve(import.meta.dirname, "../../src");
const roleNames = ["ADMIN", "SUPERVISOR", "LEADERSHIP", "SUPERADMIN", "RESPONDER"];
const allowed = new Set(["server/auth/policy.ts", "schemas/users.ts"]);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? e.name === "generated"
        ? []
        : files(path.join(dir, e.name))
      : /\.tsx?$/.test(e.name)
        ? [path.join(dir, e.name)]
        : [],
  );
}

const role = `["'](?:${roleNames.join("|")})["']`;
const listOfRoles = new RegExp(`\\[[^\\[\\]]*${role}[^\\[\\]]*${role}[^\\[\\]]*\\]`, "g");

describe("role lists", () => {
  it("come from the policy everywhere outside it", () => {
    const copies = files(src)
      .filter((f) => !allowed.has(path.relative(src, f).split(path.sep).join("/")))
      .flatMap((f) =>
        [...readFileSync(f, "utf8").matchAll(listOfRoles)].map((m) => `${path.relative(src, f)}: ${m[0]}`),
      );
    expect(copies).toEqual([]);
  });

  it("would be found if written out", () => {
    expect('where: { role: { in: ["ADMIN", "SUPERVISOR"] } }'.match(listOfRoles)).toHaveLength(1);
    expect('const r = ["SUPERADMIN"];'.match(listOfRoles)).toBeNull();
  });
});
