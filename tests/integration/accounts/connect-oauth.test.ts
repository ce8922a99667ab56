import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestEmulator } from "../../support/emulator";
import { startTestEmulator } from "../../support/emulator";

// "Sambungkan akun" for X against the emulator's authorization server, over real HTTP, with the browser's
// part played here: follow the start to the consent page, pick an account (or refuse), come back with what
// the platform put in the address. The emulator checks the client secret, the exact redirect URI, PKCE and
// single-use codes as X does.

const CLIENT_ID = "siar-test-x";
const CLIENT_SECRET = `secret-${randomUUID()}`;
const APP = "http://127.0.0.1:3100";

// The environment is read once per process: point it at this file's emulator before anything reads it.
const emu: TestEmulator = await startTestEmulator();
Object.assign(process.env, {
  NEXTAUTH_URL: APP,
  X_API_BASE_URL: `${emu.url}/x`,
  X_AUTHORIZE_URL: `${emu.url}/x/i/oauth2/authorize`,
  X_CLIENT_ID: CLIENT_ID,
  X_CLIENT_SECRET: CLIENT_SECRET,
  YOUTUBE_API_BASE_URL: `${emu.url}/youtube`,
  GOOGLE_OAUTH_BASE_URL: `${emu.url}/google-oauth`,
  GOOGLE_AUTHORIZE_URL: `${emu.url}/google-oauth/o/oauth2/v2/auth`,
  GOOGLE_CLIENT_ID: "siar-test-google",
  GOOGLE_CLIENT_SECRET: CLIENT_SECRET,
});

const { db } = await import("@/server/db");
const { open } = await import("@/server/crypto/secret-box");
const { startConnection } = await import("@/server/accounts/connect/start-connection");
const { finishConnection } = await import("@/server/accounts/connect/finish-connection");
const { loadActor } = await import("@/server/auth/guards");
const { makeWorld, failure } = await import("./world");
const { createAdapters } = await import("@/platforms/registry");
const { platformsConfigFromEnv } = await import("@/server/publishing/engine-config");
const { loadEnv } = await import("@/server/env");
const { createUser } = await import("../../factories/users");

type World = Awaited<ReturnType<typeof makeWorld>>;
let w: World;
const REDIRECT = `${APP}/api/oauth/x/callback`;

