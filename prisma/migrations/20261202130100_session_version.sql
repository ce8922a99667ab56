-- migrate:up
-- Sessions that end (issue 13, docs/decisions/0009-trust.md): the session cookie carries the user's
-- session version from sign-in; sign-out, a password reset, disabling the user and removing one of their
-- memberships raise it, and every read of the session refuses a cookie with another version.
ALTER TABLE "users" ADD COLUMN "session_version" INTEGER NOT NULL DEFAULT 1;

-- migrate:down
ALTER TABLE "users" DROP COLUMN "session_version";
