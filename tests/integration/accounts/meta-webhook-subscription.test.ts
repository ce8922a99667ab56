import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestEmulator } from "../../support/emulator";
import { startTestEmulator } from "../../support/emulator";
import type { WebhookReceiver } from "../../support/webhook-receiver";
import { controlOf, pointConnectAt } from "./connect-emulator";

// Meta pushes a Page's or an Instagram account's comments only to an app installed on it (docs/platforms.md
// "Subscribing each account"). Connecting an account through "Sambungkan akun" queues that installation; the job
// makes it on the emulator over real HTTP, and only then do the emulator's citizens reach Siar's webhook. A Page
// connected without pages_manage_metadata is refused for good and stays unsubscribed; the round lists what is left.

const SECRET = `secret-${randomUUID()}`;
const APP = "http://127.0.0.1:3102";
const APP_SECRET = "meta-app-secret-langganan";

const emu: TestEmulator = await startTestEmulator();
const clientIds = pointConnectAt(emu, { app: APP, secret: SECRET, prefix: "siar-sub" });
Object.assign(process.env, { META_APP_SECRET: APP_SECRET, QUEUE_PREFIX: `siar-subscribe-${process.pid}` });

const { db } = await import("@/server/db");
const { startConnection } = await import("@/server/accounts/connect/start-connection");
const { finishConnection } = await import("@/server/accounts/connect/finish-connection");
const { listPendingPages, registerPickedPages } = await import("@/server/accounts/connect/pick-pages");
const { accountsToSubscribe, subscribeAccountWebhooks } = await import("@/server/interactions/subscribe-webhooks");
const { engineProducer } = await import("@/server/publishing/engine-queue");
const { loadInboxOptions } = await import("@/server/interactions/list-inbox");
const { startWebhookReceiver } = await import("../../support/webhook-receiver");
const { makeWorld } = await import("./world");

let w: Awaited<ReturnType<typeof makeWorld>>;
let receiver: WebhookReceiver;
const control = controlOf(emu);

beforeAll(async () => {
  for (const platform of ["facebook", "instagram"] as const)
    await control("/oauth/clients", {
      platform,
      clientId: clientIds[platform],
      clientSecret: SECRET,
      redirectUris: [`${APP}/api/oauth/${platform}/callback`],
    });
  receiver = await startWebhookReceiver();
  await control("/webhooks", { meta: { url: receiver.metaUrl, appSecret: APP_SECRET } });
  w = await makeWorld();
});

afterAll(async () => {
  const { queue } = await engineProducer();
  await queue.obliterate({ force: true });
  await receiver?.close();
  await emu?.close();
});

let seq = 0;
const fresh = () => `${Date.now()}${(seq += 1)}`;

async function consent(authorizeUrl: string, account: string, scope?: string) {
  const form = new URLSearchParams(new URL(authorizeUrl).searchParams);
  form.set("decision", "allow");
  form.set("account", account);
  if (scope) form.set("scope", scope);
  const answer = await fetch(authorizeUrl.split("?")[0]!, { method: "POST", body: form, redirect: "manual" });
  expect(answer.status).toBe(302);
  return Object.fromEntries(new URL(answer.headers.get("location")!).searchParams);
}

/** A citizen comments on the account; answers the statuses of the webhook deliveries the emulator made. */
async function citizenComments(platform: "facebook" | "instagram", account: string): Promise<number[]> {
  const res = await control("/citizens", { platform, account, kind: "comment", text: `Info SIM keliling ${fresh()}` });
  expect(res.status).toBe(200);
  return ((await res.json()) as { deliveries: { status: number }[] }).deliveries.map((d) => d.status);
}

async function subscribedFields(platform: "facebook" | "instagram", account: string): Promise<string[]> {
  const row = await db.socialAccount.findFirstOrThrow({ where: { platformAccountId: account } });
  const { open } = await import("@/server/crypto/secret-box");
  const res = await fetch(
    `${emu.url}/${platform}/v25.0/${account}/subscribed_apps?access_token=${open(row.accessTokenEnc!)}`,
  );
  const body = (await res.json()) as { data: { subscribed_fields: string[] }[] };
  return body.data.flatMap((d) => d.subscribed_fields);
}

/** The inbox's notice of how items arrive, as the Polres's Humas reads it: Instagram accounts still waiting. */
async function waitingInstagram(): Promise<number> {
  const { arrivals } = await loadInboxOptions(w.adminA, w.units.polresA.path);
  return arrivals.find((a) => a.platform === "INSTAGRAM" && a.arrival === "metaPending")?.count ?? 0;
}

