import "server-only";
import { z } from "zod";

// Parsed once, at boot (instrumentation.ts, the worker and the emulator call loadEnv first),
// so a missing or malformed variable stops the process with its name instead of failing later.
const url = z.url();

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: url.refine((v) => v.startsWith("postgres"), "must be a postgresql:// URL"),
  // Connections per process; left out: 10 for the web app, 20 for the worker (SIAR_SERVICE=worker).
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).optional(),
  REDIS_URL: url.refine((v) => v.startsWith("redis"), "must be a redis:// URL"),
  NEXTAUTH_URL: url,
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters"),
  CREDENTIALS_KEY: z.string().refine((v) => Buffer.from(v, "base64").length === 32, "must be 32 bytes, base64-encoded"),
  SESSION_MAX_AGE_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(7 * 24 * 60)
    .default(480),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  MEDIA_DIR: z.string().min(1).default("./var/media"),
  PUBLIC_BASE_URL: url.default("http://127.0.0.1:3000"),
  X_API_BASE_URL: url.default("https://api.x.com"),
  FACEBOOK_GRAPH_BASE_URL: url.default("https://graph.facebook.com"),
  INSTAGRAM_GRAPH_BASE_URL: url.default("https://graph.instagram.com"),
  LINE_API_BASE_URL: url.default("https://api.line.me"),
  YOUTUBE_API_BASE_URL: url.default("https://www.googleapis.com"),
  GOOGLE_OAUTH_BASE_URL: url.default("https://oauth2.googleapis.com"),
  TIKTOK_API_BASE_URL: url.default("https://open.tiktokapis.com"),
  // Where a person authorizes Siar to use an account ("Sambungkan akun", docs/platforms.md "Connecting").
  X_AUTHORIZE_URL: url.default("https://x.com/i/oauth2/authorize"),
  GOOGLE_AUTHORIZE_URL: url.default("https://accounts.google.com/o/oauth2/v2/auth"),
  FACEBOOK_AUTHORIZE_URL: url.default("https://www.facebook.com/v25.0/dialog/oauth"),
  INSTAGRAM_AUTHORIZE_URL: url.default("https://www.instagram.com/oauth/authorize"),
  // Instagram Login exchanges its code on api.instagram.com, not on the Graph host.
  INSTAGRAM_OAUTH_BASE_URL: url.default("https://api.instagram.com"),
  TIKTOK_AUTHORIZE_URL: url.default("https://www.tiktok.com/v2/auth/authorize/"),
  EMULATOR_PORT: z.coerce.number().int().min(1).max(65535).default(4010),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  // Publishing engine (src/jobs, src/worker); see .env.example for what each one tunes.
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, "letters, digits, - and _ only")
    .default("siar"),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(300),
  WORKER_LOCK_MS: z.coerce.number().int().min(1_000).default(30_000),
  /** The worker's niceness (0–19): on a machine it shares with the web app, the web answers first. */
  WORKER_NICE: z.coerce.number().int().min(0).max(19).default(10),
  PUBLISH_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  PUBLISH_BACKOFF_BASE_MS: z.coerce.number().int().min(10).default(30_000),
  PUBLISH_STUCK_AFTER_MS: z.coerce.number().int().min(1_000).default(600_000),
  RECONCILE_EVERY_MS: z.coerce.number().int().min(500).default(60_000),
  CONFIRM_DELAY_MS: z.coerce.number().int().min(10).default(30_000),
  CONFIRM_MAX_CHECKS: z.coerce.number().int().min(1).default(10),
  /** TikTok names a public video after moderation: first look this long after it went out, then backing off. */
  POST_ID_CHECK_DELAY_MS: z.coerce.number().int().min(10).default(60_000),
  /** ...and stop looking this long after it went out (72 h), with a note on the target. */
  POST_ID_GIVE_UP_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .default(72 * 3_600_000),
  PLATFORM_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  PLATFORM_POLL_INTERVAL_MS: z.coerce.number().int().min(10).default(2_000),
  PLATFORM_MAX_POLLS: z.coerce.number().int().min(1).default(30),
  RATE_LIMIT_FALLBACK_MS: z.coerce.number().int().min(100).default(60_000),
  INSTAGRAM_POSTS_PER_DAY: z.coerce.number().int().min(1).max(100).default(50),
  X_CLIENT_ID: z.string().default(""),
  X_CLIENT_SECRET: z.string().default(""),
  GOOGLE_CLIENT_ID: z.string().default(""),
  GOOGLE_CLIENT_SECRET: z.string().default(""),
  FACEBOOK_CLIENT_ID: z.string().default(""),
  FACEBOOK_CLIENT_SECRET: z.string().default(""),
  INSTAGRAM_CLIENT_ID: z.string().default(""),
  INSTAGRAM_CLIENT_SECRET: z.string().default(""),
  TIKTOK_CLIENT_KEY: z.string().default(""),
  TIKTOK_CLIENT_SECRET: z.string().default(""),
  // Webhooks (issue 16, docs/platforms.md "Webhooks"): the LINE channel secret and the Meta app secret sign
  // the deliveries; the verify token answers Meta's subscription check. Empty: the webhook refuses everything.
  LINE_CHANNEL_SECRET: z.string().default(""),
  META_APP_SECRET: z.string().default(""),
  META_VERIFY_TOKEN: z.string().default(""),
});

/** The platform hosts that fetch media by URL from PUBLIC_BASE_URL (Facebook, Instagram, LINE). */
const fetchingHosts = ["FACEBOOK_GRAPH_BASE_URL", "INSTAGRAM_GRAPH_BASE_URL", "LINE_API_BASE_URL"] as const;
const loopback = (u: string) => /^(localhost|127\.[\d.]+|\[::1\])$/.test(new URL(u).hostname);

/**
 * Media URLs given to real platforms must be public HTTPS: LINE refuses anything else, and a loopback address
 * reaches no platform. So in production, when a platform that fetches media is a real (non-loopback) host,
 * PUBLIC_BASE_URL must be an HTTPS address of its own. Development, tests and the demo, whose platforms are the
 * local emulator, keep plain http (docs/platforms.md "Media fitted to each platform").
 */
const serverEnvSchema = envSchema.superRefine((e, ctx) => {
  if (e.NODE_ENV !== "production" || fetchingHosts.every((k) => loopback(e[k]))) return;
  if (!e.PUBLIC_BASE_URL.startsWith("https://") || loopback(e.PUBLIC_BASE_URL))
    ctx.addIssue({
      code: "custom",
      path: ["PUBLIC_BASE_URL"],
      message: "must be the public https:// address of Siar: Facebook, Instagram and LINE fetch media from it",
    });
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = serverEnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".") || "(env)"}: ${issue.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}\nSee .env.example.`);
  }
  return parsed.data;
}

export function env(): Env {
  cached ??= loadEnv();
  return cached;
}
