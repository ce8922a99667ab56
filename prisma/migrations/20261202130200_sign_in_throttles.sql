-- migrate:up
-- Sign-in that holds under parallel attempts (issue 13, docs/decisions/0009-trust.md): attempts are counted
-- per submitted email, whether or not a user has it, before the password is checked, in one statement.
CREATE TABLE "sign_in_throttles" (
  "email" VARCHAR(254) NOT NULL,
  "attempts" INTEGER NOT NULL DEFAULT 0,
  "locked_until" TIMESTAMPTZ(3),
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "sign_in_throttles_pkey" PRIMARY KEY ("email")
);

-- migrate:down
DROP TABLE "sign_in_throttles";
