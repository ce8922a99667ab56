import { randomBytes } from "node:crypto";

// Defaults that let tests run without a .env; anything already set (by scripts/test.ts or CI) wins.
export function applyTestEnv(extra: Record<string, string> = {}): void {
  const defaults: Record<string, string> = {
    NODE_ENV: "test",
    DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/siar_test",
    REDIS_URL: "redis://127.0.0.1:6379/14",
    NEXTAUTH_URL: "http://127.0.0.1:3100",
    NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
    CREDENTIALS_KEY: randomBytes(32).toString("base64"),
    LOG_LEVEL: "silent",
    ...extra,
  };
  for (const [k, v] of Object.entries(defaults)) if (!process.env[k]) process.env[k] = v;
}
