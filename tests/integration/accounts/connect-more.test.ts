import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestEmulator } from "../../support/emulator";
import { startTestEmulator } from "../../support/emulator";
import { controlOf, pointConnectAt } from "./connect-emulator";

// "Sambungkan akun" for TikTok, Instagram, Facebook Pages and LINE against the emulator's authorization
// servers over real HTTP (the browser's part played here, as in connect-oauth.test.ts): what is stored, under
// which unit, with which expiry, and that each refusal (wrong kind of account, withheld permission, another
// unit's account, a wrong secret, a replayed pick) stores nothing.

const SECRET = `secret-${randomUUID()}`;
const APP = "http://127.0.0.1:3101";

const emu: TestEmulator = await startTestEmulator();
const clientIds = pointConnectAt(emu, { app: APP, secret: SECRET, prefix: "siar-test" });

const { db } = await import("@/server/db");
const { open } = await import("@/server/crypto/secret-box");
const { startConnection } = await import("@/server/accounts/connect/start-connection");
const { finishConnection } = await import("@/server/accounts/connect/finish-connection");
const { listPendingPages, registerPickedPages } = await import("@/server/accounts/connect/pick-pages");
const { connectLine } = await import("@/server/accounts/connect/connect-line");
const { makeWorld, failure } = await import("./world");

type World = Awaited<ReturnType<typeof makeWorld>>;
let w: World;

const control = controlOf(emu);

beforeAll(async () => {
  for (const platform of ["facebook", "instagram", "tiktok"] as const)
    await control("/oauth/clients", {
      platform,
      clientId: clientIds[platform],
      clientSecret: SECRET,
      redirectUris: [`${APP}/api/oauth/${platform}/callback`],
    });
  w = await makeWorld();
});

afterAll(async () => {
  await emu?.close();
});

let seq = 0;
const fresh = () => `${Date.now()}${(seq += 1)}`;

async function offer(account: Record<string, unknown>) {
  expect((await control("/oauth/accounts", account)).ok).toBe(true);
}

/** The consent page: pick an account (or refuse); returns what the platform put in the address back. */
async function consent(authorizeUrl: string, choice: { account?: string; decision: "allow" | "deny" }, scope?: string) {
  const page = await fetch(authorizeUrl);
  expect(page.status).toBe(200);
  const form = new URLSearchParams(new URL(authorizeUrl).searchParams);
  form.set("decision", choice.decision);
  if (choice.account) {
    expect(await page.text()).toContain(`value="${choice.account}"`);
    form.set("account", choice.account);
  }
  // The person may untick permissions on the platform's page.
  if (scope) form.set("scope", scope);
  const answer = await fetch(authorizeUrl.split("?")[0]!, { method: "POST", body: form, redirect: "manual" });
  expect(answer.status).toBe(302);
  return Object.fromEntries(new URL(answer.headers.get("location")!).searchParams);
}

const ownCount = () => db.socialAccount.count({ where: { unit: { path: { startsWith: w.units.root.path } } } });

