import { randomUUID } from "node:crypto";
import type { Platform, Role, Unit } from "@/generated/prisma/client";
import { seal } from "@/server/crypto/secret-box";
import type { Tx } from "@/server/db";
import { accountData } from "../tests/factories/accounts";
import { unitData } from "../tests/factories/units";
import { createUser, DEMO_PASSWORD } from "../tests/factories/users";
import { demoTree, type DemoUnit } from "./demo-units";
import { seedEngagement } from "./seed-engagement";
import { seedInteractions } from "./seed-interactions";
import { FUNCTION_UNIT_KIND } from "@/lib/interactions";

export { DEMO_PASSWORD };

export const demoUsers: { email: string; name: string; role: Role; unitCodes: string[] }[] = [
  { email: "superadmin@siar.test", name: "Admin Sistem", role: "SUPERADMIN", unitCodes: ["MABES", "DKI"] },
  { email: "kadiv.humas@siar.test", name: "Kadiv Humas Polri", role: "LEADERSHIP", unitCodes: ["MABES"] },
  { email: "admin.divhumas@siar.test", name: "Operator Divisi Humas", role: "ADMIN", unitCodes: ["DIVHUMAS"] },
  { email: "admin.kaltim@siar.test", name: "Operator Humas Polda Kaltim", role: "ADMIN", unitCodes: ["POLDA-KALTIM"] },
  {
    email: "supervisor.kaltim@siar.test",
    name: "Kabid Humas Polda Kaltim",
    role: "SUPERVISOR",
    unitCodes: ["POLDA-KALTIM"],
  },
  {
    email: "pimpinan.kaltim@siar.test",
    name: "Kapolda Kalimantan Timur",
    role: "LEADERSHIP",
    unitCodes: ["POLDA-KALTIM"],
  },
  {
    email: "admin.balikpapan@siar.test",
    name: "Operator Humas Polresta Balikpapan",
    role: "ADMIN",
    unitCodes: ["POLRES-BALIKPAPAN"],
  },
  { email: "admin.sumsel@siar.test", name: "Operator Humas Polda Sumsel", role: "ADMIN", unitCodes: ["POLDA-SUMSEL"] },
  {
    email: "supervisor.sumsel@siar.test",
    name: "Kabid Humas Polda Sumsel",
    role: "SUPERVISOR",
    unitCodes: ["POLDA-SUMSEL"],
  },
  { email: "admin.dki@siar.test", name: "Operator Diskominfotik DKI", role: "ADMIN", unitCodes: ["DKI"] },
  { email: "supervisor.dki@siar.test", name: "Kepala Diskominfotik DKI", role: "SUPERVISOR", unitCodes: ["DKI"] },
  { email: "pimpinan.dki@siar.test", name: "Biro Pimpinan Gubernur DKI", role: "LEADERSHIP", unitCodes: ["DKI"] },
  // Petugas Fungsi (issue 16): each answers only what Humas forwards to its function unit.
  ...(
    [
      ["ditreskrimum.kaltim", "Ditreskrimum Polda Kaltim", "KALTIM-DITRESKRIMUM"],
      ["ditlantas.kaltim", "Ditlantas Polda Kaltim", "KALTIM-DITLANTAS"],
      ["ditintelkam.kaltim", "Ditintelkam Polda Kaltim", "KALTIM-DITINTELKAM"],
      ["satreskrim.balikpapan", "Satreskrim Polresta Balikpapan", "BALIKPAPAN-SATRESKRIM"],
      ["satlantas.balikpapan", "Satlantas Polresta Balikpapan", "BALIKPAPAN-SATLANTAS"],
    ] as const
  ).map(([mail, unit, code]) => ({
    email: `responder.${mail}@siar.test`,
    name: `Petugas ${unit}`,
    role: "RESPONDER" as const,
    unitCodes: [code],
  })),
];

