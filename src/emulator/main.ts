import path from "node:path";
import { z } from "zod";
import { setGenerator } from "@/emulator/citizens";
import { startEmulator } from "@/emulator/server";

// `npm run emulator`: the six platforms on EMULATOR_PORT (default 4010). It needs no database and
// no secrets, so it reads only its own variables instead of the full server environment.
try {
  process.loadEnvFile(".env");
} catch {
  /* the environment may come from the process alone */
}

const env = z
  .object({
    EMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(4010),
    EMULATOR_HOST: z.string().default("127.0.0.1"),
    EMULATOR_LIMITS: z.enum(["on", "off"]).default("on"),
    // The app's own credentials, so "Sambungkan akun" works against the emulator as against the platform.
    NEXTAUTH_URL: z.url().default("http://127.0.0.1:3000"),
    // Siar beside the emulator (src/emulator/media-fetch.ts): its media URLs are read from its media folder, and
    // its own address may be plain http where LINE wants HTTPS. "off" relaxes nothing (docs/platforms.md).
    PUBLIC_BASE_URL: z.url().default("http://127.0.0.1:3000"),
    MEDIA_DIR: z.string().min(1).default("./var/media"),
    EMULATOR_LOCAL_APP: z.enum(["on", "off"]).default("on"),
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
    // Citizens (src/emulator/citizens.ts): LINE and Meta webhooks go to Siar's /api/webhooks/line and /meta under
    // this address, signed with the secrets Siar shares with those platforms; an empty secret delivers nothing.
    EMULATOR_WEBHOOK_BASE_URL: z.union([z.url(), z.literal("")]).default(""),
    LINE_CHANNEL_SECRET: z.string().default(""),
    META_APP_SECRET: z.string().default(""),
    // A few citizens' comments, mentions and messages a minute on the accounts the emulator meets (the demo).
    EMULATOR_CITIZENS: z.enum(["on", "off"]).default("off"),
    EMULATOR_CITIZENS_PER_MINUTE: z.coerce.number().min(0.1).max(120).default(3),
  })
  .parse(process.env);

const emulator = await startEmulator({ port: env.EMULATOR_PORT, host: env.EMULATOR_HOST });
const callback = (slug: string) => `${env.NEXTAUTH_URL.replace(/\/+$/, "")}/api/oauth/${slug}/callback`;
const apps = [
  ["x", env.X_CLIENT_ID, env.X_CLIENT_SECRET, "x"],
  ["youtube", env.GOOGLE_CLIENT_ID, env.GOOGLE_CLIENT_SECRET, "youtube"],
  ["facebook", env.FACEBOOK_CLIENT_ID, env.FACEBOOK_CLIENT_SECRET, "facebook"],
  ["instagram", env.INSTAGRAM_CLIENT_ID, env.INSTAGRAM_CLIENT_SECRET, "instagram"],
  ["tiktok", env.TIKTOK_CLIENT_KEY, env.TIKTOK_CLIENT_SECRET, "tiktok"],
] as const;
for (const [platform, clientId, clientSecret, slug] of apps)
  if (clientId && clientSecret)
    emulator.state.oauthClients.push({
      platform,
      clientId,
      clientSecret,
      redirectUris: [callback(slug)],
      name: "Siar",
    });
emulator.state.config.limits = env.EMULATOR_LIMITS === "on";
if (env.EMULATOR_LOCAL_APP === "on") {
  emulator.state.localApp = { origin: env.PUBLIC_BASE_URL, mediaDir: path.resolve(env.MEDIA_DIR) };
  console.log(
    `Local app ${env.PUBLIC_BASE_URL}: its /media/ files are read from ${emulator.state.localApp.mediaDir}, and http is accepted for it where LINE requires https (EMULATOR_LOCAL_APP=off to refuse)`,
  );
}
const siar = (env.EMULATOR_WEBHOOK_BASE_URL || env.NEXTAUTH_URL).replace(/\/+$/, "");
emulator.state.webhooks = {
  line: env.LINE_CHANNEL_SECRET ? { url: `${siar}/api/webhooks/line`, channelSecret: env.LINE_CHANNEL_SECRET } : null,
  meta: env.META_APP_SECRET ? { url: `${siar}/api/webhooks/meta`, appSecret: env.META_APP_SECRET } : null,
};
console.log(
  `Webhooks: LINE ${emulator.state.webhooks.line?.url ?? "off (no LINE_CHANNEL_SECRET)"}, Meta ${emulator.state.webhooks.meta?.url ?? "off (no META_APP_SECRET)"}`,
);
if (env.EMULATOR_CITIZENS === "on") {
  setGenerator(emulator.state, true, env.EMULATOR_CITIZENS_PER_MINUTE);
  console.log(`Citizens: about ${env.EMULATOR_CITIZENS_PER_MINUTE} comments, mentions or messages a minute`);
}
console.log(
  `Platform emulator listening on ${emulator.url} (x, facebook, instagram, line, youtube, google-oauth, tiktok; control at /__control)`,
);

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    void emulator.close().then(() => process.exit(0));
  });
}
