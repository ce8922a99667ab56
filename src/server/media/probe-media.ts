import "server-only";
import { imageSize } from "image-size";

// What Siar needs to know about an upload before any platform sees it: its kind, and the numbers
// the platform rules check (dimensions for images, duration for videos).
export const acceptedTypes = {
  "image/jpeg": "IMAGE",
  "image/png": "IMAGE",
  "image/gif": "GIF",
  "video/mp4": "VIDEO",
  "video/quicktime": "VIDEO",
} as const;

export type AcceptedType = keyof typeof acceptedTypes;

export const maxBytes = { IMAGE: 8 * 1024 * 1024, GIF: 15 * 1024 * 1024, VIDEO: 512 * 1024 * 1024 } as const;

export type Probe = {
  kind: "IMAGE" | "GIF" | "VIDEO";
  width: number | null;
  height: number | null;
  durationSec: number | null;
};

/** Reads the container's own header: the declared MIME type from the browser is not trusted. */
export function sniffType(bytes: Uint8Array): AcceptedType | null {
  const b = Buffer.from(bytes.subarray(0, 16));
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "image/jpeg";
  if (b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "image/png";
  if (b.subarray(0, 4).toString("latin1") === "GIF8") return "image/gif";
  if (b.subarray(4, 8).toString("latin1") === "ftyp") {
    return b.subarray(8, 10).toString("latin1") === "qt" ? "video/quicktime" : "video/mp4";
  }
  return null;
}

/** Duration from the MP4/QuickTime `moov/mvhd` box: timescale and duration, in version 0 or 1 layout. */
export function mp4Duration(bytes: Buffer): number | null {
  const findBox = (start: number, end: number, type: string): [number, number] | null => {
    let at = start;
    while (at + 8 <= end) {
      let size = bytes.readUInt32BE(at);
      const name = bytes.toString("latin1", at + 4, at + 8);
      let header = 8;
      if (size === 1 && at + 16 <= end) {
        size = Number(bytes.readBigUInt64BE(at + 8));
        header = 16;
      }
      if (size === 0) size = end - at;
      if (size < header) return null;
      if (name === type) return [at + header, Math.min(at + size, end)];
      at += size;
    }
    return null;
  };
  const moov = findBox(0, bytes.length, "moov");
  if (!moov) return null;
  const mvhd = findBox(moov[0], moov[1], "mvhd");
  if (!mvhd) return null;
  const version = bytes[mvhd[0]];
  const timescale = version === 1 ? bytes.readUInt32BE(mvhd[0] + 20) : bytes.readUInt32BE(mvhd[0] + 12);
  const duration = version === 1 ? Number(bytes.readBigUInt64BE(mvhd[0] + 24)) : bytes.readUInt32BE(mvhd[0] + 16);
  return timescale > 0 ? duration / timescale : null;
}

export function probe(type: AcceptedType, bytes: Buffer): Probe {
  const kind = acceptedTypes[type];
  if (kind === "VIDEO") return { kind, width: null, height: null, durationSec: mp4Duration(bytes) };
  const size = imageSize(bytes);
  return { kind, width: size.width ?? null, height: size.height ?? null, durationSec: null };
}
