import { randomUUID } from "node:crypto";
import type {
  InteractionCategory,
  InteractionKind,
  InteractionState,
  Platform,
  Prisma,
  Unit,
} from "@/generated/prisma/client";
import type { Tx } from "@/server/db";
import { rollupResponsesIn } from "@/server/interactions/response-rollup";
import { defaultDeadlineHours, soundsUrgent } from "@/lib/interactions";

// The demo's Interaksi Warga (issue 16): a few hundred citizens' comments, mentions and messages on the
// accounts of Polda Kalimantan Timur, Polresta Balikpapan and Divisi Humas, in every state, with the
// dispositions and replies those states imply. Deterministic, like the rest of the demo.

type Sample = { text: string; category: InteractionCategory; fn: "RESKRIM" | "LANTAS" | "INTELKAM" | null };

const samples: Sample[] = [
  { text: "Min, syarat perpanjangan SIM A sekarang apa saja? Bisa online?", category: "PERTANYAAN", fn: "LANTAS" },
  { text: "Kapan SIM keliling ada di daerah Sepinggan?", category: "PERTANYAAN", fn: "LANTAS" },
  { text: "Bagaimana cara cek tilang elektronik untuk plat KT?", category: "PERTANYAAN", fn: "LANTAS" },
  { text: "Laporan kehilangan motor saya sudah dua minggu belum ada kabar.", category: "PENGADUAN", fn: "RESKRIM" },
  {
    text: "Saya ditipu jual beli online, sudah lapor tapi belum ditindaklanjuti.",
    category: "PENGADUAN",
    fn: "RESKRIM",
  },
  {
    text: "Lampu lalu lintas di simpang Muara Rapak mati sejak kemarin, macet parah.",
    category: "PENGADUAN",
    fn: "LANTAS",
  },
  {
    text: "Ada balap liar tiap malam minggu di jalan Soekarno-Hatta km 3.",
    category: "LAPORAN_INFORMASI",
    fn: "LANTAS",
  },
  {
    text: "Ada kumpulan orang mencurigakan di gudang dekat pelabuhan tiap malam.",
    category: "LAPORAN_INFORMASI",
    fn: "INTELKAM",
  },
  {
    text: "Info: ada rencana unjuk rasa besar di depan kantor gubernur hari Senin.",
    category: "LAPORAN_INFORMASI",
    fn: "INTELKAM",
  },
  {
    text: "Tolong ada kecelakaan di tol Balsam km 12, korban masih di jalan!",
    category: "LAPORAN_INFORMASI",
    fn: "LANTAS",
  },
  { text: "Darurat, ada begal di jalan Mulawarman barusan, pelaku dua orang.", category: "PENGADUAN", fn: "RESKRIM" },
  { text: "Pelayanan SKCK sebaiknya ditambah loket, antrean terlalu panjang.", category: "KRITIK_SARAN", fn: null },
  { text: "Saran: jadwal patroli malam di perumahan diumumkan di sini.", category: "KRITIK_SARAN", fn: null },
  { text: "Terima kasih Pak Polisi sudah bantu dorong mobil mogok saya tadi pagi.", category: "APRESIASI", fn: null },
  { text: "Mantap, pengamanan acara kemarin rapi sekali. Salut!", category: "APRESIASI", fn: null },
  { text: "Promo slot gacor 88 link di bio, dijamin maxwin!!!", category: "SPAM", fn: null },
];

const names = [
  ["budi_santoso", "Budi Santoso"],
  ["sitiaminah", "Siti Aminah"],
  ["rahmat.hidayat", "Rahmat Hidayat"],
  ["dewi_lestari88", "Dewi Lestari"],
  ["andi.pratama", "Andi Pratama"],
  ["nurhaliza_", "Nur Haliza"],
  ["yusuf.bpp", "Yusuf Maulana"],
  ["rina_wati", "Rina Wati"],
  ["agus.kaltim", "Agus Setiawan"],
  ["fitri_ramadhani", "Fitri Ramadhani"],
];

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const kindFor = (platform: Platform, r: number): InteractionKind => {
  if (platform === "LINE_OA") return "MESSAGE";
  if (platform === "X") return r < 0.5 ? "MENTION" : "COMMENT";
  if (platform === "FACEBOOK_PAGE" || platform === "INSTAGRAM") return r < 0.2 ? "MESSAGE" : "COMMENT";
  return "COMMENT";
};

