import "server-only";
import type { Platform } from "@/generated/prisma/enums";
import { profileUrlFor } from "@/lib/platforms";
import { accountRowSchema, type AccountRow } from "@/schemas/imports";
import { cellErrors, finishPlan, settle, type Plan, type PlannedRow } from "@/server/imports/plan";
import type { SheetRow } from "@/server/imports/read-sheet";

export type StoredOwner = { id: string; code: string; path: string };
/** An account the sheet names by platform and handle, as stored. */
export type StoredAccount = {
  id: string;
  platform: Platform;
  handle: string;
  displayName: string;
  platformAccountId: string;
  profileUrl: string | null;
  unitId: string;
  unitCode: string;
  unitPath: string;
};

export type AccountsState = {
  /** Units by code, for the codes the sheet names. */
  units: ReadonlyMap<string, StoredOwner>;
  /** Accounts by `platform:handle`. */
  accounts: ReadonlyMap<string, StoredAccount>;
  /** Account ids by `platform:platformAccountId`, for the ids the sheet names. */
  platformIds: ReadonlyMap<string, string>;
};

export type AccountChange = {
  /** The stored account to update; absent for a new one. */
  id?: string;
  platform: Platform;
  handle: string;
  displayName: string;
  platformAccountId: string;
  profileUrl: string | null;
  unitId: string;
  unitPath: string;
  /** A new owner or profile link is not what HQ verified: it is verified again (decision 0013). */
  recheck: boolean;
};

export const accountKey = (platform: string, handle: string) => `${platform}:${handle}`;

/**
 * The fate of every row of an accounts sheet against the stored accounts (pure). A row matches an account
 * by platform and handle; `canCreate` / `canUpdate` are the policy's account.create / account.update for a
 * unit path, so a row naming a unit outside the actor's subtree is an error here, in the preview.
 */
export function planAccounts(
  sheet: readonly SheetRow[],
  state: AccountsState,
  canCreate: (path: string) => boolean,
  canUpdate: (path: string) => boolean,
): Plan<AccountChange> {
  const rows: PlannedRow<AccountChange>[] = sheet.map((r) => ({
    line: r.line,
    cells: r.cells,
    fate: "error",
    errors: {},
    changed: [],
  }));
  const parsed: (AccountRow | undefined)[] = sheet.map((r, i) => {
    const result = accountRowSchema.safeParse(r.cells);
    if (!result.success) rows[i]!.errors = cellErrors(result.error.issues);
    return result.success ? result.data : undefined;
  });

  const firstHandle = new Map<string, number>();
  const firstPlatformId = new Map<string, number>();
  parsed.forEach((d, i) => {
    if (!d) return;
    const row = rows[i]!;
    const errors = row.errors;
    const key = accountKey(d.platform, d.handle);
    const repeat = firstHandle.get(key);
    if (repeat !== undefined) {
      errors.handle = { key: "imports.cell.duplicateInFile", params: { line: rows[repeat]!.line } };
      return;
    }
    firstHandle.set(key, i);

    const own = state.accounts.get(key);
    const unit = state.units.get(d.kode_unit_pemilik);
    // A unit that does not exist and one outside the subtree get the same message, so codes cannot be probed.
    if (!unit || !canCreate(unit.path) || (own && !canUpdate(unit.path)))
      errors.kode_unit_pemilik = "imports.cell.ownerOutside";
    if (own && !canUpdate(own.unitPath)) errors.handle = "imports.cell.accountOutside";
    if (!own && !d.id_platform) errors.id_platform = "imports.cell.platformIdRequired";

    const platformAccountId = d.id_platform ?? own?.platformAccountId ?? "";
    if (platformAccountId) {
      const idKey = accountKey(d.platform, platformAccountId);
      const holder = state.platformIds.get(idKey);
      const earlier = firstPlatformId.get(idKey);
      if (holder && holder !== own?.id) errors.id_platform ??= "platformAccountIdTaken";
      else if (earlier !== undefined)
        errors.id_platform ??= { key: "imports.cell.duplicateInFile", params: { line: rows[earlier]!.line } };
      else firstPlatformId.set(idKey, i);
    }
    // A row starts as an error and stays one unless settled below.
    if (!unit) return;

    const displayName = d.nama_tampilan ?? own?.displayName ?? d.handle;
    const profileUrl = d.url_profil ?? (own ? own.profileUrl : profileUrlFor(d.platform, d.handle));
    const changed = own
      ? [
          own.displayName !== displayName && "nama_tampilan",
          own.platformAccountId !== platformAccountId && "id_platform",
          own.profileUrl !== profileUrl && "url_profil",
          own.unitId !== unit.id && "kode_unit_pemilik",
        ].filter((c): c is string => !!c)
      : [];
    settle(
      row,
      !!own,
      changed,
      {
        ...(own ? { id: own.id } : {}),
        platform: d.platform,
        handle: d.handle,
        displayName,
        platformAccountId,
        profileUrl,
        unitId: unit.id,
        unitPath: unit.path,
        recheck: !!own && (own.unitId !== unit.id || own.profileUrl !== profileUrl),
      },
      own
        ? {
            nama_tampilan: own.displayName,
            id_platform: own.platformAccountId,
            url_profil: own.profileUrl ?? "",
            kode_unit_pemilik: own.unitCode,
          }
        : {},
    );
  });
  return finishPlan(rows);
}