describe("TikTok (Login Kit v2)", () => {
  it("registers the creator with rotating tokens and the @username, and refuses a consent without video.publish", async () => {
    const id = `act.${fresh()}`;
    await offer({ platform: "tiktok", id, username: `humas_${w.tag}_${seq}`, name: "Humas TikTok Uji" });
    const started = await startConnection(w.adminA, "tiktok", { unitId: w.units.poldaA.id });
    const u = new URL(started.authorizeUrl);
    expect(u.searchParams.get("client_key")).toBe("siar-test-tiktok");
    expect(u.searchParams.get("scope")).toContain("video.publish");
    const query = await consent(started.authorizeUrl, { account: id, decision: "allow" });
    const result = await finishConnection(w.adminA, "tiktok", { query, nonce: started.nonce });
    expect(result).toMatchObject({ kind: "connected", reconnected: false });
    const row = await db.socialAccount.findFirstOrThrow({ where: { platform: "TIKTOK", platformAccountId: id } });
    expect(row).toMatchObject({ unitId: w.units.poldaA.id, handle: `humas_${w.tag}_${seq}`.toLowerCase() });
    expect(row.tokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 23 * 3_600_000);
    expect(row.refreshTokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 300 * 86_400_000);

    // The refresh token rotates and is bound to Siar's client: a wrong secret is refused, the right one works once.
    const refresh = (secret: string, token: string) =>
      fetch(`${emu.url}/tiktok/v2/oauth/token/`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          client_key: "siar-test-tiktok",
          client_secret: secret,
          grant_type: "refresh_token",
          refresh_token: token,
        }),
      });
    const stored = open(row.refreshTokenEnc!);
    expect((await refresh("wrong", stored)).status).toBe(401);
    const first = await refresh(SECRET, stored);
    expect(first.status).toBe(200);
    expect(((await first.json()) as { refresh_token: string }).refresh_token).not.toBe(stored);
    expect((await refresh(SECRET, stored)).status).toBe(400);

    // Unticking the posting permission connects nothing.
    const other = `act.${fresh()}`;
    await offer({ platform: "tiktok", id: other, username: `lain_${w.tag}_${seq}`, name: "Lain" });
    const again = await startConnection(w.adminA, "tiktok", { unitId: w.units.poldaA.id });
    const partial = await consent(
      again.authorizeUrl,
      { account: other, decision: "allow" },
      "user.info.basic,video.list",
    );
    const before = await ownCount();
    expect(await finishConnection(w.adminA, "tiktok", { query: partial, nonce: again.nonce })).toMatchObject({
      kind: "refused",
      reason: "scopesMissing",
    });
    expect(await ownCount()).toBe(before);
  });
});

describe("Instagram (Instagram Login)", () => {
  it("stores the 60-day token of a professional account, and refuses a personal one", async () => {
    const id = `178414${fresh()}`;
    await offer({ platform: "instagram", id, username: `ig_${w.tag}_${seq}`, name: "Humas IG Uji" });
    const started = await startConnection(w.adminA, "instagram", { unitId: w.units.polresA.id });
    const query = await consent(started.authorizeUrl, { account: id, decision: "allow" });
    const result = await finishConnection(w.adminA, "instagram", { query, nonce: started.nonce });
    expect(result).toMatchObject({ kind: "connected" });
    const row = await db.socialAccount.findFirstOrThrow({ where: { platform: "INSTAGRAM", platformAccountId: id } });
    expect(row.unitId).toBe(w.units.polresA.id);
    // Long-lived: about 60 days, no refresh token (the token itself is refreshed).
    expect(row.tokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 59 * 86_400_000);
    expect(row.refreshTokenEnc).toBeNull();

    const personal = `178415${fresh()}`;
    await offer({
      platform: "instagram",
      id: personal,
      username: `pribadi_${seq}`,
      name: "Pribadi",
      accountType: "PERSONAL",
    });
    const again = await startConnection(w.adminA, "instagram", { unitId: w.units.polresA.id });
    const q2 = await consent(again.authorizeUrl, { account: personal, decision: "allow" });
    const before = await ownCount();
    expect(await finishConnection(w.adminA, "instagram", { query: q2, nonce: again.nonce })).toMatchObject({
      kind: "refused",
      reason: "wrongAccount",
    });
    expect(await ownCount()).toBe(before);
  });
});

