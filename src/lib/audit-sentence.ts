import { formatInZone } from "@/lib/time";

// An audit entry as a sentence in the reader's language, with names instead of ids, and its changes as
// translated fields and values (docs/decisions/0010-the-desk-on-phones.md, "An audit log people can read").
// Pure: the names come from one look-up per page (src/server/audit/audit-names.ts), the texts from the
// message files, so the unit test renders every action without a database.

export type AuditEntryInput = {
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  actor: { name: string } | null;
  unit: { name: string } | null;
};

export type AuditNames = {
  users: ReadonlyMap<string, string>;
  units: ReadonlyMap<string, string>;
  accounts: ReadonlyMap<string, { platform: string; handle: string }>;
  posts: ReadonlyMap<string, string>;
  targets: ReadonlyMap<string, { post: string; postId: string; account: { platform: string; handle: string } }>;
};

export type Translate = {
  (key: string, values?: Record<string, string | number>): string;
  has(key: string): boolean;
};

export type AuditDetail = { field: string; label: string; before: string; after: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isId = (v: unknown): v is string => typeof v === "string" && UUID.test(v);
const record = (v: unknown): Record<string, unknown> =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const text = (v: unknown): string | undefined => (typeof v === "string" && v ? v : undefined);

/** Ids that only a machine reads: not shown. Names stand in for the ids that matter (unit, user, account). */
const HIDDEN = new Set([
  "id",
  "path",
  "depth",
  "unitCode",
  "platformAccountId",
  "platformPostId",
  "platformState",
  "claimedAt",
  "note",
  "created",
  "changed",
  "intent",
  "interactionId",
]);
const TIMES = new Set([
  "scheduledAt",
  "expiresAt",
  "tokenExpiresAt",
  "publishedAt",
  "answeredAt",
  "resolvedAt",
  "escalatedAt",
  "deadlineAt",
]);
/** Fields holding a unit id, shown as the unit's name. */
const UNIT_FIELDS = ["unitId", "parentId", "escalatedToUnitId"];

/** The ids named by a page of entries, to be looked up together. */
export function auditIds(entries: readonly AuditEntryInput[]) {
  const ids = {
    users: new Set<string>(),
    units: new Set<string>(),
    accounts: new Set<string>(),
    posts: new Set<string>(),
    targets: new Set<string>(),
  };
  const entity: Record<string, keyof typeof ids> = {
    User: "users",
    Unit: "units",
    SocialAccount: "accounts",
    Post: "posts",
    PostTarget: "targets",
  };
  for (const e of entries) {
    const kind = entity[e.entityType];
    if (kind && isId(e.entityId)) ids[kind].add(e.entityId);
    for (const side of [record(e.before), record(e.after)]) {
      if (isId(side.userId)) ids.users.add(side.userId);
      for (const key of UNIT_FIELDS) if (isId(side[key])) ids.units.add(side[key]);
      if (isId(side.accountId)) ids.accounts.add(side.accountId);
    }
  }
  return ids;
}

const short = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);

