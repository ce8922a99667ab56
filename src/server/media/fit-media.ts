import "server-only";
import { randomUUID } from "node:crypto";
import { rm, stat } from "node:fs/promises";
import sharp, { type Metadata } from "sharp";
import { mediaFilePath } from "@/server/media/media-path";

// Fitting an uploaded image to the platforms that would refuse it as it is (docs/platforms.md "Media fitted to
// each platform", decision 0008). The original is kept untouched; each fitted copy is a file of its own next to
// it in MEDIA_DIR, made once when the image is uploaded:
// - Instagram publishes JPEG only, with an aspect ratio from 4:5 to 1.91:1, and scales anything wider than
//   1440 px down itself. A PNG becomes a JPEG; an image outside the ratios gets white margins (never cropped:
//   an official photo must not lose a face or a sign at its edge); the copy is at most 1440 px wide.
// - LINE shows `previewImageUrl` (JPEG or PNG, at most 1 MB) before the tap and the original after it. An
//   image over 1 MB gets a JPEG preview of at most 1024 px on its longest side.
// libvips streams from file to file, the cache is off, and one image is fitted at a time per process, so a burst
// of large uploads does not hold many decoded images in memory at once.

sharp.cache(false);

const instagramImage = { minRatio: 4 / 5, maxRatio: 1.91, maxWidth: 1440, maxBytes: 8 * 1024 * 1024 } as const;
/** LINE says "1 MB" and "10 MB"; we read them as decimal megabytes, the stricter reading. */
const lineImage = { previewMaxBytes: 1_000_000, originalMaxBytes: 10_000_000, previewMaxSide: 1024 } as const;

type VariantPurpose = "INSTAGRAM" | "LINE_PREVIEW";

/** What was done, for the operator (composer) and the record (media_variants.changes). */
export type FitChanges =
  | { platform: "INSTAGRAM"; from: string; converted: boolean; padded: boolean; scaled: boolean }
  | { platform: "LINE_OA"; from: string; originalBytes: number; generic?: boolean };

export type FittedVariant = {
  id: string;
  purpose: VariantPurpose;
  storageKey: string;
  mimeType: "image/jpeg";
  sizeBytes: number;
  width: number;
  height: number;
  changes: FitChanges;
};

class FitError extends Error {}

let queue: Promise<unknown> = Promise.resolve();
/** One fitting at a time in this process; the others wait their turn. */
function oneAtATime<T>(job: () => Promise<T>): Promise<T> {
  const run = queue.then(job, job);
  queue = run.catch(() => undefined);
  return run;
}

const white = { r: 255, g: 255, b: 255, alpha: 1 };
const formatName = (format: string | undefined) => (format === "jpeg" ? "JPEG" : (format ?? "?").toUpperCase());

/** The canvas Instagram accepts for an upright image of w × h: scaled to at most 1440 px wide, then padded. */
function instagramCanvas(w: number, h: number) {
  const { minRatio, maxRatio, maxWidth } = instagramImage;
  const widest = Math.max(w, Math.ceil(h * minRatio));
  const scale = Math.min(1, maxWidth / widest);
  const innerW = Math.max(1, Math.round(w * scale));
  const innerH = Math.max(1, Math.round(h * scale));
  let width = innerW,
    height = innerH;
  if (innerW / innerH < minRatio) width = Math.ceil(innerH * minRatio);
  else if (innerW / innerH > maxRatio) height = Math.ceil(innerW / maxRatio);
  return { innerW, innerH, width, height, scaled: scale < 1, padded: width !== innerW || height !== innerH };
}

async function fitInstagram(source: string, meta: Metadata): Promise<FittedVariant | null> {
  const swap = (meta.orientation ?? 1) >= 5;
  const w = (swap ? meta.height : meta.width) ?? 0;
  const h = (swap ? meta.width : meta.height) ?? 0;
  const ratio = w / h;
  const converted = meta.format !== "jpeg";
  const outside = ratio < instagramImage.minRatio || ratio > instagramImage.maxRatio;
  if (!converted && !outside) return null;
  const c = instagramCanvas(w, h);
  const left = Math.floor((c.width - c.innerW) / 2),
    top = Math.floor((c.height - c.innerH) / 2);
  const id = randomUUID();
  const storageKey = `${id}.jpg`;
  const info = await sharp(source, { sequentialRead: true })
    .rotate()
    .resize(c.innerW, c.innerH, { fit: "fill" })
    .flatten({ background: white })
    .extend({ left, right: c.width - c.innerW - left, top, bottom: c.height - c.innerH - top, background: white })
    .toColourspace("srgb")
    .jpeg({ quality: 90 })
    .toFile(mediaFilePath(storageKey));
  if (info.size > instagramImage.maxBytes) throw new FitError("Instagram copy over 8 MB");
  return {
    id,
    purpose: "INSTAGRAM",
    storageKey,
    mimeType: "image/jpeg",
    sizeBytes: info.size,
    width: info.width,
    height: info.height,
    changes: { platform: "INSTAGRAM", from: formatName(meta.format), converted, padded: c.padded, scaled: c.scaled },
  };
}

