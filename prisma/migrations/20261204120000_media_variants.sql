-- migrate:up
-- Copies of an uploaded image fitted to one platform (issue 12, docs/decisions/0008-real-platforms.md "Media fitted
-- to each platform"): Instagram's JPEG within its aspect ratios, LINE's preview of at most 1 MB. The original stays
-- in `media`; a variant is made once, when the image is uploaded, and stored in the same transaction as the media
-- row (one per media and purpose). `changes` says what was done, so the composer can tell the operator.
CREATE TABLE "media_variants" (
  "id" UUID NOT NULL,
  "media_id" UUID NOT NULL,
  "purpose" VARCHAR(32) NOT NULL,
  "storage_key" VARCHAR(255) NOT NULL,
  "mime_type" VARCHAR(100) NOT NULL,
  "size_bytes" INTEGER NOT NULL,
  "width" INTEGER NOT NULL,
  "height" INTEGER NOT NULL,
  "changes" JSONB NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "media_variants_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "media_variants_purpose_check" CHECK ("purpose" IN ('INSTAGRAM', 'LINE_PREVIEW'))
);
CREATE UNIQUE INDEX "media_variants_storage_key_key" ON "media_variants"("storage_key");
CREATE UNIQUE INDEX "media_variants_media_id_purpose_key" ON "media_variants"("media_id", "purpose");
ALTER TABLE "media_variants" ADD CONSTRAINT "media_variants_media_id_fkey" FOREIGN KEY ("media_id") REFERENCES "media"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- migrate:down
DROP TABLE "media_variants";
