import { createHmac, randomBytes } from "node:crypto";
import type { CitizenKind, CitizenResult, EmulatedPlatform } from "@/emulator/control-schema";
import { oauthStore } from "@/emulator/oauth";
import { metaWebhookSubscribed } from "@/emulator/platforms/graph-subscriptions";
import type { CitizenItem, EmulatorState } from "@/emulator/state";

// Citizens on the emulated platforms (issue 16): comments on an account's posts, mentions of it and direct or
// chat messages to it, only where the platform's API gives them to an official account (docs/platforms.md
// "Reading citizens"). LINE and Meta push them as signed webhooks to Siar's URL; X and YouTube (and Facebook and
// Instagram as well) are read from their list endpoints (platforms/*-inbox.ts). A generator adds a few a minute.

/** What each platform gives an official account; TikTok gives nothing (no comment or message API for this use). */
export const citizenKinds: Record<EmulatedPlatform, readonly CitizenKind[]> = {
  // Replies to the account's posts and posts naming it both come through the mentions timeline; DMs need a
  // scope (dm.read) Siar does not ask for.
  x: ["comment", "mention"],
  // Page feed comments (webhook "feed", or GET /{post}/comments) and Messenger messages (webhook "messages").
  facebook: ["comment", "message"],
  // Comments (webhook "comments", or GET /{media}/comments), mentions (webhook "mentions"), messages.
  instagram: ["comment", "mention", "message"],
  // commentThreads.list; YouTube has no messages and no mentions API.
  youtube: ["comment"],
  // Messaging API chat messages, by webhook only (LINE has no endpoint to read them back).
  line: ["message"],
  tiktok: [],
};

/** Kinds a platform pushes by webhook to Siar (the others are read by Siar's polling). */
function pushed(platform: EmulatedPlatform, kind: CitizenKind): "line" | "meta" | null {
  if (platform === "line") return "line";
  if (platform === "facebook" || platform === "instagram")
    return kind === "mention" && platform === "facebook" ? null : "meta";
  return null;
}

const AUTHORS = [
  { username: "budi.santoso88", name: "Budi Santoso" },
  { username: "sitinurhaliza_", name: "Siti Nurhaliza" },
  { username: "andi_pratama", name: "Andi Pratama" },
  { username: "dewi.lestari.k", name: "Dewi Lestari" },
  { username: "rizky_kaltim", name: "Rizky Ramadhan" },
  { username: "wayan.sudarsana", name: "I Wayan Sudarsana" },
  { username: "maria.tambunan", name: "Maria Tambunan" },
  { username: "fajar_bpn", name: "Fajar Nugroho" },
];

/** Indonesian citizens' texts: questions, complaints, thanks, suggestions and now and then an emergency. */
const TEXTS: Record<"question" | "complaint" | "thanks" | "suggestion" | "urgent", readonly string[]> = {
  question: [
    "Min, syarat perpanjangan SIM apa saja ya?",
    "Selamat siang, jam layanan SKCK hari Sabtu buka tidak?",
    "Kalau mau lapor kehilangan dompet harus ke Polsek mana?",
    "Apakah pembuatan SIM online sudah bisa untuk wilayah kami?",
    "Mohon info, razia kendaraan minggu ini di titik mana saja?",
  ],
  complaint: [
    "Laporan saya dua minggu lalu belum ada tindak lanjut, mohon dicek.",
    "Lampu lalu lintas di simpang Muara Rapak mati sejak kemarin.",
    "Antrean di Samsat lama sekali, petugasnya cuma satu.",
    "Ada pungli di jalan poros, tolong ditertibkan.",
  ],
  thanks: [
    "Terima kasih pak polisi sudah membantu warga kami kemarin 🙏",
    "Mantap, pelayanannya cepat dan ramah. Sukses selalu!",
    "Terima kasih infonya, sangat bermanfaat.",
  ],
  suggestion: [
    "Saran min, tambahkan jadwal SIM keliling di kecamatan kami.",
    "Sebaiknya pengumuman seperti ini dibagikan juga lewat grup RT.",
  ],
  urgent: [
    "Tolong! Ada kecelakaan di jalan Soekarno-Hatta km 5, korban belum ditolong.",
    "Tolong segera, ada kebakaran rumah di gang Mawar dekat masjid.",
    "Kecelakaan beruntun di tanjakan, mohon bantuan petugas secepatnya!",
  ],
};