async function fitLinePreview(source: string, meta: Metadata, bytes: number): Promise<FittedVariant | null> {
  if (bytes <= lineImage.previewMaxBytes) return null;
  const id = randomUUID();
  const storageKey = `${id}.jpg`;
  // 1024 px at quality 80 is far below 1 MB for any photo; smaller steps only if an image still is not.
  for (const [side, quality] of [
    [lineImage.previewMaxSide, 80],
    [640, 70],
    [320, 60],
  ] as const) {
    const info = await sharp(source, { sequentialRead: true })
      .rotate()
      .resize(side, side, { fit: "inside", withoutEnlargement: true })
      .flatten({ background: white })
      .toColourspace("srgb")
      .jpeg({ quality })
      .toFile(mediaFilePath(storageKey));
    if (info.size <= lineImage.previewMaxBytes)
      return {
        id,
        purpose: "LINE_PREVIEW",
        storageKey,
        mimeType: "image/jpeg",
        sizeBytes: info.size,
        width: info.width,
        height: info.height,
        changes: { platform: "LINE_OA", from: formatName(meta.format), originalBytes: bytes },
      };
  }
  await rm(mediaFilePath(storageKey), { force: true });
  throw new FitError("LINE preview stays over 1 MB");
}

/**
 * The fitted copies a still image (JPEG or PNG) needs, written to MEDIA_DIR. Either every copy is written or
 * none is left behind (the error is thrown after removing what was written). GIFs and videos are not fitted.
 */
export function fitImage(storageKey: string): Promise<FittedVariant[]> {
  return oneAtATime(async () => {
    const source = mediaFilePath(storageKey);
    const written: FittedVariant[] = [];
    try {
      const [meta, { size }] = await Promise.all([sharp(source).metadata(), stat(source)]);
      if (!meta.width || !meta.height || (meta.format !== "jpeg" && meta.format !== "png"))
        throw new FitError(`not a still JPEG or PNG (${meta.format})`);
      const ig = await fitInstagram(source, meta);
      if (ig) written.push(ig);
      const preview = await fitLinePreview(source, meta, size);
      if (preview) written.push(preview);
      return written;
    } catch (error) {
      await removeVariantFiles(written);
      throw error instanceof FitError ? error : new FitError(error instanceof Error ? error.message : String(error));
    }
  });
}

/**
 * LINE's video message needs a preview image too (JPEG or PNG, at most 1 MB). Siar cannot take a frame from a
 * video yet (no decoder), so a video gets a plain dark 16:9 picture with a play sign, drawn here, and the
 * operator is told so.
 */
export function genericVideoPreview(originalBytes: number): Promise<FittedVariant> {
  return oneAtATime(async () => {
    const id = randomUUID();
    const storageKey = `${id}.jpg`;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360"><rect width="640" height="360" fill="#1e293b"/><circle cx="320" cy="180" r="64" fill="none" stroke="#fff" stroke-width="8"/><path d="M300 140 L360 180 L300 220 Z" fill="#fff"/></svg>`;
    try {
      const info = await sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toFile(mediaFilePath(storageKey));
      return {
        id,
        purpose: "LINE_PREVIEW",
        storageKey,
        mimeType: "image/jpeg",
        sizeBytes: info.size,
        width: info.width,
        height: info.height,
        changes: { platform: "LINE_OA", from: "VIDEO", originalBytes, generic: true },
      };
    } catch (error) {
      await rm(mediaFilePath(storageKey), { force: true });
      throw new FitError(error instanceof Error ? error.message : String(error));
    }
  });
}

export async function removeVariantFiles(variants: readonly { storageKey: string }[]): Promise<void> {
  await Promise.all(variants.map((v) => rm(mediaFilePath(v.storageKey), { force: true })));
}