describe("Facebook Pages (Facebook Login)", () => {
  it("lets the operator pick Pages, each stored with its own non-expiring Page token; the pick works once", async () => {
    const person = `1016${fresh()}`;
    const pageA = `1040${fresh()}`;
    const pageB = `1040${fresh()}`;
    const pageC = `1040${fresh()}`;
    await offer({
      platform: "facebook",
      id: person,
      username: `op_${seq}`,
      name: "Operator",
      pages: [
        { id: pageA, name: "Halaman A", username: `halaman_a_${w.tag}_${seq}` },
        { id: pageB, name: "Halaman B" },
        { id: pageC, name: "Halaman C (analis saja)", tasks: ["ANALYZE"] },
      ],
    });
    const started = await startConnection(w.adminA, "facebook", { unitId: w.units.poldaA.id });
    const query = await consent(started.authorizeUrl, { account: person, decision: "allow" });
    const result = await finishConnection(w.adminA, "facebook", { query, nonce: started.nonce });
    expect(result.kind).toBe("pick");
    const connectionId = result.kind === "pick" ? result.connectionId : "";
    // Another person cannot see or use this pick.
    expect(await listPendingPages(w.adminB, connectionId)).toBeNull();
    const pending = await listPendingPages(w.adminA, connectionId);
    expect(pending!.pages.map((p) => [p.id, p.canPost])).toEqual([
      [pageA, true],
      [pageB, true],
      [pageC, false],
    ]);
    expect(JSON.stringify(pending)).not.toContain("emu-access");

    const before = await ownCount();
    const picked = await registerPickedPages(w.adminA, { connectionId, pageIds: [pageA, pageC] });
    expect(picked.connected).toHaveLength(1);
    expect(await ownCount()).toBe(before + 1);
    const row = await db.socialAccount.findFirstOrThrow({
      where: { platform: "FACEBOOK_PAGE", platformAccountId: pageA },
    });
    expect(row).toMatchObject({ unitId: w.units.poldaA.id, handle: `halaman_a_${w.tag}_${seq}`, tokenExpiresAt: null });
    // The Page token works on the Page's own edge.
    const feed = await fetch(`${emu.url}/facebook/v25.0/${pageA}/feed`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ message: `uji ${seq}`, access_token: open(row.accessTokenEnc!) }),
    });
    expect(feed.status).toBe(200);
    // The pick is spent, and the other Pages' tokens are gone from the database.
    const conn = await db.oauthConnection.findUniqueOrThrow({ where: { id: connectionId } });
    expect(conn.pendingAccountsEnc).toBeNull();
    expect(await failure(registerPickedPages(w.adminA, { connectionId, pageIds: [pageB] }))).toMatchObject({
      messageKey: "connect.refused.stateUsed",
    });
    expect(await ownCount()).toBe(before + 1);
  });

  it("refuses a Page already registered under another unit and registers nothing for it", async () => {
    const person = `1017${fresh()}`;
    const page = `1041${fresh()}`;
    await db.socialAccount.create({
      data: {
        id: randomUUID(),
        unitId: w.units.poldaB.id,
        platform: "FACEBOOK_PAGE",
        handle: `milik_b_${w.tag}_${seq}`,
        displayName: "Milik B",
        platformAccountId: page,
        status: "ACTIVE",
        verification: "VERIFIED",
      },
    });
    await offer({
      platform: "facebook",
      id: person,
      username: `op2_${seq}`,
      name: "Op",
      pages: [{ id: page, name: "B" }],
    });
    const started = await startConnection(w.adminA, "facebook", { unitId: w.units.poldaA.id });
    const query = await consent(started.authorizeUrl, { account: person, decision: "allow" });
    const result = await finishConnection(w.adminA, "facebook", { query, nonce: started.nonce });
    const connectionId = result.kind === "pick" ? result.connectionId : "";
    const pending = await listPendingPages(w.adminA, connectionId);
    expect(pending!.pages[0]!.registeredUnder).toEqual({ unitName: w.units.poldaB.name, here: false });
    const picked = await registerPickedPages(w.adminA, { connectionId, pageIds: [page] });
    expect(picked).toEqual({ connected: [], refused: [{ pageId: page, reason: "registeredElsewhere" }] });
    const row = await db.socialAccount.findFirstOrThrow({
      where: { platform: "FACEBOOK_PAGE", platformAccountId: page },
    });
    expect(row.unitId).toBe(w.units.poldaB.id);
    expect(row.accessTokenEnc).toBeNull();
  });
});