function pick<T>(list: readonly T[]): T {
  return list[Math.floor(Math.random() * list.length)]!;
}

/** A random citizen text; one in ten is an emergency. */
function randomText(): string {
  const r = Math.random();
  const kind = r < 0.1 ? "urgent" : r < 0.45 ? "question" : r < 0.7 ? "complaint" : r < 0.9 ? "thanks" : "suggestion";
  return pick(TEXTS[kind]);
}

/** A platform-shaped author id: LINE "U"+32 hex, numeric elsewhere, YouTube channel "UC…". */
function authorId(platform: EmulatedPlatform, username: string): string {
  const h = createHmac("sha256", "citizen").update(`${platform}:${username}`).digest("hex");
  if (platform === "line") return `U${h.slice(0, 32)}`;
  if (platform === "youtube") return `UC${Buffer.from(h.slice(0, 16), "hex").toString("base64url")}`;
  return String(BigInt(`0x${h.slice(0, 15)}`));
}

/** The platform's id for a new item, in its own format. */
function itemId(state: EmulatorState, platform: EmulatedPlatform, kind: CitizenKind, postId: string | null): string {
  const n = state.nextId();
  if (platform === "facebook" && kind === "comment") return `${(postId ?? "").split("_").pop() ?? n}_${n}`;
  if (platform === "facebook" || platform === "instagram")
    return kind === "message" ? `m_${randomBytes(18).toString("base64url")}` : n;
  if (platform === "youtube") return `Ugz${randomBytes(12).toString("base64url")}`;
  return n;
}

/** A post of the account the emulator holds (newest), or one it makes up: a post not made through Siar. */
function somePost(state: EmulatorState, platform: EmulatedPlatform, account: string): string {
  const own = state.postsOf(platform, account).at(-1);
  if (own) return own.id;
  const n = state.nextId();
  if (platform === "facebook") return `${account}_${n}`;
  if (platform === "youtube") return `yt${n.slice(-9)}`;
  return n;
}

export type CitizenRequest = {
  platform: EmulatedPlatform;
  account: string;
  kind: CitizenKind;
  text: string;
  postId?: string | undefined;
  parentCommentId?: string | undefined;
  author?: { id: string; username: string; name: string } | undefined;
  signature?: "valid" | "wrong";
  deliveries?: number;
  mentionIn?: "comment" | "caption" | undefined;
};

/** Refuses a kind the platform gives no API for, in the words a test or developer needs. */
export function unsupported(platform: EmulatedPlatform, kind: CitizenKind): string | null {
  if (citizenKinds[platform].includes(kind)) return null;
  if (platform === "tiktok")
    return "TikTok gives no API for reading comments, mentions or messages to an official account";
  return `${platform} gives an official account no ${kind}s through its API (it gives: ${citizenKinds[platform].join(", ")})`;
}

/** Stores a citizen's item and, where the platform pushes, delivers its webhook; resolves after the deliveries. */
export async function addCitizenItem(state: EmulatorState, r: CitizenRequest): Promise<CitizenResult> {
  const who = pick(AUTHORS);
  const author = r.author ?? { ...who, id: authorId(r.platform, who.username) };
  // An Instagram mention is made on a media of another user (a comment there names the account) or is that media
  // (its caption names the account): never on the account's own post, which would be a comment.
  const mentionIn = r.platform === "instagram" && r.kind === "mention" ? (r.mentionIn ?? "comment") : null;
  const id = mentionIn ? state.nextId() : null;
  const postId =
    r.kind === "message"
      ? null
      : mentionIn === "caption"
        ? id
        : mentionIn === "comment"
          ? (r.postId ?? state.nextId())
          : (r.postId ?? (r.kind === "comment" ? somePost(state, r.platform, r.account) : null));
  const item: CitizenItem = {
    id: id ?? itemId(state, r.platform, r.kind, postId),
    platform: r.platform,
    account: r.account,
    kind: r.kind,
    postId,
    parentCommentId: r.parentCommentId ?? null,
    text: r.text,
    author,
    createdAtMs: state.now(),
    replyToken: r.platform === "line" ? randomBytes(16).toString("hex") : null,
    mentionIn,
  };
  state.addCitizen(item);
  const deliveries = await deliver(state, item, r.signature ?? "valid", r.deliveries ?? 1);
  return {
    id: item.id,
    platform: item.platform,
    account: item.account,
    kind: item.kind,
    postId: item.postId,
    text: item.text,
    deliveries,
  };
}