beforeAll(async () => {
  const control = (path: string, body: unknown) =>
    fetch(`${emu.url}/__control${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  await control("/oauth/clients", {
    platform: "x",
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUris: [REDIRECT],
  });
  await control("/oauth/clients", {
    platform: "youtube",
    clientId: "siar-test-google",
    clientSecret: CLIENT_SECRET,
    redirectUris: [`${APP}/api/oauth/youtube/callback`],
  });
  w = await makeWorld();
});

afterAll(async () => {
  await emu?.close();
});

let accountSeq = 0;
/** A fresh X account on the consent page, so tests never meet each other's registrations. */
async function xAccount() {
  accountSeq += 1;
  // 19 digits like X's ids, unique per call: the time's last 9 digits (ms) and the sequence number. (The time
  // first and then the sequence, cut to 19 digits, cut the sequence off: two calls in the same 100 ms met.)
  const id = `1790${String(Date.now()).slice(-9)}${String(accountSeq).padStart(6, "0")}`;
  const a = { platform: "x", id, username: `Humas_${w.tag}_${accountSeq}`, name: `Humas Uji ${accountSeq}` };
  await fetch(`${emu.url}/__control/oauth/accounts`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(a),
  });
  return a;
}

/** The browser: the consent page, the chosen button, and where the platform sends the person back. */
async function consent(
  authorizeUrl: string,
  choice: { account?: string; decision: "allow" | "deny" },
  redirect = REDIRECT,
) {
  const page = await fetch(authorizeUrl);
  expect(page.status).toBe(200);
  const html = await page.text();
  const form = new URLSearchParams(new URL(authorizeUrl).searchParams);
  form.set("decision", choice.decision);
  if (choice.account) {
    expect(html).toContain(`value="${choice.account}"`);
    form.set("account", choice.account);
  }
  const answer = await fetch(authorizeUrl.split("?")[0]!, {
    method: "POST",
    body: form,
    redirect: "manual",
  });
  expect(answer.status).toBe(302);
  const back = new URL(answer.headers.get("location")!);
  expect(`${back.origin}${back.pathname}`).toBe(redirect);
  return Object.fromEntries(back.searchParams);
}

// Counted inside this test's own organisation: other test files register accounts at the same time.
const accountCount = () => db.socialAccount.count({ where: { unit: { path: { startsWith: w.units.root.path } } } });

describe("connecting an X account", () => {
  it("registers the account the person picked under the chosen unit, with sealed tokens that work, and audits it", async () => {
    const picked = await xAccount();
    const started = await startConnection(w.adminA, "x", { unitId: w.units.polresA.id });
    const authorize = new URL(started.authorizeUrl);
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorize.searchParams.get("scope")).toBe("tweet.read tweet.write users.read media.write offline.access");
    expect(authorize.searchParams.get("redirect_uri")).toBe(REDIRECT);
    const query = await consent(started.authorizeUrl, { account: picked.id, decision: "allow" });

    const result = await finishConnection(w.adminA, "x", { query, nonce: started.nonce });
    expect(result).toMatchObject({ kind: "connected", reconnected: false });
    const row = await db.socialAccount.findUniqueOrThrow({
      where: { id: result.kind === "connected" ? result.accountId : "" },
      include: { unit: true },
    });
    expect(row).toMatchObject({
      unitId: w.units.polresA.id,
      platform: "X",
      platformAccountId: picked.id,
      handle: picked.username.toLowerCase(),
      displayName: picked.name,
      status: "ACTIVE",
      // Below the top unit an account waits for HQ's verification.
      verification: "PENDING",
      registeredById: w.adminA.id,
    });
    expect(row.tokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 60 * 60_000);
    // The stored token is X's and works; the refresh token is there for offline refresh.
    const me = await fetch(`${emu.url}/x/2/users/me`, {
      headers: { Authorization: `Bearer ${open(row.accessTokenEnc!)}` },
    });
    expect(((await me.json()) as { data: { id: string } }).data.id).toBe(picked.id);
    expect(open(row.refreshTokenEnc!)).toMatch(/^emu-refresh-/);
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: row.id, action: "account.create" } });
    expect(audit.actorId).toBe(w.adminA.id);
    const recorded = JSON.stringify([audit.before, audit.after]);
    expect(recorded).not.toContain(open(row.accessTokenEnc!));
    expect(recorded).not.toContain(open(row.refreshTokenEnc!));
    expect(recorded).toContain('"via":"oauth"');
  });

  it("reconnects an account already registered under the unit with fresh tokens instead of adding another", async () => {
    const picked = await xAccount();
    const existing = await db.socialAccount.create({
      data: {
        id: randomUUID(),
        unitId: w.units.poldaA.id,
        platform: "X",
        handle: picked.username.toLowerCase(),
        displayName: "lama",
        platformAccountId: picked.id,
        status: "NEEDS_RECONNECT",
        verification: "VERIFIED",
      },
    });
    const started = await startConnection(w.adminA, "x", { unitId: w.units.poldaA.id });
    const query = await consent(started.authorizeUrl, { account: picked.id, decision: "allow" });
    const before = await accountCount();
    const result = await finishConnection(w.adminA, "x", { query, nonce: started.nonce });
    expect(result).toEqual({ kind: "connected", accountId: existing.id, platform: "X", reconnected: true });
    expect(await accountCount()).toBe(before);
    const row = await db.socialAccount.findUniqueOrThrow({ where: { id: existing.id } });
    expect(row).toMatchObject({ status: "ACTIVE", verification: "VERIFIED", displayName: picked.name });
    expect(row.accessTokenEnc).not.toBeNull();
    expect(await db.auditLog.count({ where: { entityId: existing.id, action: "account.connect" } })).toBe(1);
  });
});

describe("refusals change nothing", () => {
  it("ends on 'denied' when the person refuses on the consent page", async () => {
    const started = await startConnection(w.adminA, "x", { unitId: w.units.poldaA.id });
    const query = await consent(started.authorizeUrl, { decision: "deny" });
    expect(query.error).toBe("access_denied");
    const before = await accountCount();
    expect(await finishConnection(w.adminA, "x", { query, nonce: started.nonce })).toMatchObject({
      kind: "refused",
      reason: "denied",
    });
    expect(await accountCount()).toBe(before);
  });

  it("refuses a tampered state, another person's or browser's state, and a replayed one", async () => {
    const picked = await xAccount();
    const started = await startConnection(w.adminA, "x", { unitId: w.units.poldaA.id });
    const query = await consent(started.authorizeUrl, { account: picked.id, decision: "allow" });
    const before = await accountCount();
    const refusal = async (actor: typeof w.adminA, q: Record<string, string>, nonce: string | undefined) =>
      ((await finishConnection(actor, "x", { query: q, nonce })) as { reason?: string }).reason;
    expect(await refusal(w.adminA, { ...query, state: `${query.state}x` }, started.nonce)).toBe("stateInvalid");
    expect(await refusal(w.adminA, query, undefined)).toBe("stateInvalid");
    expect(await refusal(w.adminA, query, "another-browser-nonce-value")).toBe("stateInvalid");
    const otherAdmin = (await loadActor(
      (await createUser(db, { memberships: [{ unitId: w.units.poldaA.id, role: "ADMIN" }] })).id,
    ))!;
    expect(await refusal(otherAdmin, query, started.nonce)).toBe("stateInvalid");
    expect(await accountCount()).toBe(before);
    // The rightful return works once, and only once.
    expect((await finishConnection(w.adminA, "x", { query, nonce: started.nonce })).kind).toBe("connected");
    expect(await refusal(w.adminA, query, started.nonce)).toBe("stateUsed");
    expect(await accountCount()).toBe(before + 1);
  });

  it("refuses a state older than ten minutes", async () => {
    const picked = await xAccount();
    const started = await startConnection(w.adminA, "x", { unitId: w.units.poldaA.id });
    const query = await consent(started.authorizeUrl, { account: picked.id, decision: "allow" });
    const later = new Date(Date.now() + 11 * 60_000);
    expect(await finishConnection(w.adminA, "x", { query, nonce: started.nonce }, later)).toMatchObject({
      reason: "stateExpired",
    });
  });

  it("refuses an account already registered to another unit, and leaves it where it is", async () => {
    const picked = await xAccount();
    const elsewhere = await db.socialAccount.create({
      data: {
        id: randomUUID(),
        unitId: w.units.poldaB.id,
        platform: "X",
        handle: picked.username.toLowerCase(),
        displayName: "Milik Polda B",
        platformAccountId: picked.id,
        status: "NEEDS_RECONNECT",
      },
    });
    const started = await startConnection(w.adminA, "x", { unitId: w.units.poldaA.id });
    const query = await consent(started.authorizeUrl, { account: picked.id, decision: "allow" });
    expect(await finishConnection(w.adminA, "x", { query, nonce: started.nonce })).toMatchObject({
      reason: "registeredElsewhere",
    });
    const row = await db.socialAccount.findUniqueOrThrow({ where: { id: elsewhere.id } });
    expect(row).toMatchObject({ unitId: w.units.poldaB.id, status: "NEEDS_RECONNECT", accessTokenEnc: null });
  });

  it("lets no SUPERVISOR, LEADERSHIP or outsider start a connection for the unit", async () => {
    for (const actor of [w.supervisorA, w.leaderA, w.adminB]) {
      const error = await failure(startConnection(actor, "x", { unitId: w.units.poldaA.id }));
      expect(error).toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await db.oauthConnection.count({ where: { userId: { in: [w.supervisorA.id, w.adminB.id] } } })).toBe(0);
  });
});

describe("the emulator's authorization server is as strict as X's", () => {
  it("shows an error page, and sends nobody anywhere, for a redirect URI the app did not register", async () => {
    const started = await startConnection(w.adminA, "x", { unitId: w.units.poldaA.id });
    const wrong = new URL(started.authorizeUrl);
    wrong.searchParams.set("redirect_uri", "https://evil.example/callback");
    const page = await fetch(wrong, { redirect: "manual" });
    expect(page.status).toBe(400);
    expect(page.headers.get("location")).toBeNull();
  });

  it("takes a code once, only with the right PKCE verifier and client secret", async () => {
    const picked = await xAccount();
    const started = await startConnection(w.adminA, "x", { unitId: w.units.poldaA.id });
    const query = await consent(started.authorizeUrl, { account: picked.id, decision: "allow" });
    const token = (fields: Record<string, string>, secret = CLIENT_SECRET) =>
      fetch(`${emu.url}/x/2/oauth2/token`, {
        method: "POST",
        headers: { Authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${secret}`).toString("base64")}` },
        body: new URLSearchParams({ grant_type: "authorization_code", redirect_uri: REDIRECT, ...fields }),
      });
    expect((await token({ code: query.code!, code_verifier: "x".repeat(43) }, "wrong-secret")).status).toBe(401);
    // A wrong verifier spends the code: the right one cannot use it afterwards either.
    expect((await token({ code: query.code!, code_verifier: "x".repeat(43) })).status).toBe(400);
    expect(await finishConnection(w.adminA, "x", { query, nonce: started.nonce })).toMatchObject({
      reason: "exchangeFailed",
    });
  });
});

describe("the emulator's X refresh grant is as strict as X's", () => {
  it("takes a refresh token only from its confidential client in HTTP Basic, and rotates it", async () => {
    const picked = await xAccount();
    const started = await startConnection(w.adminA, "x", { unitId: w.units.poldaA.id });
    const query = await consent(started.authorizeUrl, { account: picked.id, decision: "allow" });
    const result = await finishConnection(w.adminA, "x", { query, nonce: started.nonce });
    const row = await db.socialAccount.findUniqueOrThrow({
      where: { id: result.kind === "connected" ? result.accountId : "" },
    });
    const stored = open(row.refreshTokenEnc!);
    // "If you are working with confidential clients, you will need to use a basic authentication scheme for
    // generating an authorization header with base64 encoding while making requests to the token endpoints."
    // (X, OAuth 2.0 Authorization Code Flow with PKCE)
    const refresh = (token: string, auth: { basic?: string; form?: Record<string, string> }) =>
      fetch(`${emu.url}/x/2/oauth2/token`, {
        method: "POST",
        headers: auth.basic ? { Authorization: `Basic ${Buffer.from(auth.basic).toString("base64")}` } : {},
        body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: token, ...auth.form }),
      });
    expect((await refresh(stored, { form: { client_id: CLIENT_ID } })).status).toBe(401);
    expect((await refresh(stored, { form: { client_id: CLIENT_ID, client_secret: CLIENT_SECRET } })).status).toBe(401);
    expect((await refresh(stored, { basic: `${CLIENT_ID}:bukan-rahasianya` })).status).toBe(401);
    // Siar's adapter sends Basic; the answer's refresh token replaces the stored one (X rotates them).
    const adapters = createAdapters(platformsConfigFromEnv(loadEnv()));
    const renewed = await adapters.X.refreshToken(
      { id: row.id, platformAccountId: picked.id, handle: row.handle } as never,
      { accessToken: open(row.accessTokenEnc!), refreshToken: stored },
    );
    expect(renewed.kind).toBe("refreshed");
    const next = renewed.kind === "refreshed" ? renewed.tokens.refreshToken! : "";
    expect(next).not.toBe(stored);
    // The old one is spent; the new one belongs to the same client and works once in turn.
    expect((await refresh(stored, { basic: `${CLIENT_ID}:${CLIENT_SECRET}` })).status).toBe(400);
    expect((await refresh(next, { form: { client_id: CLIENT_ID } })).status).toBe(401);
    expect((await refresh(next, { basic: `${CLIENT_ID}:${CLIENT_SECRET}` })).status).toBe(200);
  });
});

describe("connecting a YouTube channel", () => {
  const YT_REDIRECT = `${APP}/api/oauth/youtube/callback`;
  const offer = async (publishes: boolean) => {
    accountSeq += 1;
    const a = {
      platform: "youtube",
      id: `UC${w.tag}${accountSeq}`.padEnd(24, "0"),
      username: `humas${w.tag}${accountSeq}`,
      name: `Kanal Humas ${accountSeq}`,
      publishes,
    };
    await fetch(`${emu.url}/__control/oauth/accounts`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(a),
    });
    return a;
  };

  it("registers the channel with offline access, so the stored refresh token renews the access token", async () => {
    const channel = await offer(true);
    const started = await startConnection(w.adminA, "youtube", { unitId: w.units.poldaA.id });
    const authorize = new URL(started.authorizeUrl);
    expect(authorize.searchParams.get("access_type")).toBe("offline");
    expect(authorize.searchParams.get("prompt")).toBe("consent");
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
    const query = await consent(started.authorizeUrl, { account: channel.id, decision: "allow" }, YT_REDIRECT);
    const result = await finishConnection(w.adminA, "youtube", { query, nonce: started.nonce });
    expect(result).toMatchObject({ kind: "connected", platform: "YOUTUBE" });
    const row = await db.socialAccount.findFirstOrThrow({
      where: { platform: "YOUTUBE", platformAccountId: channel.id },
    });
    expect(row).toMatchObject({
      unitId: w.units.poldaA.id,
      handle: channel.username,
      displayName: channel.name,
      status: "ACTIVE",
    });
    // Google's refresh request carries the client's id and secret ("client_id ... client_secret ...
    // grant_type: refresh_token", OAuth 2.0 for web server applications, "Refreshing an access token"):
    // without them, or with another secret, it is invalid_client; Google's refresh tokens do not rotate.
    const refresh = (fields: Record<string, string>) =>
      fetch(`${emu.url}/google-oauth/token`, {
        method: "POST",
        body: new URLSearchParams({
          grant_type: "refresh_token",
          refresh_token: open(row.refreshTokenEnc!),
          ...fields,
        }),
      });
    expect((await refresh({})).status).toBe(401);
    expect((await refresh({ client_id: "siar-test-google", client_secret: "bukan-rahasianya" })).status).toBe(401);
    const refreshed = await refresh({ client_id: "siar-test-google", client_secret: CLIENT_SECRET });
    expect(refreshed.status).toBe(200);
    expect(((await refreshed.json()) as { refresh_token?: string }).refresh_token).toBeUndefined();
    expect((await refresh({ client_id: "siar-test-google", client_secret: CLIENT_SECRET })).status).toBe(200);
    // Siar's own adapter refreshes it as Google wants.
    const adapters = createAdapters(platformsConfigFromEnv(loadEnv()));
    const renewed = await adapters.YOUTUBE.refreshToken(
      { id: row.id, platformAccountId: channel.id, handle: row.handle } as never,
      { accessToken: open(row.accessTokenEnc!), refreshToken: open(row.refreshTokenEnc!) },
    );
    expect(renewed.kind).toBe("refreshed");
  });

  it("refuses a Google account without a YouTube channel and registers nothing", async () => {
    const bare = await offer(false);
    const started = await startConnection(w.adminA, "youtube", { unitId: w.units.poldaA.id });
    const query = await consent(started.authorizeUrl, { account: bare.id, decision: "allow" }, YT_REDIRECT);
    const before = await accountCount();
    expect(await finishConnection(w.adminA, "youtube", { query, nonce: started.nonce })).toMatchObject({
      kind: "refused",
      reason: "wrongAccount",
    });
    expect(await accountCount()).toBe(before);
  });

  it("does not accept an X state on the YouTube callback", async () => {
    const picked = await xAccount();
    const started = await startConnection(w.adminA, "x", { unitId: w.units.poldaA.id });
    const query = await consent(started.authorizeUrl, { account: picked.id, decision: "allow" });
    expect(await finishConnection(w.adminA, "youtube", { query, nonce: started.nonce })).toMatchObject({
      reason: "stateInvalid",
    });
  });
});
