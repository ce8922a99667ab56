import "server-only";
import { createHash } from "node:crypto";
import Papa from "papaparse";
import { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/server/auth/actor";
import { writeAudit } from "@/server/audit/write-audit";
import { db } from "@/server/db";
import { loadUnitFor } from "@/server/units/unit-access";
import { citizenExportSchema } from "@/schemas/interactions";

// One citizen's items on their request (issue 16 item 7, UU 27/2022: the data subject's right of access;
// docs/decisions/0011-interaksi-warga.md). ADMIN and SUPERADMIN of a subtree (`interaction.privacy`), over the
// items of that subtree, found by handle (any letter case) or by the platform's id of the author; CSV through
// papaparse, or JSON. Every export is audited with its count, never the citizen's words or handle.

export type CitizenExport = { filename: string; mime: string; content: string; count: number };

const MAX_ITEMS = 10_000;
// Leading = + - @ would run as a formula in a spreadsheet: such text gets a leading apostrophe.
const safe = (s: string | null) => (s && /^[=+\-@]/.test(s) ? `'${s}` : (s ?? ""));

export async function exportCitizen(actor: Actor, raw: unknown): Promise<CitizenExport> {
  const input = citizenExportSchema.parse(raw);
  const unit = await loadUnitFor(actor, "interaction.privacy", input.unitId);
  // By the indexes of migration 20261205130100 (lower(author_handle), author_external_id), never a scan.
  const who =
    input.by === "handle"
      ? Prisma.sql`lower(i.author_handle) = lower(${input.value})`
      : Prisma.sql`i.author_external_id = ${input.value}`;
  const platform = input.platform ? Prisma.sql`and i.platform = ${input.platform}::"Platform"` : Prisma.empty;
  const found = await db.$queryRaw<{ id: string }[]>`
    select i.id from interactions i join units u on u.id = i.unit_id
    where ${who} and u.path like ${`${unit.path}%`} ${platform}
    limit ${MAX_ITEMS}`;
  const items = await db.interaction.findMany({
    where: { id: { in: found.map((r) => r.id) } },
    orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
    take: MAX_ITEMS,
    select: {
      id: true,
      platform: true,
      kind: true,
      authorExternalId: true,
      authorHandle: true,
      authorName: true,
      text: true,
      receivedAt: true,
      category: true,
      state: true,
      firstReplyAt: true,
      resolvedAt: true,
      anonymisedAt: true,
      account: { select: { handle: true } },
      unit: { select: { name: true } },
      reply: { select: { text: true, sentAt: true } },
    },
  });
  const rows = items.map((i) => ({
    id: i.id,
    platform: i.platform,
    account: i.account.handle,
    unit: i.unit.name,
    kind: i.kind,
    author_id: i.authorExternalId,
    author_handle: i.authorHandle,
    author_name: i.authorName,
    received_at: i.receivedAt.toISOString(),
    text: i.text,
    category: i.category,
    state: i.state,
    reply_text: i.reply?.sentAt ? i.reply.text : null,
    first_reply_at: i.firstReplyAt?.toISOString() ?? null,
    resolved_at: i.resolvedAt?.toISOString() ?? null,
    anonymised_at: i.anonymisedAt?.toISOString() ?? null,
  }));
  const stamp = new Date().toISOString().slice(0, 10);
  // The file's name says whose it is by a short digest, not by the handle itself.
  const tag = createHash("sha256").update(`${input.by}:${input.value.toLowerCase()}`).digest("hex").slice(0, 10);
  const content =
    input.format === "json"
      ? JSON.stringify({ exportedAt: new Date().toISOString(), unit: unit.name, items: rows }, null, 2)
      : // A byte-order mark so spreadsheet programs read names as UTF-8; formulas neutralised.
        `\uFEFF${Papa.unparse(
          rows.map((r) => ({
            ...r,
            author_handle: safe(r.author_handle),
            author_name: safe(r.author_name),
            text: safe(r.text),
            reply_text: safe(r.reply_text),
          })),
          { newline: "\r\n", columns: Object.keys(rows[0] ?? emptyRow) },
        )}\r\n`;
  await db.$transaction((tx) =>
    writeAudit(tx, {
      actorId: actor.id,
      action: "interaction.export",
      entityType: "Settings",
      entityId: unit.id,
      unit,
      after: { by: input.by, platform: input.platform ?? null, format: input.format, count: rows.length, file: tag },
    }),
  );
  return {
    filename: `interaksi-warga_${tag}_${stamp}.${input.format}`,
    mime: input.format === "json" ? "application/json" : "text/csv",
    content,
    count: rows.length,
  };
}

const emptyRow = {
  id: "",
  platform: "",
  account: "",
  unit: "",
  kind: "",
  author_id: "",
  author_handle: "",
  author_name: "",
  received_at: "",
  text: "",
  category: "",
  state: "",
  reply_text: "",
  first_reply_at: "",
  resolved_at: "",
  anonymised_at: "",
};
