import { randomUUID } from "node:crypto";
import type { Platform, SocialAccount } from "@/generated/prisma/client";
import type { Tx } from "@/server/db";
import { seal } from "@/server/crypto/secret-box";
import { profileUrlFor } from "@/lib/platforms";

export type AccountInput = {
  unitId: string;
  platform: Platform;
  handle?: string;
  displayName?: string;
  verified?: boolean;
  /** HQ's verification; factories make verified accounts (as the demo's are) unless told otherwise. */
  verification?: "PENDING" | "VERIFIED" | "REJECTED";
  followerCount?: number;
  /** Connect demo credentials that the local emulator accepts. */
  connect?: boolean;
};

export function accountData(input: AccountInput) {
  const id = randomUUID();
  const handle = (input.handle ?? `akun_${id.slice(0, 8)}`).toLowerCase();
  const hex = id.replace(/-/g, "");
  // X user ids are numbers (^[0-9]{1,19}$ in X's reference; its mentions timeline refuses anything else).
  const platformAccountId =
    input.platform === "X"
      ? BigInt(`0x${hex.slice(0, 15)}`).toString()
      : `${input.platform.toLowerCase()}-${hex.slice(0, 16)}`;
  const hourMs = 3_600_000;
  return {
    id,
    unitId: input.unitId,
    platform: input.platform,
    handle,
    displayName: input.displayName ?? handle,
    platformAccountId,
    profileUrl: profileUrlFor(input.platform, handle),
    verified: input.verified ?? true,
    verification: input.verification ?? "VERIFIED",
    followerCount: input.followerCount ?? null,
    ...(input.connect
      ? {
          accessTokenEnc: seal(`demo-access-${platformAccountId}`),
          refreshTokenEnc: seal(`demo-refresh-${platformAccountId}`),
          // Long enough that a demo left running for weeks still shows connected accounts.
          tokenExpiresAt: new Date(Date.now() + 60 * 24 * hourMs),
          credentialsUpdatedAt: new Date(),
        }
      : {}),
  };
}

export function createAccount(db: Tx, input: AccountInput): Promise<SocialAccount> {
  return db.socialAccount.create({ data: accountData(input) });
}
