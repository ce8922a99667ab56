import type { Page } from "@playwright/test";
import { db, expect, loginAs, test } from "./fixtures";

// "Sambungkan akun" on all six platforms, in Chromium, as the ADMIN of Polda Kalimantan Timur: X, Facebook
// (then the Page to register), Instagram, YouTube and TikTok through the emulator's consent pages, LINE by
// issuing a channel token from its id and secret. Each lands in the registry under the unit chosen at the
// start (Polresta Balikpapan, in the ADMIN's subtree) with its expiry ("Terhubung, kedaluwarsa pada …", or no
// expiry for a Page token). Then the Polda's SUPERVISOR verifies them as official (decision 0013: an account
// below the top unit waits for the unit above), the ADMIN writes one post for the six, the SUPERVISOR approves
// it, and the worker publishes it on every platform through the emulator.

const emulator = `http://127.0.0.1:${process.env.EMULATOR_PORT}`;

async function offer(account: Record<string, unknown>) {
  const res = await fetch(`${emulator}/__control/oauth/accounts`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(account),
  });
  expect(res.ok).toBe(true);
}

async function startOn(page: Page, platform: string, unitId: string) {
  await page.goto(`/accounts/connect?unit=${unitId}`);
  await page.getByRole("link", { name: `Sambungkan dengan ${platform}` }).click();
}

/** A tiny MP4 whose header says it lasts ten seconds: a video every platform's rules accept. */
function shortMp4(): Buffer {
  const ftyp = Buffer.concat([Buffer.from([0, 0, 0, 16]), Buffer.from("ftypisom"), Buffer.from([0, 0, 2, 0])]);
  const mvhd = Buffer.alloc(108);
  mvhd.writeUInt32BE(108, 0);
  mvhd.write("mvhd", 4, "latin1");
  mvhd.writeUInt32BE(1_000, 20);
  mvhd.writeUInt32BE(10_000, 24);
  const moovHeader = Buffer.alloc(8);
  moovHeader.writeUInt32BE(8 + mvhd.length, 0);
  moovHeader.write("moov", 4, "latin1");
  return Buffer.concat([ftyp, moovHeader, mvhd, Buffer.alloc(64 * 1024, 7)]);
}

async function allowOnConsentPage(page: Page, username: string) {
  await expect(page.getByRole("heading", { name: /Authorize .* to use your account/ })).toBeVisible();
  await page.getByLabel(new RegExp(`@${username}`)).check();
  await page.getByRole("button", { name: "Authorize app" }).click();
}

