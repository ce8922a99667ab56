import "server-only";
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/generated/prisma/client";
import { commitSchema, importKindSchema, type ImportKind } from "@/schemas/imports";
import { startingVerification } from "@/server/accounts/verification-state";
import { writeAudit } from "@/server/audit/write-audit";
import type { Actor } from "@/server/auth/actor";
import { can, scopeFor } from "@/server/auth/policy";
import { db, type Tx } from "@/server/db";
import { AppError, forbidden } from "@/server/errors";
import {
  accountKey,
  planAccounts,
  type AccountChange,
  type StoredAccount,
  type StoredOwner,
} from "@/server/imports/plan-accounts";
import { planUnits, type StoredUnit, type UnitChange } from "@/server/imports/plan-units";
import { readSheet, type SheetRow } from "@/server/imports/read-sheet";

type UploadedSheet = { name: string; bytes: Uint8Array };

/** Who may import what: units need unit.manage (SUPERADMIN), accounts account.create (decision 0013). */
export const importAction = { units: "unit.manage", accounts: "account.create" } as const;

export function assertMayImport(actor: Actor, kind: ImportKind): void {
  if (scopeFor(actor.memberships, importAction[kind]).length === 0) throw forbidden();
}

const upper = (v: string | undefined) => (v ?? "").trim().toUpperCase();

async function storedUnits(tx: Tx, sheet: readonly SheetRow[]): Promise<Map<string, StoredUnit>> {
  const codes = [...new Set(sheet.flatMap((r) => [upper(r.cells.kode_unit), upper(r.cells.kode_induk)]))].filter(
    Boolean,
  );
  const units = await tx.unit.findMany({
    where: { code: { in: codes } },
    select: {
      id: true,
      code: true,
      name: true,
      kind: true,
      timeZone: true,
      path: true,
      depth: true,
      parent: { select: { code: true } },
    },
  });
  return new Map(units.map(({ parent, ...u }) => [u.code, { ...u, parentCode: parent?.code ?? null }]));
}

async function accountsState(tx: Tx, sheet: readonly SheetRow[]) {
  const codes = [...new Set(sheet.map((r) => upper(r.cells.kode_unit_pemilik)))].filter(Boolean);
  const handles = [...new Set(sheet.map((r) => (r.cells.handle ?? "").trim().replace(/^@+/, "").toLowerCase()))];
  const ids = [...new Set(sheet.map((r) => (r.cells.id_platform ?? "").trim()))].filter(Boolean);
  // One after another: a transaction is one connection, which runs one query at a time.
  const units = await tx.unit.findMany({
    where: { code: { in: codes } },
    select: { id: true, code: true, path: true },
  });
  const accounts = await tx.socialAccount.findMany({
    where: { handle: { in: handles.filter(Boolean) } },
    select: {
      id: true,
      platform: true,
      handle: true,
      displayName: true,
      platformAccountId: true,
      profileUrl: true,
      unitId: true,
      unit: { select: { code: true, path: true } },
    },
  });
  const holders = await tx.socialAccount.findMany({
    where: { platformAccountId: { in: ids } },
    select: { id: true, platform: true, platformAccountId: true },
  });
  return {
    units: new Map<string, StoredOwner>(units.map((u) => [u.code, u])),
    accounts: new Map<string, StoredAccount>(
      accounts.map(({ unit, ...a }) => [
        accountKey(a.platform, a.handle),
        { ...a, unitCode: unit.code, unitPath: unit.path },
      ]),
    ),
    platformIds: new Map(holders.map((h) => [accountKey(h.platform, h.platformAccountId), h.id])),
  };
}

async function plan(actor: Actor, kind: ImportKind, sheet: SheetRow[], tx: Tx) {
  if (kind === "units") {
    const stored = await storedUnits(tx, sheet);
    return { stored, plan: planUnits(sheet, stored, (path) => can(actor.memberships, "unit.manage", path)) };
  }
  const state = await accountsState(tx, sheet);
  const may = (action: "account.create" | "account.update") => (path: string) => can(actor.memberships, action, path);
  return { stored: undefined, plan: planAccounts(sheet, state, may("account.create"), may("account.update")) };
}

