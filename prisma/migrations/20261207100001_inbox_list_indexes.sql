-- migrate:up
-- The inbox at national scale (issue 16, decision 0011 "The inbox at a million items", bench:inbox).
-- A page is the newest (or oldest) 25 of the actor's subtree: read backwards (or forwards) along
-- (received_at, id), which is the page's order, and stopped after 26 rows in scope; a keyset page starts at
-- its cursor in the same index instead of walking every newer row.
CREATE INDEX "interactions_received_at_id_idx" ON "interactions"("received_at", "id");
-- Search is a case-insensitive substring of the text, the author's handle or name (ILIKE '%…%'): trigram
-- indexes find the few matching rows of a rare word without reading the table.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "interactions_text_trgm_idx" ON "interactions" USING GIN ("text" gin_trgm_ops);
CREATE INDEX "interactions_author_handle_trgm_idx" ON "interactions" USING GIN ("author_handle" gin_trgm_ops);
CREATE INDEX "interactions_author_name_trgm_idx" ON "interactions" USING GIN ("author_name" gin_trgm_ops);

-- migrate:down
DROP INDEX "interactions_author_name_trgm_idx";
DROP INDEX "interactions_author_handle_trgm_idx";
DROP INDEX "interactions_text_trgm_idx";
DROP INDEX "interactions_received_at_id_idx";