describe("LINE Official Account (channel access token)", () => {
  it("issues a token from the channel id and secret, or takes a pasted one, verified with LINE first", async () => {
    const bot = `U${fresh()}`.padEnd(33, "0");
    const channelId = `${2000000000 + seq}`;
    const longLived = `line-long-${randomUUID()}`;
    await offer({
      platform: "line",
      id: bot,
      username: `@hk${w.tag}`,
      name: "Humas Kaltim LINE",
      channelId,
      channelSecret: SECRET,
      accessToken: longLived,
    });
    const before = await ownCount();
    // A wrong secret: LINE refuses, nothing is stored, the field says so.
    expect(
      await failure(connectLine(w.adminA, { mode: "issue", unitId: w.units.poldaA.id, channelId, channelSecret: "x" })),
    ).toMatchObject({ fieldErrors: { channelSecret: "lineChannelRefused" } });
    // A token LINE does not know.
    expect(
      await failure(
        connectLine(w.adminA, { mode: "token", unitId: w.units.poldaA.id, accessToken: "bukan-token-line" }),
      ),
    ).toMatchObject({ fieldErrors: { accessToken: "lineTokenRefused" } });
    expect(await ownCount()).toBe(before);

    const issued = await connectLine(w.adminA, {
      mode: "issue",
      unitId: w.units.poldaA.id,
      channelId,
      channelSecret: SECRET,
    });
    const row = await db.socialAccount.findUniqueOrThrow({ where: { id: issued.id } });
    expect(row).toMatchObject({
      platform: "LINE_OA",
      platformAccountId: bot,
      handle: `hk${w.tag}`,
      displayName: "Humas Kaltim LINE",
    });
    // The channel secret is kept sealed: it verifies the channel's webhook deliveries.
    expect(row.webhookSecretEnc).not.toContain(SECRET);
    expect(open(row.webhookSecretEnc!)).toBe(SECRET);
    // A 30-day token.
    expect(row.tokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    expect(row.tokenExpiresAt!.getTime()).toBeLessThan(Date.now() + 31 * 86_400_000);

    // The long-lived token from the console replaces it (a reconnect: same account, no expiry).
    const pasted = await connectLine(w.adminA, { mode: "token", unitId: w.units.poldaA.id, accessToken: longLived });
    expect(pasted.id).toBe(issued.id);
    const again = await db.socialAccount.findUniqueOrThrow({ where: { id: issued.id } });
    expect(again.tokenExpiresAt).toBeNull();
    expect(open(again.accessTokenEnc!)).toBe(longLived);
    // Pasted without a secret, the kept one stays. One typed beside the token is checked with LINE first: another
    // channel's (or a typo) is refused on its field and changes nothing; the channel's own is kept.
    expect(open(again.webhookSecretEnc!)).toBe(SECRET);
    expect(
      await failure(
        connectLine(w.adminA, {
          mode: "token",
          unitId: w.units.poldaA.id,
          accessToken: longLived,
          channelSecret: "rahasia-baru",
        }),
      ),
    ).toMatchObject({ fieldErrors: { channelSecret: "lineSecretNotThisChannel" } });
    expect(await db.socialAccount.findUniqueOrThrow({ where: { id: issued.id } })).toMatchObject({
      webhookSecretEnc: again.webhookSecretEnc,
      credentialsUpdatedAt: again.credentialsUpdatedAt,
    });
    await connectLine(w.adminA, {
      mode: "token",
      unitId: w.units.poldaA.id,
      accessToken: longLived,
      channelSecret: `  ${SECRET}  `,
    });
    const renewed = await db.socialAccount.findUniqueOrThrow({ where: { id: issued.id } });
    expect(open(renewed.webhookSecretEnc!)).toBe(SECRET);
    expect(renewed.webhookSecretEnc).not.toBe(again.webhookSecretEnc); // sealed afresh
    // The audit log carries neither the sealed secret nor the secret.
    const entries = JSON.stringify(
      await db.auditLog.findMany({ where: { entityId: issued.id }, select: { before: true, after: true } }),
    );
    expect(entries).toContain("withWebhookSecret");
    expect(entries).not.toContain(renewed.webhookSecretEnc!);
    expect(entries).not.toContain(SECRET);
    expect(await db.auditLog.count({ where: { entityId: issued.id, action: "account.connect" } })).toBe(2);
    // A SUPERVISOR does not connect accounts (account.link is ADMIN's and SUPERADMIN's).
    expect(
      await failure(connectLine(w.supervisorA, { mode: "token", unitId: w.units.poldaA.id, accessToken: longLived })),
    ).toMatchObject({ code: "FORBIDDEN" });
    // Another unit's ADMIN cannot register the same channel there.
    expect(
      await failure(connectLine(w.adminB, { mode: "token", unitId: w.units.poldaB.id, accessToken: longLived })),
    ).toMatchObject({ messageKey: "connect.refused.registeredElsewhere" });
  });
});