// Which platforms a unit of each kind runs, in the demo.
function platformsFor(kind: string, code: string): Platform[] {
  if (kind === FUNCTION_UNIT_KIND) return [];
  if (code === "DIVHUMAS") return ["X", "FACEBOOK_PAGE", "INSTAGRAM", "LINE_OA", "YOUTUBE", "TIKTOK"];
  if (kind === "Polda")
    return code === "POLDA-KALTIM"
      ? ["X", "FACEBOOK_PAGE", "INSTAGRAM", "YOUTUBE", "TIKTOK"]
      : ["X", "FACEBOOK_PAGE", "INSTAGRAM", "TIKTOK"];
  if (kind.startsWith("Polres")) return ["X", "FACEBOOK_PAGE", "INSTAGRAM", "TIKTOK"];
  if (kind === "Pemprov") return ["X", "FACEBOOK_PAGE", "INSTAGRAM", "LINE_OA", "YOUTUBE"];
  if (kind === "Polsek" || kind === "Mabes") return kind === "Polsek" ? ["INSTAGRAM"] : [];
  return ["X", "INSTAGRAM", "FACEBOOK_PAGE"];
}

const handleBase = (code: string) =>
  code
    .toLowerCase()
    .replace(/^polda-/, "polda")
    .replace(/^polres-/, "polres")
    .replace(/^dki-/, "dki")
    .replace(/-/g, "");

// A small deterministic generator, so every fresh demo looks the same.
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const sampleTexts = [
  "Patroli dialogis bersama warga untuk menjaga kamtibmas tetap kondusif. #PolriPresisi",
  "Imbauan keselamatan berlalu lintas: gunakan helm SNI dan patuhi rambu. #TertibBerlalulintas",
  "Layanan SKCK kini dapat diajukan secara daring. Informasi lengkap di situs resmi.",
  "Bakti sosial pembagian sembako untuk warga terdampak banjir.",
  "Waspada penipuan daring yang mengatasnamakan institusi. Laporkan ke call center 110.",
  "Sosialisasi pencegahan perundungan di sekolah bersama Bhabinkamtibmas.",
  "Pengamanan ibadah berjalan lancar berkat kerja sama seluruh pihak.",
];

export type SeedResult = { units: number; accounts: number; users: number; posts: number };

