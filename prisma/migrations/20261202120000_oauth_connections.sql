-- migrate:up
-- Connecting accounts by OAuth (issue 12, docs/decisions/0008-real-platforms.md): one row per started
-- authorization. The state sent to the platform and the browser's nonce are stored as SHA-256 hashes, the
-- PKCE verifier sealed; a row is used at most once and only before it expires.
CREATE TABLE "oauth_connections" (
  "id" UUID PRIMARY KEY,
  "state_hash" VARCHAR(64) NOT NULL,
  "nonce_hash" VARCHAR(64) NOT NULL,
  "user_id" UUID NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
  "unit_id" UUID NOT NULL REFERENCES "units"("id") ON DELETE CASCADE,
  "platform" "Platform" NOT NULL,
  "redirect_uri" VARCHAR(500) NOT NULL,
  "code_verifier_enc" TEXT,
  "expires_at" TIMESTAMPTZ(3) NOT NULL,
  "used_at" TIMESTAMPTZ(3),
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX "oauth_connections_state_hash_key" ON "oauth_connections"("state_hash");
CREATE INDEX "oauth_connections_expires_at_idx" ON "oauth_connections"("expires_at");

-- migrate:down
DROP TABLE "oauth_connections";
