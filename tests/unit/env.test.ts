import { describe, expect, it } from "vitest";
import { loadEnv } from "@/server/env";

const valid = {
  DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/siar",
  REDIS_URL: "redis://127.0.0.1:6379/0",
  NEXTAUTH_URL: "http://127.0.0.1:3000",
  NEXTAUTH_SECRET: "x".repeat(40),
  CREDENTIALS_KEY: Buffer.alloc(32, 7).toString("base64"),
};

describe("configuration", () => {
  it("accepts a complete environment and fills the defaults", () => {
    const env = loadEnv(valid);
    expect(env.SESSION_MAX_AGE_MINUTES).toBe(480);
    expect(env.X_API_BASE_URL).toBe("https://api.x.com");
  });

  it("names each missing or malformed variable", () => {
    const { CREDENTIALS_KEY: _, ...missingKey } = valid;
    expect(() => loadEnv({ ...missingKey, REDIS_URL: "localhost:6379" })).toThrow(
      /CREDENTIALS_KEY[\s\S]*REDIS_URL|REDIS_URL[\s\S]*CREDENTIALS_KEY/,
    );
    expect(() => loadEnv({ ...valid, CREDENTIALS_KEY: "short" })).toThrow(/CREDENTIALS_KEY: must be 32 bytes/);
  });

  it("wants an HTTPS public address in production when real platforms fetch media from it", () => {
    // LINE: "HTTPS over TLS 1.2 or later" (developers.line.biz/en/reference/messaging-api/#image-message); a
    // loopback address reaches no platform at all.
    const production = { ...valid, NODE_ENV: "production" };
    expect(() => loadEnv({ ...production, PUBLIC_BASE_URL: "http://siar.humas.example.go.id" })).toThrow(
      /PUBLIC_BASE_URL: must be the public https:\/\/ address/,
    );
    expect(() => loadEnv({ ...production, PUBLIC_BASE_URL: "https://127.0.0.1:3000" })).toThrow(/PUBLIC_BASE_URL/);
    expect(loadEnv({ ...production, PUBLIC_BASE_URL: "https://siar.humas.example.go.id" }).PUBLIC_BASE_URL).toBe(
      "https://siar.humas.example.go.id",
    );
    // The demo and the e2e run: a production build whose platforms are the local emulator.
    const emulated = Object.fromEntries(
      ["FACEBOOK_GRAPH_BASE_URL", "INSTAGRAM_GRAPH_BASE_URL", "LINE_API_BASE_URL"].map((k) => [
        k,
        "http://127.0.0.1:4010/x",
      ]),
    );
    expect(loadEnv({ ...production, ...emulated, PUBLIC_BASE_URL: "http://127.0.0.1:3000" }).NODE_ENV).toBe(
      "production",
    );
    // Development and tests keep plain http.
    expect(loadEnv({ ...valid, PUBLIC_BASE_URL: "http://127.0.0.1:3000" }).PUBLIC_BASE_URL).toBe(
      "http://127.0.0.1:3000",
    );
  });
});
