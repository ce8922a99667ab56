import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { createTranslator } from "use-intl/core";
import { describe, expect, it } from "vitest";
import { auditActions } from "@/lib/audit-actions";
import { formatInZone } from "@/lib/time";
import { describeAudit, type AuditEntryInput, type AuditNames, type Translate } from "@/lib/audit-sentence";
import en from "@/messages/en.json";
import id from "@/messages/id.json";

// The audit log reads as sentences (issue 14, item 9). Every action the code writes has a sentence in both
// languages: a new action without one fails here, instead of showing "unit.merge" to a reader.

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? (f === "generated" ? [] : files(p)) : /\.tsx?$/.test(f) ? [p] : [];
  });
}

/** The action names written by the code: string literals in the `action:` of each writeAudit call. */
function writtenActions(): Set<string> {
  const found = new Set<string>();
  for (const file of files("src")) {
    const source = readFileSync(file, "utf8");
    for (const call of source.matchAll(/writeAudit\(\s*\w+,\s*\{([\s\S]*?)\n\s*\}\);/g))
      for (const line of call[1]!.matchAll(/^\s*action:\s*(.+),$/gm))
        for (const literal of line[1]!.matchAll(/"([a-zA-Z_]+\.[a-zA-Z_]+)"/g)) found.add(literal[1]!);
  }
  // The targets' moves, written in SQL by transition-targets.ts: one action per status of the schema.
  const schema = readFileSync("prisma/schema.prisma", "utf8");
  const statuses = /enum TargetStatus \{([^}]*)\}/.exec(schema)![1]!.trim().split(/\s+/);
  for (const s of statuses) found.add(`target.${s.toLowerCase()}`);
  return found;
}

const lookup = (messages: unknown, key: string): unknown =>
  key.split(".").reduce<unknown>((at, part) => (at as Record<string, unknown> | undefined)?.[part], messages);

function translator(locale: "id" | "en"): Translate {
  const t = createTranslator({ locale, messages: locale === "id" ? id : en });
  const translate: Translate = Object.assign(
    (key: string, values?: Record<string, string | number>) => t(key as never, values as never),
    { has: (key: string) => t.has(key as never) },
  );
  return translate;
}

const ids = {
  actor: "Admin Sistem",
  rina: "11111111-1111-4111-8111-111111111111",
  balikpapan: "22222222-2222-4222-8222-222222222222",
  kaltim: "33333333-3333-4333-8333-333333333333",
  account: "44444444-4444-4444-8444-444444444444",
  post: "55555555-5555-4555-8555-555555555555",
  target: "66666666-6666-4666-8666-666666666666",
  sumsel: "77777777-7777-4777-8777-777777777777",
};
const names: AuditNames = {
  users: new Map([[ids.rina, "Bripka Rina Marlina"]]),
  units: new Map([
    [ids.balikpapan, "Polresta Balikpapan"],
    [ids.kaltim, "Polda Kalimantan Timur"],
    [ids.sumsel, "Polda Sumatera Selatan"],
  ]),
  accounts: new Map([[ids.account, { platform: "INSTAGRAM", handle: "humas.balikpapan" }]]),
  posts: new Map([[ids.post, "Patroli malam di Balikpapan"]]),
  targets: new Map([
    [
      ids.target,
      { post: "Patroli malam di Balikpapan", postId: ids.post, account: { platform: "X", handle: "polresbpp" } },
    ],
  ]),
};
const entityOf = (action: string): [string, string] => {
  const group = action.split(".")[0]!;
  if (group === "unit" || action === "setup.unit") return ["Unit", ids.balikpapan];
  if (group === "account") return ["SocialAccount", ids.account];
  if (group === "user" || action === "setup.superadmin") return ["User", ids.rina];
  if (group === "membership") return ["Membership", "88888888-8888-4888-8888-888888888888"];
  if (group === "post") return ["Post", ids.post];
  if (group === "target") return ["PostTarget", ids.target];
  if (group === "publishing") return ["PublishingPause", "99999999-9999-4999-8999-999999999999"];
  return ["Settings", "score_weights"];
};
const sample = (action: string): AuditEntryInput => {
  const [entityType, entityId] = entityOf(action);
  return {
    action,
    entityType,
    entityId,
    actor: { name: ids.actor },
    unit: { name: "Polresta Balikpapan" },
    before: { parentId: ids.kaltim, scheduledAt: "2026-12-10T02:15:00.000Z", status: "SCHEDULED", role: "ADMIN" },
    after: {
      userId: ids.rina,
      unitId: ids.balikpapan,
      parentId: ids.sumsel,
      role: "ADMIN",
      scheduledAt: "2026-12-11T06:30:00.000Z",
      status: "PENDING_APPROVAL",
      version: 2,
      targets: 12,
      unitsMoved: 3,
      file: "unit.csv",
      counts: { new: 2, changed: 1, unchanged: 5, error: 0 },
      reason: "Situasi darurat",
      comment: "Mohon perbaiki judul",
    },
  };
};

