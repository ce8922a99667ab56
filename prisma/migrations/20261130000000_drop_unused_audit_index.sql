-- migrate:up
-- No query reads audit_logs by unit_path: the audit log is filtered by unit id, so that a moved unit
-- takes its history along (src/server/audit/list-audit.ts), and a post's history by entity. The index
-- only cost every audit row an insertion, three per target on its way to PUBLISHED.
DROP INDEX "audit_logs_unit_path_idx";

-- migrate:down
CREATE INDEX "audit_logs_unit_path_idx" ON "audit_logs"("unit_path");
