import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestEmulator } from "../../support/emulator";
import { startTestEmulator } from "../../support/emulator";
import { controlOf, pointConnectAt, type ConnectSlug } from "./connect-emulator";
import id from "../../../src/messages/id.json";

// Issue 12's refusals of "Sambungkan akun", one table for every platform that connects through a consent
// page (X, YouTube, Facebook, Instagram, TikTok) and the cases that apply to LINE: a person who refuses on
// the platform's page, a tampered or replayed `state`, a wrong redirect URI (the platform's page refuses it
// and sends nobody back; a code issued for another redirect URI is refused at the exchange), and an account
// already registered to another unit. Each ends on a reason the result page says in Indonesian, and changes
// nothing: no account, no token, no audit entry, the other unit's account left as it was.

const SECRET = `secret-${randomUUID()}`;
const APP = "http://127.0.0.1:3102";
/** Registered with the app too, like a second deployment's callback: a code issued to it is not Siar's. */
const OTHER_REDIRECT = `${APP}/elsewhere/callback`;

const emu: TestEmulator = await startTestEmulator();
const clientIds = pointConnectAt(emu, { app: APP, secret: SECRET, prefix: "siar-refusal" });

const { db } = await import("@/server/db");
const { startConnection } = await import("@/server/accounts/connect/start-connection");
const { finishConnection } = await import("@/server/accounts/connect/finish-connection");
const { listPendingPages, registerPickedPages } = await import("@/server/accounts/connect/pick-pages");
const { connectLine } = await import("@/server/accounts/connect/connect-line");
const { makeWorld, failure } = await import("./world");

type World = Awaited<ReturnType<typeof makeWorld>>;
let w: World;

type Slug = ConnectSlug;
type Platform = "X" | "YOUTUBE" | "FACEBOOK_PAGE" | "INSTAGRAM" | "TIKTOK";

/** Each consent-page platform: its emulator client, and a fresh account to offer on its consent page. */
const platforms: {
  slug: Slug;
  platform: Platform;
  clientParam: string;
  /** What the consent page offers; `registered` is the id Siar stores (a Facebook Page's, not the person's). */
  fresh: (n: string) => { offer: Record<string, unknown>; pick: string; registered: string; handle: string };
}[] = [
  {
    slug: "x",
    platform: "X",
    clientParam: "client_id",
    fresh: (n) => ({
      offer: { platform: "x", id: `1795${n}`, username: `tolak_x_${n}`, name: "Uji X" },
      pick: `1795${n}`,
      registered: `1795${n}`,
      handle: `tolak_x_${n}`,
    }),
  },
  {
    slug: "youtube",
    platform: "YOUTUBE",
    clientParam: "client_id",
    fresh: (n) => ({
      offer: { platform: "youtube", id: `UCtolak${n}`.padEnd(24, "0"), username: `tolakyt${n}`, name: "Uji YT" },
      pick: `UCtolak${n}`.padEnd(24, "0"),
      registered: `UCtolak${n}`.padEnd(24, "0"),
      handle: `tolakyt${n}`,
    }),
  },
  {
    slug: "facebook",
    platform: "FACEBOOK_PAGE",
    clientParam: "client_id",
    fresh: (n) => ({
      offer: {
        platform: "facebook",
        id: `1018${n}`,
        username: `op_tolak_${n}`,
        name: "Operator",
        pages: [{ id: `1048${n}`, name: "Halaman Uji", username: `tolakfb${n}` }],
      },
      pick: `1018${n}`,
      registered: `1048${n}`,
      handle: `tolakfb${n}`,
    }),
  },
  {
    slug: "instagram",
    platform: "INSTAGRAM",
    clientParam: "client_id",
    fresh: (n) => ({
      offer: { platform: "instagram", id: `178416${n}`, username: `tolak_ig_${n}`, name: "Uji IG" },
      pick: `178416${n}`,
      registered: `178416${n}`,
      handle: `tolak_ig_${n}`,
    }),
  },
  {
    slug: "tiktok",
    platform: "TIKTOK",
    clientParam: "client_key",
    fresh: (n) => ({
      offer: { platform: "tiktok", id: `act.tolak${n}`, username: `tolak_tt_${n}`, name: "Uji TikTok" },
      pick: `act.tolak${n}`,
      registered: `act.tolak${n}`,
      handle: `tolak_tt_${n}`,
    }),
  },
];