/** What the preview shows: every row with its fate and cell messages. Writes nothing. */
export async function previewImport(actor: Actor, kindInput: unknown, file: UploadedSheet) {
  const kind = importKindSchema.parse(kindInput);
  assertMayImport(actor, kind);
  const sheet = await readSheet(kind, file.name, file.bytes);
  const { rows, counts, hash } = (await plan(actor, kind, sheet, db)).plan;
  return { kind, counts, planHash: hash, rows: rows.map(({ data: _, ...r }) => r) };
}

/**
 * The upload's name as the audit entry records it: the browser sends any bytes it likes, and PostgreSQL's
 * JSON refuses a NUL and cannot store a lone surrogate, so control characters and those are dropped.
 */
function recordedName(name: string): string {
  return name
    .replace(/[\u0000-\u001f\u007f]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "")
    .slice(0, 200);
}

/** The deepest unit that holds every path: where the import's audit entry is filed. */
function commonUnit(paths: string[]): { id: string; path: string } | null {
  if (!paths.length) return null;
  let common = paths[0]!.split("/").filter(Boolean);
  for (const p of paths) {
    const parts = p.split("/").filter(Boolean);
    let n = 0;
    while (n < common.length && common[n] === parts[n]) n += 1;
    common = common.slice(0, n);
  }
  return common.length ? { id: common.at(-1)!, path: `/${common.join("/")}/` } : null;
}

async function writeUnits(tx: Tx, changes: UnitChange[], stored: Map<string, StoredUnit>, created: UnitChange[]) {
  // New units in an order where each parent comes first (the planner refused loops and orphans).
  const placed = new Map<string, { id: string; path: string; depth: number }>();
  for (const u of stored.values()) placed.set(u.code, u);
  const rows: Prisma.UnitCreateManyInput[] = [];
  let waiting = created;
  while (waiting.length) {
    const next: UnitChange[] = [];
    for (const u of waiting) {
      const parent = placed.get(u.parentCode ?? "");
      if (!parent) {
        next.push(u);
        continue;
      }
      const id = randomUUID();
      const path = `${parent.path}${id}/`;
      placed.set(u.code, { id, path, depth: parent.depth + 1 });
      rows.push({
        id,
        code: u.code,
        name: u.name,
        kind: u.kind,
        timeZone: u.timeZone,
        parentId: parent.id,
        path,
        depth: parent.depth + 1,
      });
    }
    if (next.length === waiting.length) throw new Error("import: a new unit has no parent");
    waiting = next;
  }
  if (rows.length) await tx.unit.createMany({ data: rows });
  if (changes.length) {
    const ids = changes.map((c) => stored.get(c.code)!.id);
    await tx.$executeRaw`
      UPDATE units u
         SET name = v.name, kind = v.kind, time_zone = v.time_zone, updated_at = now()
        FROM unnest(${ids}::uuid[], ${changes.map((c) => c.name)}::text[], ${changes.map((c) => c.kind)}::text[],
                    ${changes.map((c) => c.timeZone)}::text[]) AS v(id, name, kind, time_zone)
       WHERE u.id = v.id`;
  }
  return rows.map((r) => r.path).concat(changes.map((c) => stored.get(c.code)!.path));
}

