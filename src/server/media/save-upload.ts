import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Media, MediaVariant } from "@/generated/prisma/client";
import { uploadMediaSchema, type FitNotice, type MediaView } from "@/schemas/media";
import { assertCan, type Actor } from "@/server/auth/actor";
import { db } from "@/server/db";
import { AppError, notFound } from "@/server/errors";
import {
  fitImage,
  genericVideoPreview,
  removeVariantFiles,
  type FitChanges,
  type FittedVariant,
} from "@/server/media/fit-media";
import { mediaFilePath, mediaPublicUrl } from "@/server/media/media-path";
import { acceptedTypes, maxBytes, probe, sniffType, type AcceptedType } from "@/server/media/probe-media";

const extension = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/gif": "gif",
  "video/mp4": "mp4",
  "video/quicktime": "mov",
} as const;

type VariantFacts = Pick<MediaVariant, "purpose" | "width" | "height" | "sizeBytes" | "changes">;

/** The operator's view of a fitted copy; a row whose `changes` this code does not know is left out. */
function toFitNotice(v: VariantFacts): FitNotice | null {
  const c = v.changes as FitChanges | null;
  if (v.purpose === "INSTAGRAM" && c?.platform === "INSTAGRAM")
    return {
      platform: "INSTAGRAM",
      from: c.from,
      converted: c.converted,
      padded: c.padded,
      width: v.width,
      height: v.height,
    };
  if (v.purpose === "LINE_PREVIEW" && c?.platform === "LINE_OA")
    return {
      platform: "LINE_OA",
      width: v.width,
      height: v.height,
      sizeKb: Math.ceil(v.sizeBytes / 1000),
      originalKb: Math.ceil(c.originalBytes / 1000),
      generic: c.generic === true,
    };
  return null;
}

export function toMediaView(m: Media & { variants?: VariantFacts[] }): MediaView {
  return {
    id: m.id,
    type: m.type,
    mimeType: m.mimeType,
    fileName: m.fileName,
    sizeBytes: m.sizeBytes,
    width: m.width,
    height: m.height,
    durationSec: m.durationSec,
    altText: m.altText,
    url: mediaPublicUrl(m.storageKey),
    fitted: (m.variants ?? []).map(toFitNotice).filter((n): n is FitNotice => n !== null),
  };
}

/** Stores an upload for a post being composed in `unitId`; it is attached to the post when the draft is saved. */
export async function saveUpload(
  actor: Actor,
  input: { unitId: unknown; fileName: unknown; altText?: unknown; bytes: Buffer },
): Promise<MediaView> {
  const parsed = uploadMediaSchema.parse({
    unitId: input.unitId,
    fileName: input.fileName,
    altText: input.altText ?? undefined,
  });
  const unit = await db.unit.findUnique({ where: { id: parsed.unitId }, select: { id: true, path: true } });
  if (!unit) throw notFound();
  assertCan(actor, "post.compose", unit);

  const type = sniffType(input.bytes);
  if (!type) throw new AppError("VALIDATION", "mediaTypeNotAccepted", { file: "mediaTypeNotAccepted" });
  // The size for the kind the header names is checked before the file is parsed (decision 0009).
  const limit = maxBytes[acceptedTypes[type]];
  if (input.bytes.length > limit) {
    const params = { maxMb: Math.round(limit / 1024 / 1024) };
    throw new AppError("VALIDATION", "mediaTooLarge", { file: "mediaTooLarge" }, params);
  }
  const info = probeOrRefuse(type, input.bytes);

  const id = randomUUID();
  const storageKey = `${id}.${extension[type]}`;
  const file = mediaFilePath(storageKey);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, input.bytes);
  let variants: FittedVariant[] = [];
  try {
    // Instagram's JPEG and LINE's preview are made now, once, so the operator sees what each platform gets.
    if (info.kind === "IMAGE") variants = await fitImageOrRefuse(storageKey);
    if (info.kind === "VIDEO") variants = [await genericVideoPreview(input.bytes.length)];
    const media = await db.media.create({
      data: {
        id,
        unitId: unit.id,
        uploaderId: actor.id,
        type: info.kind,
        mimeType: type,
        fileName: parsed.fileName,
        storageKey,
        sizeBytes: input.bytes.length,
        width: info.width,
        height: info.height,
        durationSec: info.durationSec,
        altText: parsed.altText || null,
        sha256: createHash("sha256").update(input.bytes).digest("hex"),
        // In the same statement as the media row: a fitted copy exists exactly when its original does.
        variants: {
          create: variants.map((v) => ({
            id: v.id,
            purpose: v.purpose,
            storageKey: v.storageKey,
            mimeType: v.mimeType,
            sizeBytes: v.sizeBytes,
            width: v.width,
            height: v.height,
            changes: v.changes,
          })),
        },
      },
      include: { variants: true },
    });
    return toMediaView(media);
  } catch (error) {
    // No row, no file: an upload is whole or absent, with its fitted copies.
    await Promise.all([rm(file, { force: true }), removeVariantFiles(variants)]);
    throw error;
  }
}

/** A file whose header read well but whose pixels cannot be decoded is the uploader's to fix; nothing is kept. */
async function fitImageOrRefuse(storageKey: string): Promise<FittedVariant[]> {
  try {
    return await fitImage(storageKey);
  } catch {
    throw new AppError("VALIDATION", "mediaFitFailed", { file: "mediaFitFailed" });
  }
}

/** A malformed or truncated file is the uploader's mistake (422), not the server's (decision 0009). */
function probeOrRefuse(type: AcceptedType, bytes: Buffer) {
  try {
    const info = probe(type, bytes);
    if (info.kind === "VIDEO" ? info.durationSec === null : !info.width || !info.height) throw new Error("unreadable");
    return info;
  } catch {
    throw new AppError("VALIDATION", "mediaUnreadable", { file: "mediaUnreadable" });
  }
}
