import "server-only";
import type { Prisma } from "@/generated/prisma/client";

// What may leave the server about an account. Token columns are never selected, so they cannot
// slip into props, JSON or logs; whether credentials exist is read from their timestamps.
export const accountSelect = {
  id: true,
  platform: true,
  handle: true,
  displayName: true,
  platformAccountId: true,
  profileUrl: true,
  status: true,
  verified: true,
  followerCount: true,
  tokenExpiresAt: true,
  credentialsUpdatedAt: true,
  verification: true,
  verificationNote: true,
  verificationAt: true,
  verificationBy: { select: { name: true } },
  createdAt: true,
  updatedAt: true,
  unit: { select: { id: true, name: true, code: true, path: true, timeZone: true } },
} satisfies Prisma.SocialAccountSelect;

type Row = Prisma.SocialAccountGetPayload<{ select: typeof accountSelect }>;

/** `expiresAt` null: connected with a token that does not expire (a Facebook Page token, a long-lived LINE token). */
export type CredentialSummary = { connected: false } | { connected: true; expiresAt: Date | null; expired: boolean };

export function credentialSummary(
  row: Pick<Row, "tokenExpiresAt" | "credentialsUpdatedAt">,
  now = new Date(),
): CredentialSummary {
  if (!row.credentialsUpdatedAt) return { connected: false };
  if (!row.tokenExpiresAt) return { connected: true, expiresAt: null, expired: false };
  return { connected: true, expiresAt: row.tokenExpiresAt, expired: row.tokenExpiresAt <= now };
}

export function toAccountView(row: Row) {
  const { tokenExpiresAt: _e, credentialsUpdatedAt: _c, ...rest } = row;
  return { ...rest, credentials: credentialSummary(row) };
}
export type AccountView = ReturnType<typeof toAccountView>;

/** The fields an audit entry records (before/after), without anything secret. */
export function auditFields(row: Row) {
  return {
    unitId: row.unit.id,
    platform: row.platform,
    handle: row.handle,
    displayName: row.displayName,
    platformAccountId: row.platformAccountId,
    profileUrl: row.profileUrl,
    status: row.status,
    verified: row.verified,
    verification: row.verification,
  };
}