// Every state, in roughly the shares a busy inbox shows.
const stateWheel: InteractionState[] = [
  "NEW",
  "NEW",
  "NEW",
  "TRIAGED",
  "TRIAGED",
  "FORWARDED",
  "FORWARDED",
  "FORWARDED",
  "ANSWERED",
  "ANSWERED",
  "REPLIED",
  "REPLIED",
  "REPLIED",
  "CLOSED",
];

export async function seedInteractions(db: Tx, byCode: Map<string, Unit>, userIds: Map<string, string>) {
  const rand = prng(16_2026);
  const now = Date.now();
  const plan: {
    unit: string;
    count: number;
    admin: string;
    functions: Record<string, { code: string; responder: string }>;
  }[] = [
    {
      unit: "POLDA-KALTIM",
      count: 260,
      admin: "admin.kaltim@siar.test",
      functions: {
        RESKRIM: { code: "KALTIM-DITRESKRIMUM", responder: "responder.ditreskrimum.kaltim@siar.test" },
        LANTAS: { code: "KALTIM-DITLANTAS", responder: "responder.ditlantas.kaltim@siar.test" },
        INTELKAM: { code: "KALTIM-DITINTELKAM", responder: "responder.ditintelkam.kaltim@siar.test" },
      },
    },
    {
      unit: "POLRES-BALIKPAPAN",
      count: 120,
      admin: "admin.balikpapan@siar.test",
      functions: {
        RESKRIM: { code: "BALIKPAPAN-SATRESKRIM", responder: "responder.satreskrim.balikpapan@siar.test" },
        LANTAS: { code: "BALIKPAPAN-SATLANTAS", responder: "responder.satlantas.balikpapan@siar.test" },
        INTELKAM: { code: "BALIKPAPAN-SATRESKRIM", responder: "responder.satreskrim.balikpapan@siar.test" },
      },
    },
    { unit: "DIVHUMAS", count: 40, admin: "admin.divhumas@siar.test", functions: {} },
  ];

  const interactions: Prisma.InteractionCreateManyInput[] = [];
  const dispositions: Prisma.DispositionCreateManyInput[] = [];
  const replies: Prisma.InteractionReplyCreateManyInput[] = [];
  let n = 0;

  for (const p of plan) {
    const unit = byCode.get(p.unit)!;
    const adminId = userIds.get(p.admin)!;
    // Platforms with an API that gives comments, mentions or messages to the account (not TikTok).
    const accounts = await db.socialAccount.findMany({
      where: { unitId: unit.id, platform: { not: "TIKTOK" } },
      select: {
        id: true,
        platform: true,
        targets: { where: { status: "PUBLISHED" }, select: { id: true, platformPostId: true }, take: 30 },
      },
    });
    if (!accounts.length) continue;
    for (let i = 0; i < p.count; i++) {
      const account = accounts[Math.floor(rand() * accounts.length)]!;
      const kind = kindFor(account.platform, rand());
      let sample = samples[Math.floor(rand() * samples.length)]!;
      let state = stateWheel[i % stateWheel.length]!;
      // A unit without function units forwards nothing: its items are answered by Humas directly.
      if (!sample.fn || !p.functions[sample.fn]) {
        if (state === "FORWARDED" || state === "ANSWERED") state = "REPLIED";
      }
      if (state === "CLOSED") sample = samples.find((s) => s.category === "SPAM")!;
      const [handle, name] = names[Math.floor(rand() * names.length)]!;
      const receivedAt = new Date(now - Math.floor(rand() * 14 * 86_400_000) - 3_600_000);
      const target = kind === "COMMENT" ? account.targets[Math.floor(rand() * account.targets.length)] : undefined;
      const id = randomUUID();
      const categorised = state !== "NEW";
      n++;
      const firstReplyAt =
        state === "REPLIED" ? new Date(receivedAt.getTime() + (1 + Math.floor(rand() * 40)) * 3_600_000) : null;
      interactions.push({
        id,
        platform: account.platform,
        externalId: `demo_${account.platform.toLowerCase()}_${n.toString().padStart(6, "0")}`,
        accountId: account.id,
        unitId: unit.id,
        kind,
        authorExternalId: `demo_user_${handle}`,
        authorHandle: handle,
        authorName: name,
        text: sample.text,
        targetId: target?.id ?? null,
        externalParentId: target?.platformPostId ?? null,
        receivedAt,
        category: categorised ? sample.category : null,
        urgent: soundsUrgent(sample.text),
        state,
        assigneeId: categorised && rand() < 0.6 ? adminId : null,
        firstReplyAt,
        resolvedAt:
          state === "REPLIED" ? firstReplyAt : state === "CLOSED" ? new Date(receivedAt.getTime() + 600_000) : null,
        createdAt: receivedAt,
      });
      const fn = sample.fn ? p.functions[sample.fn] : undefined;
      if (fn && (state === "FORWARDED" || state === "ANSWERED" || (state === "REPLIED" && rand() < 0.7))) {
        const createdAt = new Date(receivedAt.getTime() + 30 * 60_000);
        // Some open dispositions are past their deadline, escalated to the function's parent.
        const overdue = state === "FORWARDED" && rand() < 0.45;
        const hours = defaultDeadlineHours[sample.category];
        const deadlineAt = overdue
          ? new Date(now - Math.floor(1 + rand() * 48) * 3_600_000)
          : state === "FORWARDED"
            ? new Date(now + Math.floor(1 + rand() * hours) * 3_600_000)
            : new Date(createdAt.getTime() + hours * 3_600_000);
        const answered = state !== "FORWARDED";
        const fnUnit = byCode.get(fn.code)!;
        // Drawn as before (a half of them used to stay unescalated), so the rest of the demo stays as it was.
        if (overdue) rand();
        dispositions.push({
          id: randomUUID(),
          interactionId: id,
          fromUnitId: unit.id,
          toUnitId: fnUnit.id,
          createdById: adminId,
          note: "Mohon ditindaklanjuti dan dijawab.",
          deadlineAt,
          answer: answered ? "Sudah kami tindak lanjuti; warga dapat menghubungi kami melalui layanan 110." : null,
          answeredById: answered ? userIds.get(fn.responder)! : null,
          answeredAt: answered ? new Date(createdAt.getTime() + Math.floor(rand() * hours * 1.3) * 3_600_000) : null,
          // Every overdue one is escalated already, as the escalation job (every 5 minutes) would do at once.
          escalatedAt: overdue ? new Date(deadlineAt.getTime() + 5 * 60_000) : null,
          escalatedToUnitId: null,
          createdAt,
        });
        const last = dispositions[dispositions.length - 1]!;
        if (last.escalatedAt) last.escalatedToUnitId = fnUnit.parentId;
      }
      if (state === "REPLIED") {
        replies.push({
          id: randomUUID(),
          interactionId: id,
          authorId: adminId,
          text: `Terima kasih, ${name}. Informasi sudah kami teruskan dan tindak lanjuti. Salam Presisi.`,
          state: "SENT",
          attempts: 1,
          externalId: `demo_reply_${n}`,
          sentAt: firstReplyAt,
          createdAt: firstReplyAt!,
        });
      }
    }
  }
  await db.interaction.createMany({ data: interactions });
  await db.disposition.createMany({ data: dispositions });
  await db.interactionReply.createMany({ data: replies });
  // Responsivitas on the demo's board from the first page view, as the worker's roll-up would make it.
  await rollupResponsesIn(db, { rebuild: true });
  return interactions.length;
}
