import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { AuditAction } from "@/lib/audit-actions";
import type { Tx } from "@/server/db";

export type AuditEntry = {
  actorId: string | null;
  action: AuditAction;
  entityType:
    | "Unit"
    | "SocialAccount"
    | "User"
    | "Membership"
    | "Post"
    | "PostTarget"
    | "PublishingPause"
    | "Settings"
    | "Interaction"
    | "Disposition";
  entityId: string;
  unit?: { id: string; path: string } | null;
  before?: unknown;
  after?: unknown;
};

// Field names whose values must never be copied into the log, even encrypted.
const SECRET_KEYS = new Set([
  "accessTokenEnc",
  "refreshTokenEnc",
  "webhookSecretEnc",
  "passwordHash",
  "accessToken",
  "refreshToken",
  "password",
]);

function scrub(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(
    JSON.stringify(value, (k, v: unknown) => {
      if (SECRET_KEYS.has(k)) return v == null ? v : "[redacted]";
      if (typeof v === "bigint") return v.toString();
      return v;
    }),
  ) as Prisma.InputJsonValue;
}

/** Must be called with the transaction that makes the change, so the change and its record land together. */
export async function writeAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      unitId: entry.unit?.id ?? null,
      unitPath: entry.unit?.path ?? null,
      before: scrub(entry.before),
      after: scrub(entry.after),
    },
  });
}
