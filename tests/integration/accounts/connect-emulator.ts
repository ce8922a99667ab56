import type { TestEmulator } from "../../support/emulator";

// The connect tests' common ground: the app's environment pointed at the file's own emulator for every
// platform that connects through a consent page (and LINE), and the emulator's control API.

export type ConnectSlug = "x" | "youtube" | "facebook" | "instagram" | "tiktok";

/**
 * Sets the environment (read once per process: call it before anything reads it) and answers the client id of
 * each platform's app, `<prefix>-x`, `<prefix>-google`, …, all with `secret`.
 */
export function pointConnectAt(
  emu: TestEmulator,
  { app, secret, prefix }: { app: string; secret: string; prefix: string },
): Record<ConnectSlug, string> {
  const ids = {
    x: `${prefix}-x`,
    youtube: `${prefix}-google`,
    facebook: `${prefix}-facebook`,
    instagram: `${prefix}-instagram`,
    tiktok: `${prefix}-tiktok`,
  };
  Object.assign(process.env, {
    NEXTAUTH_URL: app,
    X_API_BASE_URL: `${emu.url}/x`,
    X_AUTHORIZE_URL: `${emu.url}/x/i/oauth2/authorize`,
    X_CLIENT_ID: ids.x,
    X_CLIENT_SECRET: secret,
    YOUTUBE_API_BASE_URL: `${emu.url}/youtube`,
    GOOGLE_OAUTH_BASE_URL: `${emu.url}/google-oauth`,
    GOOGLE_AUTHORIZE_URL: `${emu.url}/google-oauth/o/oauth2/v2/auth`,
    GOOGLE_CLIENT_ID: ids.youtube,
    GOOGLE_CLIENT_SECRET: secret,
    FACEBOOK_GRAPH_BASE_URL: `${emu.url}/facebook`,
    FACEBOOK_AUTHORIZE_URL: `${emu.url}/facebook/v25.0/dialog/oauth`,
    FACEBOOK_CLIENT_ID: ids.facebook,
    FACEBOOK_CLIENT_SECRET: secret,
    INSTAGRAM_GRAPH_BASE_URL: `${emu.url}/instagram`,
    INSTAGRAM_OAUTH_BASE_URL: `${emu.url}/instagram`,
    INSTAGRAM_AUTHORIZE_URL: `${emu.url}/instagram/oauth/authorize`,
    INSTAGRAM_CLIENT_ID: ids.instagram,
    INSTAGRAM_CLIENT_SECRET: secret,
    TIKTOK_API_BASE_URL: `${emu.url}/tiktok`,
    TIKTOK_AUTHORIZE_URL: `${emu.url}/tiktok/v2/auth/authorize/`,
    TIKTOK_CLIENT_KEY: ids.tiktok,
    TIKTOK_CLIENT_SECRET: secret,
    LINE_API_BASE_URL: `${emu.url}/line`,
  });
  return ids;
}

/** A POST to the emulator's control API (`/__control<path>`). */
export const controlOf = (emu: TestEmulator) => (path: string, body: unknown) =>
  fetch(`${emu.url}/__control${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
