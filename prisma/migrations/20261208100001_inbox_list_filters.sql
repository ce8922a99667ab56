-- migrate:up
-- The inbox's filters that were 11–20× a plain page at a million items (issue 16, decision 0011 "The inbox
-- at a million items", docs/benchmarks/interaksi-warga.md, third pass).

-- "Lewat tenggat" (an unanswered disposition past its deadline) walked the page order checking each item's
-- dispositions: overdue items are few, so thousands were checked for a page. Each item now carries the
-- earliest deadline of its unanswered dispositions (null when none is open), kept by a trigger on
-- dispositions for every writer (forward, answer, tests, seeds), so "overdue" is a condition on the item
-- itself: open_deadline_at < now() holds exactly when some unanswered disposition is past its deadline.
ALTER TABLE "interactions" ADD COLUMN "open_deadline_at" TIMESTAMPTZ(3);

CREATE FUNCTION siar_interaction_open_deadline() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN ids := array[NEW.interaction_id];
  ELSIF TG_OP = 'DELETE' THEN ids := array[OLD.interaction_id];
  ELSE ids := array[OLD.interaction_id, NEW.interaction_id];
  END IF;
  UPDATE "interactions" i SET "open_deadline_at" = x.deadline
  FROM (
    SELECT j.id, (SELECT min(d.deadline_at) FROM "dispositions" d WHERE d.interaction_id = j.id AND d.answered_at IS NULL) AS deadline
    FROM (SELECT DISTINCT unnest(ids) AS id) j
  ) x
  WHERE i.id = x.id AND i.open_deadline_at IS DISTINCT FROM x.deadline;
  RETURN NULL;
END $$;
CREATE TRIGGER "dispositions_open_deadline" AFTER INSERT OR DELETE OR UPDATE OF "interaction_id", "answered_at", "deadline_at"
  ON "dispositions" FOR EACH ROW EXECUTE FUNCTION siar_interaction_open_deadline();

UPDATE "interactions" i SET "open_deadline_at" = d.deadline
FROM (SELECT interaction_id, min(deadline_at) AS deadline FROM "dispositions" WHERE answered_at IS NULL GROUP BY interaction_id) d
WHERE i.id = d.interaction_id;

-- The items with an open disposition in page order: "Lewat tenggat" reads it backwards (or forwards) and
-- stops after 26 overdue items in scope, among the open ones only.
CREATE INDEX "interactions_open_received_at_idx" ON "interactions"("received_at", "id") WHERE "open_deadline_at" IS NOT NULL;

-- A platform and a category chosen together (Instagram's complaints) read their own items in page order
-- instead of every item: with a search on top, one item in ~3,600 matched and ~94,000 rows were fetched.
CREATE INDEX "interactions_platform_category_received_at_id_idx" ON "interactions"("platform", "category", "received_at", "id");

-- migrate:down
DROP INDEX "interactions_platform_category_received_at_id_idx";
DROP INDEX "interactions_open_received_at_idx";
DROP TRIGGER "dispositions_open_deadline" ON "dispositions";
DROP FUNCTION siar_interaction_open_deadline();
ALTER TABLE "interactions" DROP COLUMN "open_deadline_at";