/** LINE Messaging API webhook body (developers.line.biz/en/reference/messaging-api/#message-event). */
function lineBody(item: CitizenItem): string {
  return JSON.stringify({
    destination: item.account,
    events: [
      {
        type: "message",
        message: { type: "text", id: item.id, quoteToken: randomBytes(24).toString("base64url"), text: item.text },
        webhookEventId: `01${randomBytes(12).toString("hex").toUpperCase()}`,
        deliveryContext: { isRedelivery: false },
        timestamp: item.createdAtMs,
        source: { type: "user", userId: item.author.id },
        replyToken: item.replyToken,
        mode: "active",
      },
    ],
  });
}

/**
 * Meta webhook body (developers.facebook.com/docs/graph-api/webhooks/reference/page/#feed,
 * .../instagram-api-with-instagram-login/webhooks: "comments", "mentions", "messages").
 */
function metaBody(item: CitizenItem): string {
  const seconds = Math.floor(item.createdAtMs / 1000);
  const messaging = (object: string) => ({
    object,
    entry: [
      {
        id: item.account,
        time: item.createdAtMs,
        messaging: [
          {
            sender: { id: item.author.id },
            recipient: { id: item.account },
            timestamp: item.createdAtMs,
            message: { mid: item.id, text: item.text },
          },
        ],
      },
    ],
  });
  const change = (object: string, field: string, value: unknown) => ({
    object,
    entry: [{ id: item.account, time: seconds, changes: [{ field, value }] }],
  });
  if (item.platform === "facebook" && item.kind === "message") return JSON.stringify(messaging("page"));
  if (item.platform === "instagram" && item.kind === "message") return JSON.stringify(messaging("instagram"));
  if (item.platform === "facebook")
    return JSON.stringify(
      change("page", "feed", {
        from: { id: item.author.id, name: item.author.name },
        post: {
          status_type: "mobile_status_update",
          is_published: true,
          updated_time: new Date(item.createdAtMs).toISOString().replace(/\.\d+Z$/, "+0000"),
          permalink_url: `https://www.facebook.com/${item.postId}`,
          promotion_status: "inactive",
          id: item.postId,
        },
        message: item.text,
        post_id: item.postId,
        comment_id: item.id,
        created_time: seconds,
        item: "comment",
        parent_id: item.parentCommentId ?? item.postId,
        verb: "add",
      }),
    );
  // Instagram's `mentions` field (Graph webhooks reference, Instagram): ids only, `{ comment_id, media_id }` for a
  // comment that names the account, `{ media_id }` for a caption; the words come from mentioned_comment and
  // mentioned_media on the account (src/emulator/platforms/graph-inbox.ts).
  if (item.kind === "mention")
    return JSON.stringify(
      change(
        "instagram",
        "mentions",
        item.mentionIn === "caption" ? { media_id: item.id } : { comment_id: item.id, media_id: item.postId },
      ),
    );
  return JSON.stringify(
    change("instagram", "comments", {
      from: { id: item.author.id, username: item.author.username },
      media: { id: item.postId, media_product_type: "FEED" },
      id: item.id,
      ...(item.parentCommentId ? { parent_id: item.parentCommentId } : {}),
      text: item.text,
    }),
  );
}

