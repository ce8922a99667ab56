import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/server/errors";

/** The unique index a write ran into, or null when the error is something else. */
export function violatedConstraint(error: unknown): string | null {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") return null;
  // With a driver adapter Prisma 7 names the index here rather than in `meta.target`.
  const meta = error.meta as
    { driverAdapterError?: { cause?: { constraint?: { index?: string } } }; target?: unknown } | undefined;
  return (
    meta?.driverAdapterError?.cause?.constraint?.index ??
    (Array.isArray(meta?.target) ? meta.target.join(",") : typeof meta?.target === "string" ? meta.target : "")
  );
}

/**
 * Rethrows a unique violation as a CONFLICT on the field the person typed,
 * e.g. `{ social_accounts_platform_handle_key: ["handle", "handleTaken"] }`.
 */
export function rethrowConflict(
  error: unknown,
  fields: Record<string, [field: string, key: string]>,
  params: Record<string, string | number> = {},
): never {
  const index = violatedConstraint(error);
  if (index !== null) {
    const [field, key] = fields[index] ?? ["_form", "conflict"];
    throw new AppError("CONFLICT", key, { [field]: key }, params);
  }
  throw error;
}
