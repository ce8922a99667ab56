import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import id from "@/messages/id.json";

// Every message key the import's server code can answer with exists, as text, in both languages: a missing
// one would reach the operator as "imports.file.wrongType" (it did once, when a page label took its name).
const sources = [
  ...readdirSync("src/server/imports").map((f) => path.join("src/server/imports", f)),
  "src/schemas/imports.ts",
].map((f) => readFileSync(f, "utf8"));
const keys = new Set<string>();
for (const text of sources) {
  for (const m of text.matchAll(/"(imports\.[a-zA-Z]+(?:\.[a-zA-Z]+)?)"/g)) keys.add(m[1]!);
  for (const m of text.matchAll(/fileError\("([a-zA-Z]+)"/g)) keys.add(`imports.file.${m[1]}`);
}

const lookup = (messages: unknown, key: string): unknown =>
  key.split(".").reduce<unknown>((at, part) => (at as Record<string, unknown> | undefined)?.[part], messages);

describe("import messages", () => {
  it("finds the keys in the code", () => {
    expect(keys).toContain("imports.file.wrongType");
    expect(keys).toContain("imports.cell.ownerOutside");
    expect(keys.size).toBeGreaterThan(15);
  });
  for (const [lang, messages] of [
    ["id", id],
    ["en", en],
  ] as const) {
    it(`are all written in ${lang}`, () => {
      const missing = [...keys].filter((k) => typeof lookup(messages, k) !== "string");
      expect(missing).toEqual([]);
    });
  }
});
