import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The image carries no secret (issue 13, item 10): the Docker build context leaves out the environment
// files, host installs, build folders and test output. Matched as Docker does for these patterns: a
// pattern names a path or anything below it, `*` stands for any characters but `/`, `!` lets a path back in,
// and the last matching line wins.

const root = path.resolve(import.meta.dirname, "../..");
const patterns = readFileSync(path.join(root, ".dockerignore"), "utf8")
  .split("\n")
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith("#"));

function excluded(file: string): boolean {
  let out = false;
  for (const line of patterns) {
    const negated = line.startsWith("!");
    const pattern = (negated ? line.slice(1) : line).replace(/^\/+|\/+$/g, "");
    const glob = pattern
      .split("*")
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join("[^/]*");
    if (new RegExp(`^${glob}(/.*)?$`).test(file)) out = !negated;
  }
  return out;
}

describe(".dockerignore", () => {
  it("keeps secrets, host installs, builds and test output out of the build context", () => {
    for (const file of [
      ".env",
      ".env.local",
      ".env.production",
      "node_modules/next/package.json",
      ".next/server/app/page.js",
      ".next-e2e-1234/build-manifest.json",
      "src/generated/prisma/client.ts",
      "test-results/trust-chromium/test-failed-1.png",
      "playwright-report/index.html",
      "var/media/3f1c.jpg",
      "tsconfig.e2e-1234.json",
      ".git/config",
    ])
      expect(excluded(file), file).toBe(true);
  });

  it("keeps what the image is built from", () => {
    for (const file of [
      ".env.example",
      "package.json",
      "package-lock.json",
      "src/app/layout.tsx",
      "prisma/schema.prisma",
    ])
      expect(excluded(file), file).toBe(false);
  });
});