export async function seedDemo(db: Tx, options: { historyDays?: number } = {}): Promise<SeedResult> {
  const historyDays = options.historyDays ?? 60;
  const rand = prng(20261122);
  const byCode = new Map<string, Unit>();
  const accounts: (ReturnType<typeof accountData> & { webhookSecretEnc?: string })[] = [];

  // The demo's LINE channels were "connected with their channel secret", which is the secret the emulator signs
  // their citizens' messages with (LINE_CHANNEL_SECRET, src/emulator/main.ts): a real channel's is its own.
  const lineSecret = process.env.LINE_CHANNEL_SECRET;
  async function walk(node: DemoUnit, parent: Unit | null) {
    const unit = await db.unit.create({
      data: unitData({ name: node.name, code: node.code, kind: node.kind, timeZone: node.timeZone, parent }),
    });
    byCode.set(node.code, unit);
    for (const platform of platformsFor(node.kind, node.code)) {
      const base = handleBase(node.code);
      accounts.push(
        accountData({
          unitId: unit.id,
          platform,
          handle: platform === "YOUTUBE" ? `${base}tv` : base,
          displayName: `Humas ${node.name}`,
          verified: true,
          followerCount: Math.round(2_000 + rand() * (node.kind === "Polda" ? 400_000 : 60_000)),
          connect: true,
        }),
      );
      if (platform === "LINE_OA" && lineSecret) accounts.at(-1)!.webhookSecretEnc = seal(lineSecret);
    }
    for (const child of node.children ?? []) await walk(child, unit);
  }
  for (const root of demoTree) await walk(root, null);
  await db.socialAccount.createMany({ data: accounts });

  const users: { id: string }[] = [];
  for (const u of demoUsers) {
    users.push(
      await createUser(db, {
        email: u.email,
        name: u.name,
        memberships: u.unitCodes.map((code) => ({ unitId: byCode.get(code)!.id, role: u.role })),
      }),
    );
  }
  // Each unit's admin looks after its own accounts.
  const adminOf = new Map(demoUsers.map((u, i) => [u.unitCodes[0]!, { ...u, id: users[i]!.id }]));
  const assignments = accounts.flatMap((a) => {
    const unit = [...byCode.values()].find((x) => x.id === a.unitId)!;
    const admin = adminOf.get(unit.code);
    return admin && admin.role === "ADMIN" ? [{ accountId: a.id, userId: admin.id }] : [];
  });
  if (assignments.length) await db.accountAdmin.createMany({ data: assignments });

  // History: each unit posts on most days to all its accounts; a few units go quiet (dormant).
  const posts: { id: string; authorId: string; unitId: string; baseText: string; createdAt: Date }[] = [];
  const targets: {
    id: string;
    postId: string;
    accountId: string;
    scheduledAt: Date;
    status: "PUBLISHED" | "FAILED";
    attempts: number;
    platformPostId: string | null;
    platformUrl: string | null;
    publishedAt: Date | null;
    lastError: string | null;
  }[] = [];
  const fallbackAuthor = users[0]!.id;
  const accountsByUnit = new Map<string, typeof accounts>();
  for (const a of accounts) accountsByUnit.set(a.unitId, [...(accountsByUnit.get(a.unitId) ?? []), a]);
  const now = Date.now();
  for (const unit of byCode.values()) {
    const unitAccounts = accountsByUnit.get(unit.id) ?? [];
    if (!unitAccounts.length) continue;
    const activity = unit.code.endsWith("MAHULU") || unit.code.endsWith("PABAR") ? 0 : 0.35 + rand() * 0.6;
    const author =
      [...adminOf.values()].find((a) => a.role === "ADMIN" && unit.path.includes(byCode.get(a.unitCodes[0]!)!.id))
        ?.id ?? fallbackAuthor;
    for (let day = historyDays; day >= 1; day--) {
      if (rand() > activity) continue;
      const scheduledAt = new Date(now - day * 86_400_000 + Math.floor(rand() * 10) * 3_600_000);
      const post = {
        id: randomUUID(),
        authorId: author,
        unitId: unit.id,
        baseText: sampleTexts[Math.floor(rand() * sampleTexts.length)]!,
        createdAt: scheduledAt,
      };
      posts.push(post);
      for (const account of unitAccounts) {
        const failed = rand() < 0.03;
        const delaySec = Math.floor(rand() < 0.9 ? rand() * 60 : rand() * 1_800);
        const platformPostId = failed
          ? null
          : `${account.platform.toLowerCase()}_${randomUUID().slice(0, 13).replace("-", "")}`;
        targets.push({
          id: randomUUID(),
          postId: post.id,
          accountId: account.id,
          scheduledAt,
          status: failed ? "FAILED" : "PUBLISHED",
          attempts: failed ? 3 : 1,
          platformPostId,
          platformUrl: platformPostId ? `${account.profileUrl}/posts/${platformPostId}` : null,
          publishedAt: failed ? null : new Date(scheduledAt.getTime() + delaySec * 1_000),
          lastError: failed ? "Platform menolak unggahan: layanan tidak tersedia." : null,
        });
      }
    }
  }
  for (let i = 0; i < posts.length; i += 1_000) await db.post.createMany({ data: posts.slice(i, i + 1_000) });
  for (let i = 0; i < targets.length; i += 2_000) await db.postTarget.createMany({ data: targets.slice(i, i + 2_000) });
  // Readings, follower history and roll-ups for that history (issue 5).
  await seedEngagement(db);
  // Citizens' comments, mentions and messages in every state (issue 16).
  await seedInteractions(db, byCode, new Map(demoUsers.map((u, i) => [u.email, users[i]!.id])));

  return { units: byCode.size, accounts: accounts.length, users: users.length, posts: posts.length };
}