export function describeAudit(
  e: AuditEntryInput,
  names: AuditNames,
  t: Translate,
  reader: { timeZone: string; locale: string },
): { sentence: string; details: AuditDetail[] } {
  const b = record(e.before);
  const a = record(e.after);
  const pick = (key: string) => a[key] ?? b[key];
  const label = (ns: string, v: unknown) =>
    typeof v === "string" && t.has(`${ns}.${v}`) ? t(`${ns}.${v}`) : typeof v === "string" ? v : "—";
  const unitName = (id: unknown) => (isId(id) ? names.units.get(id) : undefined);
  const accountName = (acc: { platform: string; handle: string } | undefined) =>
    acc ? `@${acc.handle} (${label("platforms", acc.platform)})` : undefined;
  const time = (v: unknown) =>
    typeof v === "string" && !Number.isNaN(Date.parse(v)) ? formatInZone(v, reader.timeZone, reader.locale) : "—";

  const target = e.entityType === "PostTarget" ? names.targets.get(e.entityId) : undefined;
  const subjectUnit =
    e.entityType === "Unit"
      ? (unitName(e.entityId) ?? text(a.name) ?? text(b.name))
      : (unitName(pick("unitId")) ?? e.unit?.name);
  const user =
    e.entityType === "User"
      ? (names.users.get(e.entityId) ?? text(a.name) ?? text(a.email))
      : ((isId(pick("userId")) ? names.users.get(pick("userId") as string) : undefined) ?? text(pick("email")));
  const account =
    e.entityType === "SocialAccount"
      ? (accountName(names.accounts.get(e.entityId)) ??
        (text(pick("handle"))
          ? accountName({ platform: text(pick("platform")) ?? "", handle: text(pick("handle"))! })
          : undefined))
      : accountName(target?.account);
  const post = e.entityType === "Post" ? names.posts.get(e.entityId) : target?.post;
  const counts = record(a.counts);
  const params: Record<string, string | number> = {
    actor: e.actor?.name ?? t("audit.system"),
    unit: subjectUnit ?? "—",
    parent: unitName(a.parentId) ?? "—",
    fromUnit: unitName(b.parentId) ?? "—",
    toUnit: unitName(a.parentId) ?? "—",
    user: user ?? "—",
    role: label("roles", pick("role")),
    account: account ?? "—",
    post: post ? short(post) : "—",
    fromTime: time(b.scheduledAt),
    toTime: time(a.scheduledAt),
    version: typeof a.version === "number" ? a.version : "—",
    count: typeof a.targets === "number" ? a.targets : typeof a.unitsMoved === "number" ? a.unitsMoved : 0,
    created: typeof counts.new === "number" ? counts.new : 0,
    changed: typeof counts.changed === "number" ? counts.changed : 0,
    file: text(a.file) ?? "—",
    reason: text(a.reason) ?? "—",
    comment: text(a.comment) ?? "",
  };
  const key = `audit.sentence.${e.action}`;
  const sentence = t.has(key) ? t(key, params) : t("audit.sentence.unknown", { ...params, action: e.action });
  return { sentence, details: details(e, b, a, t, { label, unitName, time, names }) };
}

function details(
  e: AuditEntryInput,
  b: Record<string, unknown>,
  a: Record<string, unknown>,
  t: Translate,
  h: {
    label: (ns: string, v: unknown) => string;
    unitName: (id: unknown) => string | undefined;
    time: (v: unknown) => string;
    names: AuditNames;
  },
): AuditDetail[] {
  const fieldLabel = (k: string) => (t.has(`audit.field.${k}`) ? t(`audit.field.${k}`) : k);
  const value = (k: string, v: unknown): string => {
    if (v === undefined || v === null || v === "") return "";
    if (typeof v === "boolean") return t(v ? "audit.yes" : "audit.no");
    if (UNIT_FIELDS.includes(k)) return h.unitName(v) ?? "—";
    if (k === "userId") return (typeof v === "string" && h.names.users.get(v)) || "—";
    if (k === "role") return h.label("roles", v);
    if (k === "platform") return h.label("platforms", v);
    if (k === "timeZone") return h.label("zones", v);
    if (k === "verification") return h.label("verification", v);
    if (k === "status") return h.label(e.entityType === "SocialAccount" ? "accountStatus" : "targetStatus", v);
    if (TIMES.has(k)) return h.time(v);
    if (Array.isArray(v)) return v.map((x) => value(k, x)).join(", ");
    if (typeof v !== "string" && typeof v !== "number") return "";
    const s = String(v);
    return k === "baseText" ? (s.length > 280 ? `${s.slice(0, 279)}…` : s) : s;
  };
  // Nested records (credentials, counts) are read as "Kredensial · terhubung".
  const flat = (o: Record<string, unknown>) => {
    const out = new Map<string, [string, unknown]>();
    for (const [k, v] of Object.entries(o)) {
      if (HIDDEN.has(k)) continue;
      if (v && typeof v === "object" && !Array.isArray(v))
        for (const [k2, v2] of Object.entries(v as Record<string, unknown>))
          out.set(`${k}.${k2}`, [`${fieldLabel(k)} · ${fieldLabel(k2)}`, v2]);
      else out.set(k, [fieldLabel(k), v]);
    }
    return out;
  };
  const fb = flat(b);
  const fa = flat(a);
  const rows: AuditDetail[] = [];
  for (const field of new Set([...fb.keys(), ...fa.keys()])) {
    const [bl, bv] = fb.get(field) ?? [undefined, undefined];
    const [al, av] = fa.get(field) ?? [undefined, undefined];
    if (JSON.stringify(bv) === JSON.stringify(av)) continue;
    const leaf = field.split(".").at(-1)!;
    const before = value(leaf, bv);
    const after = value(leaf, av);
    if (!before && !after) continue;
    rows.push({ field, label: (al ?? bl)!, before, after });
  }
  return rows;
}
