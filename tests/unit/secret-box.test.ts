import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { open, seal } from "@/server/crypto/secret-box";

describe("secret box", () => {
  it("round-trips a token and never stores it readable", () => {
    const sealed = seal("EAAG-page-token-123");
    expect(sealed).not.toContain("EAAG");
    expect(open(sealed)).toBe("EAAG-page-token-123");
  });

  it("gives different ciphertexts for the same token", () => {
    expect(seal("same")).not.toBe(seal("same"));
  });

  it("refuses a tampered ciphertext or the wrong key", () => {
    const sealed = seal("rahasia");
    const raw = Buffer.from(sealed.slice(3), "base64");
    raw[raw.length - 1]! ^= 1;
    expect(() => open(`v1:${raw.toString("base64")}`)).toThrow();
    expect(() => open(sealed, randomBytes(32))).toThrow();
  });
});
