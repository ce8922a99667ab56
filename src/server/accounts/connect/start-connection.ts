import "server-only";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { startConnectionSchema } from "@/schemas/connect";
import type { Actor } from "@/server/auth/actor";
import { seal } from "@/server/crypto/secret-box";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { connectorFor, connectSlugs, redirectUriFor, type ConnectSlug } from "@/server/accounts/connect/connectors";
import { loadUnitFor } from "@/server/units/unit-access";

// Step one of "Sambungkan akun": a state for this person in this browser, short-lived and single use, and
// the platform's authorization page to send them to (docs/decisions/0008-real-platforms.md).

/** How long a person has to authorize on the platform's page. */
const CONNECTION_LIFETIME_MS = 10 * 60_000;

export const sha256 = (v: string) => createHash("sha256").update(v).digest("hex");
const token = () => randomBytes(32).toString("base64url");

type StartedConnection = {
  authorizeUrl: string;
  /** Goes into an httpOnly cookie: the callback must come back to the same browser. */
  nonce: string;
};

export async function startConnection(
  actor: Actor,
  slug: ConnectSlug,
  input: unknown,
  now = new Date(),
): Promise<StartedConnection> {
  const { unitId } = startConnectionSchema.parse(input);
  const unit = await loadUnitFor(actor, "account.link", unitId);
  const connector = connectorFor(slug);
  if (!connector) throw new AppError("VALIDATION", "connect.refused.notConfigured");
  const state = token();
  const nonce = token();
  // PKCE: 43 characters of base64url from 32 random bytes; the challenge is its SHA-256 (S256).
  const verifier = connector.pkce ? token() : null;
  const challenge = verifier ? createHash("sha256").update(verifier).digest("base64url") : null;
  await db.oauthConnection.create({
    data: {
      id: randomUUID(),
      stateHash: sha256(state),
      nonceHash: sha256(nonce),
      userId: actor.id,
      unitId: unit.id,
      platform: connectSlugs[slug],
      redirectUri: redirectUriFor(slug),
      codeVerifierEnc: verifier ? seal(verifier) : null,
      expiresAt: new Date(now.getTime() + CONNECTION_LIFETIME_MS),
    },
  });
  // Rows nobody came back for are of no use once expired.
  await db.oauthConnection.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - 24 * 3_600_000) } } });
  return { authorizeUrl: connector.authorizeUrl({ state, codeChallenge: challenge }), nonce };
}
