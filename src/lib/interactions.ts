// Interaksi Warga (issue 16, docs/decisions/0011-interaksi-warga.md): the words shared by the server,
// the pages and the seed.

/** The `kind` of a function unit (Ditlantas, Satreskrim, a Dinas …): items are forwarded to it. */
export const FUNCTION_UNIT_KIND = "FUNGSI";

export const interactionCategories = [
  "PERTANYAAN",
  "PENGADUAN",
  "KRITIK_SARAN",
  "LAPORAN_INFORMASI",
  "APRESIASI",
  "SPAM",
] as const;

/** Hours a function has to answer, per category, unless the root unit sets its own (decision 0011). */
export const defaultDeadlineHours: Record<(typeof interactionCategories)[number], number> = {
  PENGADUAN: 24,
  LAPORAN_INFORMASI: 24,
  PERTANYAAN: 48,
  KRITIK_SARAN: 72,
  APRESIASI: 72,
  SPAM: 72,
};

// Words about emergencies (Indonesian and the common English ones): an item holding one is flagged urgent
// and the operator is shown the emergency number.
const emergencyWords = [
  "darurat",
  "tolong",
  "kecelakaan",
  "kebakaran",
  "begal",
  "perampokan",
  "dirampok",
  "penculikan",
  "diculik",
  "pembunuhan",
  "penikaman",
  "ditusuk",
  "tenggelam",
  "banjir bandang",
  "longsor",
  "bom",
  "tawuran",
  "penembakan",
  "kdrt",
  "pemerkosaan",
  "sekarat",
  "emergency",
  "help",
];
const emergencyPattern = new RegExp(`(^|[^\\p{L}])(${emergencyWords.join("|")})(?=$|[^\\p{L}])`, "iu");

/** Whether a citizen's text speaks of an emergency. */
export function soundsUrgent(text: string): boolean {
  return emergencyPattern.test(text);
}

export type InteractionCategoryName = (typeof interactionCategories)[number];

/** Categories whose every view is logged (who, when): complaints and reports carry the most personal detail. */
export const sensitiveCategories: readonly InteractionCategoryName[] = ["PENGADUAN", "LAPORAN_INFORMASI"];

/** Days an organisation keeps citizens' items before they are anonymised, unless it sets its own (decision 0011). */
export const DEFAULT_RETENTION_DAYS = 730;
export const MIN_RETENTION_DAYS = 30;
export const MAX_RETENTION_DAYS = 3_650;

export const interactionStates = ["NEW", "TRIAGED", "FORWARDED", "ANSWERED", "REPLIED", "CLOSED"] as const;

/**
 * What each platform's API gives an official account to read (docs/platforms.md, "Reading the public").
 * TikTok gives none: its accounts are named in the inbox as not readable, never shown as an empty inbox.
 */
export const readsThePublic: Record<string, boolean> = {
  X: true,
  FACEBOOK_PAGE: true,
  INSTAGRAM: true,
  LINE_OA: true,
  YOUTUBE: true,
  TIKTOK: false,
};

/**
 * How citizens' items of a platform reach Siar (docs/platforms.md "Reading citizens"), shown in the inbox so an
 * account that shows nothing is not mistaken for a quiet one: LINE pushes by webhook and has no API to read
 * messages back (so without its channel secret nothing arrives); Meta pushes Page and Instagram items by webhook,
 * or, without it, Siar reads comments on recent posts (messages then never arrive); X and YouTube are read
 * every few minutes; TikTok gives nothing (readsThePublic).
 */
export type Arrival =
  | "lineWebhook"
  /** Only the installation's LINE_CHANNEL_SECRET, which is one channel's: the others' deliveries are refused. */
  | "lineSharedSecret"
  | "lineNoWebhook"
  | "metaWebhook"
  /** Meta's webhooks are set up but Siar's app is not installed on the account yet (nothing arrives). */
  | "metaPending"
  | "metaPolled"
  | "xPolled"
  | "youtubePolled";

export function arrivalOf(
  platform: string,
  webhooks: { line: boolean; meta: boolean; lineOwnSecret?: boolean; metaSubscribed?: boolean },
): Arrival | null {
  switch (platform) {
    case "LINE_OA":
      if (webhooks.lineOwnSecret) return "lineWebhook";
      return webhooks.line ? "lineSharedSecret" : "lineNoWebhook";
    case "FACEBOOK_PAGE":
    case "INSTAGRAM":
      if (!webhooks.meta) return "metaPolled";
      return webhooks.metaSubscribed === false ? "metaPending" : "metaWebhook";
    case "X":
      return "xPolled";
    case "YOUTUBE":
      return "youtubePolled";
    default:
      return null;
  }
}

/**
 * The emergency number shown to the operator beside an urgent item: 110 (Polri's) when the organisation is
 * the police (its root unit's kind, code or name says Mabes or Polri), 112 (the general one) otherwise.
 */
export function emergencyNumber(root: { kind: string; code: string; name: string }): "110" | "112" {
  return /mabes|polri/i.test(`${root.kind} ${root.code} ${root.name}`) ? "110" : "112";
}

/** Whether a disposition is past its deadline and still unanswered. */
export function isOverdue(d: { deadlineAt: Date; answeredAt: Date | null }, now = new Date()): boolean {
  return !d.answeredAt && d.deadlineAt.getTime() < now.getTime();
}