async function writeAccounts(tx: Tx, actor: Actor, created: AccountChange[], changes: AccountChange[]) {
  if (created.length) {
    // One INSERT from arrays, not Prisma's createMany: a commit of 5,000 rows took ~9.5 s with createMany, ~1.4 s so
    // (bench:import, decision 0013). Nothing can be published before credentials are connected, nor before
    // HQ verifies it below the top unit.
    const start = created.map((a) => startingVerification({ path: a.unitPath }));
    await tx.$executeRaw`
      INSERT INTO social_accounts (id, unit_id, platform, handle, display_name, platform_account_id, profile_url,
                                   status, verification, verification_at, registered_by_id)
      SELECT v.id, v.unit_id, v.platform::"Platform", v.handle, v.display_name, v.platform_account_id, v.profile_url,
             'NEEDS_RECONNECT', v.verification::"AccountVerification", v.verification_at, ${actor.id}::uuid
        FROM unnest(${created.map(() => randomUUID())}::uuid[], ${created.map((a) => a.unitId)}::uuid[],
                    ${created.map((a) => a.platform)}::text[], ${created.map((a) => a.handle)}::text[],
                    ${created.map((a) => a.displayName)}::text[], ${created.map((a) => a.platformAccountId)}::text[],
                    ${created.map((a) => a.profileUrl)}::text[], ${start.map((v) => v.verification)}::text[],
                    ${start.map((v) => v.verificationAt)}::timestamptz[])
             AS v(id, unit_id, platform, handle, display_name, platform_account_id, profile_url, verification,
                  verification_at)`;
  }
  if (changes.length) {
    const again = changes.map((c) => (c.recheck ? startingVerification({ path: c.unitPath }) : null));
    await tx.$executeRaw`
      UPDATE social_accounts a
         SET unit_id = v.unit_id, display_name = v.display_name, platform_account_id = v.platform_account_id,
             profile_url = v.profile_url, updated_at = now(),
             verification = CASE WHEN v.recheck THEN v.verification::"AccountVerification" ELSE a.verification END,
             verification_note = CASE WHEN v.recheck THEN NULL ELSE a.verification_note END,
             verification_by_id = CASE WHEN v.recheck THEN NULL ELSE a.verification_by_id END,
             verification_at = CASE WHEN v.recheck THEN v.verification_at ELSE a.verification_at END,
             registered_by_id = CASE WHEN v.recheck THEN ${actor.id}::uuid ELSE a.registered_by_id END
        FROM unnest(${changes.map((c) => c.id!)}::uuid[], ${changes.map((c) => c.unitId)}::uuid[],
                    ${changes.map((c) => c.displayName)}::text[], ${changes.map((c) => c.platformAccountId)}::text[],
                    ${changes.map((c) => c.profileUrl)}::text[], ${changes.map((c) => c.recheck)}::boolean[],
                    ${again.map((v) => v?.verification ?? "PENDING")}::text[],
                    ${again.map((v) => v?.verificationAt ?? null)}::timestamptz[])
             AS v(id, unit_id, display_name, platform_account_id, profile_url, recheck, verification, verification_at)
       WHERE a.id = v.id`;
  }
  return [...created, ...changes].map((a) => a.unitPath);
}

/**
 * Writes the good rows of a sheet whose preview the operator confirmed, in one transaction with one audit
 * entry. It plans again inside the transaction, under a lock that queues imports one after another, and
 * writes only if that plan is the one previewed (the same hash): a preview made stale by another change
 * is refused, never written differently (decision 0013).
 */
export async function commitImport(actor: Actor, kindInput: unknown, file: UploadedSheet, body: unknown) {
  const kind = importKindSchema.parse(kindInput);
  assertMayImport(actor, kind);
  const { planHash } = commitSchema.parse(body);
  const sheet = await readSheet(kind, file.name, file.bytes);
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('siar.import'))`;
      const { stored, plan: current } = await plan(actor, kind, sheet, tx);
      if (current.hash !== planHash) throw new AppError("CONFLICT", "imports.stalePreview");
      const pick = (fate: "new" | "changed") => current.rows.filter((r) => r.fate === fate).map((r) => r.data!);
      const paths =
        kind === "units"
          ? await writeUnits(tx, pick("changed") as UnitChange[], stored!, pick("new") as UnitChange[])
          : await writeAccounts(tx, actor, pick("new") as AccountChange[], pick("changed") as AccountChange[]);
      const importId = randomUUID();
      if (paths.length) {
        const key = (d: UnitChange | AccountChange) => ("code" in d ? d.code : `${d.platform}:${d.handle}`);
        await writeAudit(tx, {
          actorId: actor.id,
          action: kind === "units" ? "unit.import" : "account.import",
          entityType: kind === "units" ? "Unit" : "SocialAccount",
          entityId: importId,
          unit: commonUnit(paths),
          after: {
            file: recordedName(file.name),
            counts: current.counts,
            created: pick("new").map(key),
            changed: current.rows
              .filter((r) => r.fate === "changed")
              .map((r) => ({ row: key(r.data!), columns: r.changed })),
          },
        });
      }
      return { kind, importId: paths.length ? importId : null, counts: current.counts };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}
