import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/server/db";
import { citizensOnEmulator, createCitizensPolda, storedOnce, type CitizensPolda } from "./support/citizens";

// Citizens on the emulated platforms reach Siar as the platforms deliver them (issue 16): the emulator signs its
// LINE and Meta webhooks with the secrets Siar shares and POSTs them over HTTP to Siar's webhook routes; the real
// worker stores what was queued. A forged signature is refused and nothing is stored; a delivery repeated three
// times stores one item.
vi.hoisted(() => {
  process.env.LINE_CHANNEL_SECRET = "rahasia-kanal-line-emulator";
  process.env.META_APP_SECRET = "rahasia-aplikasi-meta-emulator";
});

const running = citizensOnEmulator();
let polda: CitizensPolda;

beforeAll(async () => {
  polda = await createCitizensPolda("Polda Warga Emulator", `1790${Date.now()}`);
});

describe("the emulator's webhooks into Siar", () => {
  it("an Instagram comment on Siar's post arrives signed, is stored by the worker and linked to the post", async () => {
    const c = await running.emu.citizen({
      platform: "instagram",
      account: polda.instagram.platformAccountId,
      kind: "comment",
      postId: polda.mediaId,
      text: "Min, syarat perpanjangan SIM apa saja?",
      author: { id: "17841401234", username: "warga_samarinda", name: "Warga Samarinda" },
    });
    expect(c.deliveries).toEqual([{ url: running.receiver.metaUrl, status: 200, attempt: 1 }]);
    const row = await storedOnce({ externalId: c.id });
    expect(row).toMatchObject({
      platform: "INSTAGRAM",
      kind: "COMMENT",
      accountId: polda.instagram.id,
      targetId: polda.targetId,
      externalParentId: polda.mediaId,
      authorHandle: "warga_samarinda",
      text: "Min, syarat perpanjangan SIM apa saja?",
    });
  });

  it("a LINE chat message delivered three times stores one item, urgent, with its reply token", async () => {
    const c = await running.emu.citizen({
      platform: "line",
      account: polda.line.platformAccountId,
      kind: "message",
      text: "Tolong, ada kecelakaan di simpang Lembuswana!",
      deliveries: 3,
    });
    expect(c.deliveries.map((d) => d.status)).toEqual([200, 200, 200]);
    const row = await storedOnce({ externalId: c.id });
    expect(row).toMatchObject({ platform: "LINE_OA", kind: "MESSAGE", accountId: polda.line.id, urgent: true });
    expect(row.platformData).toMatchObject({ replyToken: expect.any(String) });
    // Later runs of the worker find nothing new.
    await new Promise((r) => setTimeout(r, 500));
    expect(await db.interaction.count({ where: { externalId: c.id } })).toBe(1);
  });

  it("a delivery signed with the wrong secret is refused (401) and stores nothing", async () => {
    const forged = await running.emu.citizen({
      platform: "facebook",
      account: polda.page.platformAccountId,
      kind: "comment",
      text: "Komentar palsu dari pihak lain",
      signature: "wrong",
    });
    expect(forged.deliveries.map((d) => d.status)).toEqual([401]);
    const forgedLine = await running.emu.citizen({
      platform: "line",
      account: polda.line.platformAccountId,
      kind: "message",
      text: "Pesan palsu",
      signature: "wrong",
    });
    expect(forgedLine.deliveries.map((d) => d.status)).toEqual([401]);
    // A good delivery after them is stored: the worker ran, and still nothing of the forged ones.
    const good = await running.emu.citizen({
      platform: "facebook",
      account: polda.page.platformAccountId,
      kind: "message",
      text: "Halo, mau tanya jam layanan SIM",
    });
    expect(good.deliveries.map((d) => d.status)).toEqual([200]);
    expect(await storedOnce({ externalId: good.id })).toMatchObject({ platform: "FACEBOOK_PAGE", kind: "MESSAGE" });
    expect(await db.interaction.count({ where: { externalId: { in: [forged.id, forgedLine.id] } } })).toBe(0);
  });

  it("refuses what a platform gives no API for, naming it", async () => {
    const res = await fetch(`${running.emu.url}/__control/citizens`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ platform: "tiktok", account: "tt-1", kind: "comment", text: "Halo" }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/TikTok gives no API/);
  });
});
