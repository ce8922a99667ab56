-- migrate:up
-- Four eyes (issue 13, docs/decisions/0009-trust.md): the version a SUPERVISOR approved. A target is
-- claimed for publishing only while its post is still at that version, so only the approved text goes out.
ALTER TABLE "posts" ADD COLUMN "approved_version" INTEGER;

-- Posts approved before this ships: the version named by their latest approval.
UPDATE "posts" p SET "approved_version" = d."post_version"
FROM (
  SELECT DISTINCT ON ("post_id") "post_id", "post_version", "outcome"
  FROM "approval_decisions" ORDER BY "post_id", "created_at" DESC
) d
WHERE d."post_id" = p."id" AND d."outcome" = 'APPROVED';

-- migrate:down
ALTER TABLE "posts" DROP COLUMN "approved_version";
