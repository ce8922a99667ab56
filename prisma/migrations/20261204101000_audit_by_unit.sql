-- migrate:up
-- The audit log of a subtree is read by unit (issue 17, decision 0012): counting a Polres's entries, or paging
-- them newest first, walked the whole log without this.
CREATE INDEX "audit_logs_unit_id_created_at_idx" ON "audit_logs"("unit_id", "created_at");

-- migrate:down
DROP INDEX "audit_logs_unit_id_created_at_idx";