const WRONG_SECRET = "not-the-shared-secret";

/** Posts the signed delivery `times` times (the same bytes, as a platform redelivering); Meta retries a failure. */
async function deliver(
  state: EmulatorState,
  item: CitizenItem,
  signature: "valid" | "wrong",
  times: number,
): Promise<CitizenResult["deliveries"]> {
  const via = pushed(item.platform, item.kind);
  const target = via === "line" ? state.webhooks.line : via === "meta" ? state.webhooks.meta : null;
  if (!via || !target) return [];
  // Meta pushes nothing for an account its app is not installed on (graph-subscriptions.ts).
  if (
    via === "meta" &&
    (item.platform === "facebook" || item.platform === "instagram") &&
    !metaWebhookSubscribed(state, item.platform, item.account, item.kind === "message" ? "messages" : "feed")
  )
    return [];
  const body = via === "line" ? lineBody(item) : metaBody(item);
  // LINE signs with the channel's own secret: a channel this emulator knows (one a test offered to connect, with
  // its id and secret) signs with that; the rest (the demo's) with the secret configured for the webhook.
  const channel =
    via === "line"
      ? oauthStore({ state }).accounts.find((a) => a.platform === "line" && a.id === item.account && a.channelSecret)
      : undefined;
  const secret =
    signature === "wrong"
      ? WRONG_SECRET
      : "channelSecret" in target
        ? (channel?.channelSecret ?? target.channelSecret)
        : target.appSecret;
  const headers: Record<string, string> =
    via === "line"
      ? {
          "content-type": "application/json; charset=utf-8",
          "user-agent": "LineBotWebhook/2.0",
          "x-line-signature": createHmac("sha256", secret).update(body).digest("base64"),
        }
      : {
          "content-type": "application/json",
          "user-agent": "facebookexternalua",
          "x-hub-signature": `sha1=${createHmac("sha1", secret).update(body).digest("hex")}`,
          "x-hub-signature-256": `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`,
        };
  const results: CitizenResult["deliveries"] = [];
  for (let attempt = 1; attempt <= times; attempt++)
    results.push({ url: target.url, status: await post(target.url, body, headers), attempt });
  // Meta retries a delivery that failed (no answer or not 2xx) with decreasing frequency; compressed here to a
  // few tries over a minute. LINE redelivers only when the channel turned it on, which the emulator does not.
  if (via === "meta" && signature === "valid" && !results.some((r) => r.status >= 200 && r.status < 300)) {
    const epoch = state.epoch;
    const retry = (n: number) => {
      if (n > 3 || state.epoch !== epoch) return;
      setTimeout(
        () => {
          void post(target.url, body, headers).then((status) => {
            if (status < 200 || status >= 300) retry(n + 1);
          });
        },
        2_000 * 5 ** (n - 1),
      ).unref();
    };
    retry(1);
  }
  return results;
}

async function post(url: string, body: string, headers: Record<string, string>): Promise<number> {
  try {
    const res = await fetch(url, { method: "POST", body, headers, signal: AbortSignal.timeout(10_000) });
    await res.arrayBuffer().catch(() => undefined);
    return res.status;
  } catch {
    return 0;
  }
}

let generator: NodeJS.Timeout | null = null;

/**
 * Turns the background generator on or off: every 60/perMinute seconds a citizen writes to one of the accounts the
 * emulator has met (a token used or a post made), on a platform that gives such items, with a random text.
 */
export function setGenerator(state: EmulatorState, on: boolean, perMinute = 3): void {
  if (generator) clearInterval(generator);
  generator = null;
  if (!on) return;
  generator = setInterval(() => {
    const audience = [...state.met.values()].filter((a) => citizenKinds[a.platform].length > 0);
    if (audience.length === 0) return;
    const { platform, account } = pick(audience);
    void addCitizenItem(state, { platform, account, kind: pick(citizenKinds[platform]), text: randomText() }).catch(
      () => undefined,
    );
  }, 60_000 / perMinute);
  generator.unref();
}