describe("audit sentences", () => {
  it("knows every action the code writes, and the scan finds them", () => {
    const written = writtenActions();
    expect(written).toContain("membership.add");
    expect(written).toContain("user.disable"); // from `data.disabled ? "user.disable" : "user.enable"`
    expect(written).toContain("target.published");
    expect(written.size).toBeGreaterThan(35);
    expect([...written].filter((a) => !(auditActions as readonly string[]).includes(a))).toEqual([]);
  });

  for (const [lang, messages] of [
    ["id", id],
    ["en", en],
  ] as const) {
    it(`has a sentence for every action in ${lang}, naming the people, units and accounts`, () => {
      const missing = auditActions.filter((a) => typeof lookup(messages, `audit.sentence.${a}`) !== "string");
      expect(missing).toEqual([]);
      const t = translator(lang);
      for (const action of auditActions) {
        const { sentence } = describeAudit(sample(action), names, t, { timeZone: "Asia/Makassar", locale: lang });
        expect(sentence, action).not.toMatch(/[{}]|audit\.|[0-9a-f]{8}-[0-9a-f]{4}/);
        expect(sentence, action).not.toContain(action);
      }
    });
  }

  it("reads a membership as the issue asks, and falls back to a plain sentence for an unknown action", () => {
    const t = translator("id");
    const membership: AuditEntryInput = {
      action: "membership.add",
      entityType: "Membership",
      entityId: "88888888-8888-4888-8888-888888888888",
      actor: { name: "Admin Sistem" },
      unit: { name: "Polresta Balikpapan" },
      before: null,
      after: {
        userId: ids.rina,
        email: "rina@siar.test",
        unitId: ids.balikpapan,
        unitCode: "POLRES-BPP",
        role: "ADMIN",
      },
    };
    const { sentence, details } = describeAudit(membership, names, t, { timeZone: "Asia/Jakarta", locale: "id" });
    expect(sentence).toBe("Admin Sistem menambahkan Bripka Rina Marlina sebagai Admin di Polresta Balikpapan");
    // Field names and values translated, names for ids, no internal codes.
    expect(details.map((d) => [d.label, d.after])).toEqual([
      ["Pengguna", "Bripka Rina Marlina"],
      ["Surel", "rina@siar.test"],
      ["Unit", "Polresta Balikpapan"],
      ["Peran", "Admin"],
    ]);
    const en_ = describeAudit(membership, names, translator("en"), { timeZone: "Asia/Jakarta", locale: "en" });
    expect(en_.sentence).toBe("Admin Sistem added Bripka Rina Marlina as Admin at Polresta Balikpapan");
    expect(en_.details.map((d) => d.label)).toEqual(["User", "Email", "Unit", "Role"]);
    expect(
      describeAudit({ ...membership, action: "unit.merge" }, names, t, { timeZone: "Asia/Jakarta", locale: "id" })
        .sentence,
    ).toBe("Admin Sistem melakukan unit.merge");
  });

  it("shows a moved schedule on the reader's clock, with its zone, and the worker as the system", () => {
    const t = translator("id");
    const entry: AuditEntryInput = {
      ...sample("target.rescheduled"),
      before: { scheduledAt: "2026-12-10T02:15:00.000Z" },
      after: { scheduledAt: "2026-12-11T06:30:00.000Z" },
    };
    const wita = describeAudit(entry, names, t, { timeZone: "Asia/Makassar", locale: "id" });
    const [from, to] = [
      formatInZone("2026-12-10T02:15:00.000Z", "Asia/Makassar"),
      formatInZone("2026-12-11T06:30:00.000Z", "Asia/Makassar"),
    ];
    expect([from, to]).toEqual([
      expect.stringMatching(/^10 Des 2026,? 10\.15 WITA$/),
      expect.stringMatching(/^11 Des 2026,? 14\.30 WITA$/),
    ]);
    expect(wita.sentence).toBe(
      `Admin Sistem memindahkan jadwal unggahan «Patroli malam di Balikpapan» di @polresbpp (X) dari ${from} ke ${to}`,
    );
    expect(wita.details).toEqual([{ field: "scheduledAt", label: "Jadwal", before: from, after: to }]);
    const wit = describeAudit(entry, names, t, { timeZone: "Asia/Jayapura", locale: "id" });
    expect(wit.sentence).toMatch(/dari 10 Des 2026,? 11\.15 WIT ke 11 Des 2026,? 15\.30 WIT$/);
    const published = describeAudit(
      { ...sample("target.published"), actor: null, before: { status: "PUBLISHING" }, after: { status: "PUBLISHED" } },
      names,
      t,
      { timeZone: "Asia/Jakarta", locale: "id" },
    );
    expect(published.sentence).toBe("Unggahan «Patroli malam di Balikpapan» tayang di @polresbpp (X)");
    expect(published.details).toEqual([
      { field: "status", label: "Status", before: "Sedang dikirim", after: "Tayang" },
    ]);
    const refreshed = describeAudit({ ...sample("account.tokenRefreshed"), actor: null }, names, t, {
      timeZone: "Asia/Jakarta",
      locale: "id",
    });
    expect(refreshed.sentence).toBe("Sistem memperbarui token akses akun @humas.balikpapan (Instagram)");
  });
});

describe("the post page's history", () => {
  // Its lines are short phrases for bursts of entries ("Sistem: Tujuan tayang (34 tujuan)"), one per post or
  // target action; a new one without a phrase would show "target.archived" on the post page.
  it("has a phrase in both languages for every action about a post or its targets", () => {
    const phrase = (messages: typeof id, action: string) => {
      const [group, name] = action.split(".") as [string, string];
      const table = messages.posts.historyAction as Record<string, Record<string, string>>;
      return table[group]?.[name];
    };
    const actions = auditActions.filter((a) => a.startsWith("post.") || a.startsWith("target."));
    expect(actions.length).toBeGreaterThan(10);
    for (const action of actions) {
      expect(phrase(id, action), `id: ${action}`).toMatch(/\S/);
      expect(phrase(en, action), `en: ${action}`).toMatch(/\S/);
    }
  });
});