const control = controlOf(emu);

beforeAll(async () => {
  for (const p of platforms)
    expect(
      (
        await control("/oauth/clients", {
          platform: p.slug,
          clientId: clientIds[p.slug],
          clientSecret: SECRET,
          redirectUris: [`${APP}/api/oauth/${p.slug}/callback`, OTHER_REDIRECT],
        })
      ).ok,
    ).toBe(true);
  w = await makeWorld();
});

afterAll(async () => {
  await emu?.close();
});

let seq = 0;
async function offered(p: (typeof platforms)[number]) {
  seq += 1;
  const a = p.fresh(`${String(Date.now()).slice(-8)}${seq}`);
  expect((await control("/oauth/accounts", a.offer)).ok).toBe(true);
  return a;
}

/**
 * The person on the platform's consent page: picks an account (or refuses) and is sent back. `redirectUri`
 * replaces the one in the form, as a page tampered with on the way would.
 */
async function consent(
  authorizeUrl: string,
  choice: { account?: string; decision: "allow" | "deny" },
  redirectUri?: string,
) {
  const page = await fetch(authorizeUrl);
  expect(page.status).toBe(200);
  const form = new URLSearchParams(new URL(authorizeUrl).searchParams);
  form.set("decision", choice.decision);
  if (choice.account) form.set("account", choice.account);
  if (redirectUri) form.set("redirect_uri", redirectUri);
  const answer = await fetch(authorizeUrl.split("?")[0]!, { method: "POST", body: form, redirect: "manual" });
  expect(answer.status).toBe(302);
  return Object.fromEntries(new URL(answer.headers.get("location")!).searchParams);
}

/** Everything a refusal must leave alone, inside this file's own organisation. */
async function snapshot() {
  const inTree = { unit: { path: { startsWith: w.units.root.path } } };
  return {
    accounts: await db.socialAccount.count({ where: inTree }),
    withTokens: await db.socialAccount.count({ where: { ...inTree, accessTokenEnc: { not: null } } }),
    audit: await db.auditLog.count({ where: { actorId: { in: [w.adminA.id, w.adminB.id] } } }),
  };
}

/** What the result page says for a reason: a sentence in Indonesian saying nothing was connected. */
function sentence(reason: string): string {
  const text = (id.connect.refused as Record<string, string>)[reason];
  expect(text, `no Indonesian sentence for ${reason}`).toBeDefined();
  expect(text).toMatch(/^Tidak ada yang disambungkan: /);
  return text!;
}

