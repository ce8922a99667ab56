import { describe, expect, it } from "vitest";
import { diffWords } from "@/lib/diff-words";

describe("what changed since the reviewer last looked", () => {
  it("marks the replaced word and keeps the rest", () => {
    const parts = diffWords("Patroli malam di Balikpapan", "Patroli pagi di Balikpapan");
    expect(parts.filter((p) => p.kind === "removed").map((p) => p.text.trim())).toEqual(["malam"]);
    expect(parts.filter((p) => p.kind === "added").map((p) => p.text.trim())).toEqual(["pagi"]);
    expect(
      parts
        .filter((p) => p.kind === "same")
        .map((p) => p.text)
        .join(""),
    ).toContain("di Balikpapan");
  });

  it("reports nothing changed for the same text", () => {
    expect(diffWords("sama saja", "sama saja")).toEqual([{ kind: "same", text: "sama saja" }]);
  });
});
