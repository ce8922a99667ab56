-- migrate:up
-- Scopes cut at the tenant line (issue 13, docs/decisions/0009-trust.md): the organisation (root unit) a user
-- belongs to, kept when their last membership is removed, so that only a SUPERADMIN over that root manages them.
ALTER TABLE "users" ADD COLUMN "root_unit_id" UUID;

-- Existing users: the root of their first membership's unit (a path is /root/…/unit/).
UPDATE "users" u SET "root_unit_id" = first."root"
FROM (
  SELECT DISTINCT ON (m."user_id") m."user_id", split_part(un."path", '/', 2)::uuid AS "root"
  FROM "memberships" m JOIN "units" un ON un."id" = m."unit_id"
  ORDER BY m."user_id", m."created_at"
) first
WHERE first."user_id" = u."id";

-- migrate:down
ALTER TABLE "users" DROP COLUMN "root_unit_id";