describe.each(platforms)("refusals on $slug change nothing", (p) => {
  it("the person refuses on the consent page", async () => {
    const started = await startConnection(w.adminA, p.slug, { unitId: w.units.poldaA.id });
    const query = await consent(started.authorizeUrl, { decision: "deny" });
    expect(query.error).toBe("access_denied");
    const before = await snapshot();
    const result = await finishConnection(w.adminA, p.slug, { query, nonce: started.nonce });
    expect(result).toMatchObject({ kind: "refused", reason: "denied" });
    expect(sentence("denied")).toContain("izin ditolak");
    expect(await snapshot()).toEqual(before);
  });

  it("a tampered state, or one from another browser, is refused; the right return works once, a replay is refused", async () => {
    const a = await offered(p);
    const started = await startConnection(w.adminA, p.slug, { unitId: w.units.poldaA.id });
    const query = await consent(started.authorizeUrl, { account: a.pick, decision: "allow" });
    const before = await snapshot();
    for (const [q, nonce] of [
      [{ ...query, state: `${query.state}A` }, started.nonce],
      [{ ...query, state: query.state!.slice(0, -2) }, started.nonce],
      [query, "a-nonce-from-another-browser"],
      [query, undefined],
    ] as const)
      expect(await finishConnection(w.adminA, p.slug, { query: q, nonce })).toMatchObject({
        kind: "refused",
        reason: "stateInvalid",
      });
    expect(sentence("stateInvalid")).toContain("tidak sah");
    expect(await snapshot()).toEqual(before);

    // The rightful return connects (Facebook: once the Page is picked).
    const result = await finishConnection(w.adminA, p.slug, { query, nonce: started.nonce });
    if (p.slug === "facebook") {
      expect(result.kind).toBe("pick");
      const connectionId = result.kind === "pick" ? result.connectionId : "";
      expect((await registerPickedPages(w.adminA, { connectionId, pageIds: [a.registered] })).connected).toHaveLength(
        1,
      );
    } else expect(result).toMatchObject({ kind: "connected", reconnected: false });
    const connected = await snapshot();
    expect(connected.accounts).toBe(before.accounts + 1);

    // The same return again (a replay, the back button) is refused and changes nothing.
    expect(await finishConnection(w.adminA, p.slug, { query, nonce: started.nonce })).toMatchObject({
      kind: "refused",
      reason: "stateUsed",
    });
    expect(sentence("stateUsed")).toContain("sudah pernah dipakai");
    expect(await snapshot()).toEqual(connected);
  });

  it("a redirect URI the app did not register gets the platform's error page, and nobody is sent anywhere", async () => {
    const started = await startConnection(w.adminA, p.slug, { unitId: w.units.poldaA.id });
    const wrong = new URL(started.authorizeUrl);
    expect(wrong.searchParams.get("redirect_uri")).toBe(`${APP}/api/oauth/${p.slug}/callback`);
    wrong.searchParams.set("redirect_uri", "https://evil.example/api/oauth/callback");
    const page = await fetch(wrong, { redirect: "manual" });
    expect(page.status).toBe(400);
    expect(page.headers.get("location")).toBeNull();
    // The consent page's answer is checked too: a tampered form sends nobody to an unregistered address.
    const form = new URLSearchParams(wrong.searchParams);
    form.set("decision", "allow");
    const answer = await fetch(started.authorizeUrl.split("?")[0]!, { method: "POST", body: form, redirect: "manual" });
    expect(answer.status).toBe(400);
    expect(answer.headers.get("location")).toBeNull();
  });

  it("a code issued for another redirect URI is refused at the exchange, and its state is spent", async () => {
    const a = await offered(p);
    const started = await startConnection(w.adminA, p.slug, { unitId: w.units.poldaA.id });
    // The code went to another registered callback; someone brings it to Siar's with Siar's state.
    const query = await consent(started.authorizeUrl, { account: a.pick, decision: "allow" }, OTHER_REDIRECT);
    expect(query.code).toBeTruthy();
    const before = await snapshot();
    expect(await finishConnection(w.adminA, p.slug, { query, nonce: started.nonce })).toMatchObject({
      kind: "refused",
      reason: "exchangeFailed",
    });
    expect(sentence("exchangeFailed")).toContain("tidak memberikan token");
    expect(await snapshot()).toEqual(before);
    expect(await db.socialAccount.count({ where: { platformAccountId: a.registered } })).toBe(0);
  });

  it("an error the platform sends back instead of a code (not a refusal) ends on 'platform menolak'", async () => {
    const started = await startConnection(w.adminA, p.slug, { unitId: w.units.poldaA.id });
    const state = new URL(started.authorizeUrl).searchParams.get("state")!;
    const before = await snapshot();
    // What a platform that redirects on a bad request sends, e.g. redirect_uri_mismatch or invalid_request.
    const query = { state, error: "redirect_uri_mismatch", error_description: "redirect_uri does not match" };
    expect(await finishConnection(w.adminA, p.slug, { query, nonce: started.nonce })).toMatchObject({
      kind: "refused",
      reason: "platformError",
    });
    expect(sentence("platformError")).toContain("platform menolak permintaan izin");
    expect(await snapshot()).toEqual(before);
  });

  it("a code is short-lived: brought back after more than 30 seconds it is refused at the exchange", async () => {
    const a = await offered(p);
    const started = await startConnection(w.adminA, p.slug, { unitId: w.units.poldaA.id });
    const query = await consent(started.authorizeUrl, { account: a.pick, decision: "allow" });
    // X's guide gives an authorization code 30 seconds (docs/platforms.md "Connecting"); the others a few
    // minutes at most. The emulator holds every platform to X's, the strictest.
    expect((await control("/clock", { advanceMs: 31_000 })).ok).toBe(true);
    const before = await snapshot();
    expect(await finishConnection(w.adminA, p.slug, { query, nonce: started.nonce })).toMatchObject({
      kind: "refused",
      reason: "exchangeFailed",
    });
    expect(await snapshot()).toEqual(before);
  });

  it("an account already registered to another unit is refused and left where it is", async () => {
    const a = await offered(p);
    const elsewhere = await db.socialAccount.create({
      data: {
        id: randomUUID(),
        unitId: w.units.poldaB.id,
        platform: p.platform,
        handle: a.handle,
        displayName: "Milik Polda B",
        platformAccountId: a.registered,
        status: "NEEDS_RECONNECT",
        verification: "VERIFIED",
      },
    });
    const started = await startConnection(w.adminA, p.slug, { unitId: w.units.poldaA.id });
    const query = await consent(started.authorizeUrl, { account: a.pick, decision: "allow" });
    const before = await snapshot();
    const result = await finishConnection(w.adminA, p.slug, { query, nonce: started.nonce });
    if (p.slug === "facebook") {
      // Facebook: the Page is shown as registered elsewhere and cannot be registered from the pick.
      const connectionId = result.kind === "pick" ? result.connectionId : "";
      const pending = await listPendingPages(w.adminA, connectionId);
      expect(pending!.pages[0]!.registeredUnder).toEqual({ unitName: w.units.poldaB.name, here: false });
      expect(await registerPickedPages(w.adminA, { connectionId, pageIds: [a.registered] })).toEqual({
        connected: [],
        refused: [{ pageId: a.registered, reason: "registeredElsewhere" }],
      });
    } else expect(result).toMatchObject({ kind: "refused", reason: "registeredElsewhere" });
    expect(sentence("registeredElsewhere")).toContain("sudah terdaftar di unit lain");
    expect(await snapshot()).toEqual(before);
    expect(await db.socialAccount.findUniqueOrThrow({ where: { id: elsewhere.id } })).toMatchObject({
      unitId: w.units.poldaB.id,
      status: "NEEDS_RECONNECT",
      accessTokenEnc: null,
      displayName: "Milik Polda B",
    });
  });
});

