-- migrate:up
-- The audit log's page is the newest 50 entries of the reader's units in (created_at, id) order (issue 17,
-- docs/decisions/0012-national-scale.md, sixth pass). With an index on created_at alone, PostgreSQL walked it
-- backwards and sorted each group of equal times by id: the entries one statement writes share its time (an
-- approved broadcast writes 5,000), so the national log's first page read and sorted 3,120 entries for 50.
-- The index now holds the page's whole order; it replaces the created_at index (same columns first, so it
-- serves everything that one did) and costs no more to write.
CREATE INDEX "audit_logs_created_at_id_idx" ON "audit_logs"("created_at", "id");
DROP INDEX "audit_logs_created_at_idx";

-- migrate:down
CREATE INDEX "audit_logs_created_at_idx" ON "audit_logs"("created_at");
DROP INDEX "audit_logs_created_at_id_idx";
