import "server-only";
import type { AccountVerification } from "@/generated/prisma/enums";

/**
 * The verification an account starts with on a unit: an account of a top unit has no unit above it to be
 * checked by, so it counts as verified; any other waits for a SUPERVISOR of an ancestor (decision 0013).
 */
export function startingVerification(unit: { path: string }) {
  const top = unit.path.split("/").filter(Boolean).length === 1;
  const verification: AccountVerification = top ? "VERIFIED" : "PENDING";
  return {
    verification,
    verificationNote: null,
    verificationById: null,
    verificationAt: top ? new Date() : null,
  };
}

/** What the verifier checked: the owning unit, the handle and the profile link. A change to one is checked again. */
export function verifiedFactsChanged(
  before: { unitId: string; handle: string; profileUrl: string | null },
  after: { unitId: string; handle: string; profileUrl: string | null },
): boolean {
  return before.unitId !== after.unitId || before.handle !== after.handle || before.profileUrl !== after.profileUrl;
}