describe("LINE (no consent page: the channel's token or its id and secret)", () => {
  it("a channel already registered to another unit is refused either way and left where it is", async () => {
    const n = `${String(Date.now()).slice(-8)}${(seq += 1)}`;
    const bot = `Utolak${n}`.padEnd(33, "0");
    const channelId = `21${n}`;
    const longLived = `line-long-${randomUUID()}`;
    expect(
      (
        await control("/oauth/accounts", {
          platform: "line",
          id: bot,
          username: `@tl${n}`,
          name: "LINE Uji",
          channelId,
          channelSecret: SECRET,
          accessToken: longLived,
        })
      ).ok,
    ).toBe(true);
    const elsewhere = await db.socialAccount.create({
      data: {
        id: randomUUID(),
        unitId: w.units.poldaB.id,
        platform: "LINE_OA",
        handle: `tl${n}`,
        displayName: "Milik Polda B",
        platformAccountId: bot,
        status: "ACTIVE",
        verification: "VERIFIED",
      },
    });
    const before = await snapshot();
    for (const input of [
      { mode: "token", unitId: w.units.poldaA.id, accessToken: longLived },
      { mode: "issue", unitId: w.units.poldaA.id, channelId, channelSecret: SECRET },
    ])
      expect(await failure(connectLine(w.adminA, input))).toMatchObject({
        messageKey: "connect.refused.registeredElsewhere",
      });
    expect(await snapshot()).toEqual(before);
    expect(await db.socialAccount.findUniqueOrThrow({ where: { id: elsewhere.id } })).toMatchObject({
      unitId: w.units.poldaB.id,
      accessTokenEnc: null,
    });
  });
});