test("an ADMIN of Polda Kaltim connects one account of each platform under a chosen unit, then a post goes to all six", async ({
  page,
}) => {
  test.setTimeout(420_000);
  const s = String(Date.now()).slice(-9);
  const kaltim = await db.unit.findUniqueOrThrow({ where: { code: "POLRES-BALIKPAPAN" } });
  const ids = {
    X: `1792${s}`,
    FACEBOOK_PAGE: `1049${s}`,
    INSTAGRAM: `178419${s}`,
    YOUTUBE: `UCall${s}`.padEnd(24, "0"),
    TIKTOK: `act.all${s}`,
    LINE_OA: `Uall${s}`.padEnd(33, "0"),
  };
  const handles = {
    X: `kaltim_x_${s}`,
    FACEBOOK_PAGE: `kaltimfb${s}`,
    INSTAGRAM: `kaltim_ig_${s}`,
    YOUTUBE: `kaltimyt${s}`,
    TIKTOK: `kaltim_tt_${s}`,
    LINE_OA: `kl${s}`,
  };
  const channelId = `20${s}`;
  const channelSecret = `rahasia-${s}-channel`;
  await offer({ platform: "x", id: ids.X, username: handles.X, name: "Humas Kaltim X (uji)" });
  await offer({
    platform: "facebook",
    id: `1017${s}`,
    username: `operator${s}`,
    name: "Operator Humas",
    pages: [{ id: ids.FACEBOOK_PAGE, name: "Humas Polda Kaltim (uji)", username: handles.FACEBOOK_PAGE }],
  });
  await offer({ platform: "instagram", id: ids.INSTAGRAM, username: handles.INSTAGRAM, name: "Humas Kaltim IG" });
  await offer({ platform: "youtube", id: ids.YOUTUBE, username: handles.YOUTUBE, name: "Kanal Humas Kaltim" });
  await offer({ platform: "tiktok", id: ids.TIKTOK, username: handles.TIKTOK, name: "Humas Kaltim TikTok" });
  await offer({
    platform: "line",
    id: ids.LINE_OA,
    username: `@${handles.LINE_OA}`,
    name: "Humas Kaltim LINE",
    channelId,
    channelSecret,
  });

  await loginAs(page, "admin.kaltim@siar.test");
  const result = page.getByTestId("connect-result");
  const connectedTo = (handle: string, platform: string) =>
    expect(result).toContainText(`Akun @${handle} (${platform}) tersambung ke ${kaltim.name}.`);

  for (const [platform, key, label] of [
    ["X", "X", "X"],
    ["Instagram", "INSTAGRAM", "Instagram"],
    ["YouTube", "YOUTUBE", "YouTube"],
    ["TikTok", "TIKTOK", "TikTok"],
  ] as const) {
    await startOn(page, platform, kaltim.id);
    await allowOnConsentPage(page, handles[key]);
    await expect(result).toHaveAttribute("data-outcome", "connected");
    await connectedTo(handles[key], label);
    await expect(result).toContainText("Terhubung, kedaluwarsa pada");
  }

  // Facebook: Facebook Login, then the Page to register (each keeps its own Page token, which does not expire).
  await startOn(page, "Facebook", kaltim.id);
  await allowOnConsentPage(page, `operator${s}`);
  await expect(page.getByRole("heading", { name: "Pilih Halaman Facebook" })).toBeVisible();
  await page.getByLabel(/Humas Polda Kaltim \(uji\)/).check();
  await page.getByRole("button", { name: "Daftarkan Halaman terpilih" }).click();
  await expect(result).toHaveAttribute("data-outcome", "connected");
  await connectedTo(handles.FACEBOOK_PAGE, "Facebook");
  await expect(result).toContainText("Terhubung, tanpa tanggal kedaluwarsa");

  // LINE: a 30-day channel token issued from the channel id and secret, checked with LINE.
  await startOn(page, "LINE OA", kaltim.id);
  await expect(page.getByRole("heading", { name: "Sambungkan LINE Official Account" })).toBeVisible();
  const issue = page.getByTestId("line-issue-form");
  await issue.getByLabel("Channel ID").fill(channelId);
  await issue.getByLabel("Channel secret").fill("bukan-rahasianya");
  await issue.getByRole("button", { name: "Terbitkan dan sambungkan" }).click();
  await expect(issue).toContainText("LINE menolak Channel ID dan secret ini");
  await issue.getByLabel("Channel secret").fill(channelSecret);
  await issue.getByRole("button", { name: "Terbitkan dan sambungkan" }).click();
  await expect(result).toHaveAttribute("data-outcome", "connected");
  await connectedTo(handles.LINE_OA, "LINE OA");
  await expect(result).toContainText("Terhubung, kedaluwarsa pada");
  // The channel secret was kept with the account: a citizen's chat message, which LINE signs with this channel's
  // own secret (not the installation's LINE_CHANNEL_SECRET), is taken by Siar's webhook and stored.
  const chat = await fetch(`${emulator}/__control/citizens`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ platform: "line", account: ids.LINE_OA, kind: "message", text: `Info SKCK ${s}?` }),
  });
  const delivered = (await chat.json()) as { id: string; deliveries: { status: number }[] };
  expect(delivered.deliveries.map((d) => d.status)).toEqual([200]);
  await expect
    .poll(async () => (await db.interaction.findFirst({ where: { externalId: delivered.id } }))?.text ?? null, {
      timeout: 30_000,
    })
    .toBe(`Info SKCK ${s}?`);
  // The pasted-token form beside it asks for the secret too, under its own label.
  await page.goto(`/accounts/connect/line?unit=${kaltim.id}`);
  await expect(page.getByTestId("line-token-form").getByLabel("Channel secret (untuk pesan warga)")).toBeEditable();

  // Each is in the registry under the chosen unit, with when its access ends.
  const accounts = await db.socialAccount.findMany({
    where: { platformAccountId: { in: Object.values(ids) } },
    select: { id: true, platform: true, unitId: true, handle: true, verification: true },
  });
  expect(accounts.map((a) => a.platform).sort()).toEqual(
    ["FACEBOOK_PAGE", "INSTAGRAM", "LINE_OA", "TIKTOK", "X", "YOUTUBE"].sort(),
  );
  expect(accounts.every((a) => a.unitId === kaltim.id)).toBe(true);
  // Whether the access renews itself: X, YouTube and TikTok by their refresh token, Instagram by refreshing its
  // own token; LINE's 30-day channel token needs a person before it ends (a Page token does not end).
  const renews: Record<string, string | null> = {
    X: "Diperbarui otomatis",
    YOUTUBE: "Diperbarui otomatis",
    TIKTOK: "Diperbarui otomatis",
    INSTAGRAM: "Diperbarui otomatis",
    LINE_OA: "Perlu disambungkan ulang sebelum berakhir",
    FACEBOOK_PAGE: null,
  };
  for (const a of accounts) {
    await page.goto(`/accounts?unit=${kaltim.id}&q=${a.handle}`);
    await expect(page.getByText(`@${a.handle}`).first()).toBeVisible();
    await expect(
      page
        .getByText(
          a.platform === "FACEBOOK_PAGE" ? "Terhubung, tanpa tanggal kedaluwarsa" : /Terhubung, kedaluwarsa pada/,
        )
        .first(),
    ).toBeVisible();
    if (renews[a.platform]) await expect(page.getByText(renews[a.platform]!).first()).toBeVisible();
  }

  // They await verification by the unit above: the Polda's SUPERVISOR checks them as official.
  expect(new Set(accounts.map((a) => a.verification))).toEqual(new Set(["PENDING"]));
  const context = await page
    .context()
    .browser()!
    .newContext({ baseURL: test.info().project.use.baseURL, locale: "id-ID" });
  const supervisor = await context.newPage();
  await loginAs(supervisor, "supervisor.kaltim@siar.test");
  await supervisor.goto("/accounts/verification");
  for (const a of accounts) await supervisor.getByLabel(new RegExp(`^Pilih @${a.handle} \\(`)).check();
  await supervisor.getByTestId("verify-selected").click();
  await expect(supervisor.getByTestId("verify-outcome")).toContainText("6 akun diverifikasi");

  // One post for the six: a short video (YouTube and TikTok take only video, Instagram needs media) and
  // YouTube's title, to go out as soon as it is approved.
  const text = `Siaran uji enam platform dari Polda Kaltim (${s}).`;
  await page.goto("/compose");
  await page.getByLabel("Cari akun, nama atau unit…").fill(s);
  for (const a of accounts)
    await page
      .getByRole("list", { name: "Daftar akun" })
      .getByLabel(new RegExp(`@${a.handle}$`))
      .check();
  await expect(page.getByTestId("selected-count")).toHaveText("6 akun dipilih");
  await page.getByLabel("Teks utama").fill(text);
  await page.getByLabel("Judul video (YouTube)").fill("Siaran uji enam platform");
  await page
    .getByTestId("media-input")
    .setInputFiles({ name: "siaran.mp4", mimeType: "video/mp4", buffer: shortMp4() });
  // Every platform's preview tab says its rules are met.
  for (const name of ["X", "Facebook", "Instagram", "LINE OA", "YouTube", "TikTok"])
    await expect(page.getByRole("tab", { name: `${name} ✓` })).toBeVisible();
  await page.getByLabel("Segera setelah disetujui").check();
  await page.getByRole("button", { name: "Ajukan untuk terbit segera" }).click();
  await page.waitForURL(/\/posts\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("target-row")).toHaveCount(6);

  await supervisor.goto("/approvals");
  const item = supervisor.getByTestId("approval-item").filter({ hasText: text });
  await item.getByRole("button", { name: "Setujui" }).click();
  await expect(item).toHaveCount(0);

  // The worker publishes on every platform; the post page shows each target published with its link.
  await expect(page.locator('[data-testid="target-row"] [data-status="PUBLISHED"]')).toHaveCount(6, {
    timeout: 240_000,
  });
  const postId = page.url().split("/").pop()!;
  const targets = await db.postTarget.findMany({
    where: { postId },
    select: { status: true, platformPostId: true, account: { select: { platform: true } } },
  });
  expect(targets.map((t) => t.account.platform).sort()).toEqual(
    ["FACEBOOK_PAGE", "INSTAGRAM", "LINE_OA", "TIKTOK", "X", "YOUTUBE"].sort(),
  );
  expect(targets.every((t) => t.status === "PUBLISHED" && t.platformPostId)).toBe(true);
  await context.close();

  // Token health in the registry: three weeks on, LINE's channel token ends in three days, and X has refused
  // its account (as the worker records a refusal). The registry, filtered on the unit, lists both for a person
  // to connect again, LINE with the day it stops working; the accounts that renew themselves are not listed.
  const byPlatform = Object.fromEntries(accounts.map((a) => [a.platform, a]));
  await db.socialAccount.update({
    where: { id: byPlatform.LINE_OA!.id },
    data: { tokenExpiresAt: new Date(Date.now() + 3 * 24 * 3_600_000) },
  });
  await db.socialAccount.update({ where: { id: byPlatform.X!.id }, data: { status: "NEEDS_RECONNECT" } });
  await page.goto(`/accounts?unit=${kaltim.id}`);
  const toReconnect = page.getByTestId("accounts-to-reconnect");
  await expect(page.getByRole("heading", { name: "Akun yang perlu disambungkan ulang" })).toBeVisible();
  await expect(toReconnect.getByRole("listitem").filter({ hasText: `@${byPlatform.LINE_OA!.handle}` })).toContainText(
    "berhenti berfungsi pada",
  );
  await expect(toReconnect.getByRole("listitem").filter({ hasText: `@${byPlatform.X!.handle}` })).toContainText(
    "ditolak platform; sambungkan ulang",
  );
  for (const p of ["YOUTUBE", "TIKTOK", "INSTAGRAM", "FACEBOOK_PAGE"])
    await expect(toReconnect.getByText(`@${byPlatform[p]!.handle}`)).toHaveCount(0);
  // The same list on the home page.
  await page.goto("/");
  await expect(page.getByTestId("accounts-to-reconnect").getByText(`@${byPlatform.LINE_OA!.handle}`)).toBeVisible();

  // Put X back as connected: the specs after this one compose for every account of Polda Kaltim and expect each
  // to publish, and the targets of an account refused by its platform rightly wait for a reconnect.
  await db.socialAccount.update({ where: { id: byPlatform.X!.id }, data: { status: "ACTIVE" } });
});
