import { describe, expect, it } from "vitest";
import { fieldOfIssue, groupProblems, textCount } from "@/lib/composer-problems";

describe("composer problems as an operator reads them", () => {
  it("one line per problem and field, with the accounts it affects counted per platform", () => {
    const ig = Array.from({ length: 23 }, (_, i) => `ig${i}`);
    const grouped = groupProblems([
      { field: "alt", message: "1 gambar belum memiliki teks alternatif", platform: "INSTAGRAM", accountIds: ig },
      { field: "alt", message: "1 gambar belum memiliki teks alternatif", platform: "X", accountIds: ["x1", "x2"] },
      { field: "media", message: "Terlalu banyak gambar", platform: "X", accountIds: ["x1", "x2"] },
      // The same account reported twice (the browser's check and the server's) counts once.
      { field: "alt", message: "1 gambar belum memiliki teks alternatif", platform: "X", accountIds: ["x1"] },
    ]);
    expect(grouped).toEqual([
      {
        field: "alt",
        message: "1 gambar belum memiliki teks alternatif",
        platforms: [
          { platform: "INSTAGRAM", count: 23 },
          { platform: "X", count: 2 },
        ],
        total: 25,
      },
      { field: "media", message: "Terlalu banyak gambar", platforms: [{ platform: "X", count: 2 }], total: 2 },
    ]);
  });

  it("puts each rule at the field that fixes it", () => {
    expect(fieldOfIssue("altTextMissing", "INSTAGRAM", false)).toBe("alt");
    expect(fieldOfIssue("imageTypeNotAllowed", "INSTAGRAM", false)).toBe("media");
    expect(fieldOfIssue("imageTooLarge", "X", false)).toBe("media");
    expect(fieldOfIssue("videoTooLong", "X", false)).toBe("media");
    expect(fieldOfIssue("titleRequired", "YOUTUBE", false)).toBe("title");
    expect(fieldOfIssue("textTooLong", "X", true)).toBe("text-X");
    expect(fieldOfIssue("textTooLong", "X", false)).toBe("baseText");
  });

  it("counts text as each platform does", () => {
    expect(textCount("X", "a https://example.com/a/very/long/path")).toEqual({ length: 25, max: 280 });
    expect(textCount("INSTAGRAM", "🙂".repeat(3))).toEqual({ length: 3, max: 2_200 });
  });
});
