import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Media } from "@/generated/prisma/client";
import { uploadMediaSchema, type MediaView } from "@/schemas/media";
import { assertCan, type Actor } from "@/server/auth/guards";
import { db } from "@/server/db";
import { AppError, notFound } from "@/server/errors";
import { mediaFilePath, mediaPublicUrl } from "@/server/media/media-path";
import { acceptedTypes, maxBytes, probe, sniffType, type AcceptedType } from "@/server/media/probe-media";

const extension = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/gif": "gif",
  "video/mp4": "mp4",
  "video/quicktime": "mov",
} as const;

export function toMediaView(m: Media): MediaView {
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
  try {
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
      },
    });
    return toMediaView(media);
  } catch (error) {
    // No row, no file: an upload is whole or absent.
    await rm(file, { force: true });
    throw error;
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
