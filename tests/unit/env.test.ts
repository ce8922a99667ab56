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
});
