// What a file is, by its first bytes, as a platform decides before it accepts it (the name and the declared
// type are not trusted). Enough to tell the media kinds the platforms separate: still images (and which
// format), animated GIF, video.

export type Sniffed =
  | { kind: "image"; format: "jpeg" | "png" | "webp" | "bmp" | "tiff" }
  | { kind: "gif" }
  | { kind: "video"; format: "mp4" | "webm" | "mp2t" }
  | { kind: "unknown" };

const starts = (b: Uint8Array, bytes: readonly number[], at = 0) => bytes.every((x, i) => b[at + i] === x);
const ascii = (b: Uint8Array, text: string, at = 0) =>
  starts(
    b,
    [...text].map((c) => c.charCodeAt(0)),
    at,
  );

export function sniff(head: Uint8Array): Sniffed {
  if (starts(head, [0xff, 0xd8, 0xff])) return { kind: "image", format: "jpeg" };
  if (starts(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: "image", format: "png" };
  if (ascii(head, "GIF87a") || ascii(head, "GIF89a")) return { kind: "gif" };
  if (ascii(head, "RIFF") && ascii(head, "WEBP", 8)) return { kind: "image", format: "webp" };
  if (ascii(head, "BM")) return { kind: "image", format: "bmp" };
  if (ascii(head, "II*\0") || ascii(head, "MM\0*")) return { kind: "image", format: "tiff" };
  // ISO base media (MP4, MOV): a box whose type is "ftyp" at offset 4.
  if (ascii(head, "ftyp", 4)) return { kind: "video", format: "mp4" };
  if (starts(head, [0x1a, 0x45, 0xdf, 0xa3])) return { kind: "video", format: "webm" };
  if (head[0] === 0x47 && head[188] === 0x47) return { kind: "video", format: "mp2t" };
  return { kind: "unknown" };
}