describe("Meta webhooks for a connected account", () => {
  it("installs Siar's app on an Instagram account it connects; its citizens' comments come only after that", async () => {
    const id = `178416${fresh()}`;
    await control("/oauth/accounts", { platform: "instagram", id, username: `ig_sub_${w.tag}`, name: "Humas IG" });
    const started = await startConnection(w.adminA, "instagram", { unitId: w.units.polresA.id });
    const query = await consent(started.authorizeUrl, id);
    expect(await finishConnection(w.adminA, "instagram", { query, nonce: started.nonce })).toMatchObject({
      kind: "connected",
    });
    const row = await db.socialAccount.findFirstOrThrow({ where: { platform: "INSTAGRAM", platformAccountId: id } });
    expect(row.webhooksSubscribedAt).toBeNull();
    // The connect queued the installation, one job for the account.
    const { queue } = await engineProducer();
    const job = await queue.getJob(`subscribe-${row.id}`);
    expect({ name: job?.name, data: job?.data }).toEqual({
      name: "interactions.subscribeAccount",
      data: { accountId: row.id },
    });
    expect(await accountsToSubscribe()).toContain(row.id);

    // Not installed yet: Meta sends nothing for it, and the inbox says so.
    expect(await citizenComments("instagram", id)).toEqual([]);
    const waiting = await waitingInstagram();
    expect(waiting).toBeGreaterThanOrEqual(1);

    expect(await subscribeAccountWebhooks(row.id)).toBe("subscribed");
    expect((await db.socialAccount.findUniqueOrThrow({ where: { id: row.id } })).webhooksSubscribedAt).not.toBeNull();
    expect(await subscribedFields("instagram", id)).toEqual(["comments"]);
    expect(await accountsToSubscribe()).not.toContain(row.id);
    expect(await waitingInstagram()).toBe(waiting - 1);
    // Installed: the comment is delivered, signed, and Siar's route takes it.
    expect(await citizenComments("instagram", id)).toEqual([200]);
  });

  it("installs it on a picked Page with pages_manage_metadata, and is refused for good without it", async () => {
    const person = `1017${fresh()}`;
    const granted = `1041${fresh()}`;
    await control("/oauth/accounts", {
      platform: "facebook",
      id: person,
      username: `op_sub_${seq}`,
      name: "Operator",
      pages: [{ id: granted, name: "Halaman Langganan", username: `halaman_sub_${w.tag}` }],
    });
    const started = await startConnection(w.adminA, "facebook", { unitId: w.units.poldaA.id });
    const result = await finishConnection(w.adminA, "facebook", {
      query: await consent(started.authorizeUrl, person),
      nonce: started.nonce,
    });
    const connectionId = result.kind === "pick" ? result.connectionId : "";
    expect((await listPendingPages(w.adminA, connectionId))!.pages).toHaveLength(1);
    const picked = await registerPickedPages(w.adminA, { connectionId, pageIds: [granted] });
    const pageId = picked.connected[0]!;
    expect(await citizenComments("facebook", granted)).toEqual([]);
    expect(await subscribeAccountWebhooks(pageId)).toBe("subscribed");
    expect(await subscribedFields("facebook", granted)).toEqual(["feed"]);
    expect(await citizenComments("facebook", granted)).toEqual([200]);

    // Another person's Page, consented without pages_manage_metadata: Meta refuses the installation.
    const other = `1018${fresh()}`;
    const withheld = `1042${fresh()}`;
    await control("/oauth/accounts", {
      platform: "facebook",
      id: other,
      username: `op_sub2_${seq}`,
      name: "Operator Dua",
      pages: [{ id: withheld, name: "Halaman Tanpa Izin", username: `halaman_tanpa_${w.tag}` }],
    });
    const again = await startConnection(w.adminA, "facebook", { unitId: w.units.poldaA.id });
    const scope = "pages_show_list,pages_manage_posts,pages_read_engagement,pages_manage_engagement,read_insights";
    const second = await finishConnection(w.adminA, "facebook", {
      query: await consent(again.authorizeUrl, other, scope),
      nonce: again.nonce,
    });
    const secondPick = await registerPickedPages(w.adminA, {
      connectionId: second.kind === "pick" ? second.connectionId : "",
      pageIds: [withheld],
    });
    const refusedId = secondPick.connected[0]!;
    expect(await subscribeAccountWebhooks(refusedId)).toBe("refused");
    const refused = await db.socialAccount.findUniqueOrThrow({ where: { id: refusedId } });
    expect(refused).toMatchObject({ status: "ACTIVE", webhooksSubscribedAt: null });
    expect(await citizenComments("facebook", withheld)).toEqual([]);
  });
});
