import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { mediaFilePath, storageKeyPattern } from "@/server/media/media-path";

// Public on purpose: Facebook, Instagram and LINE fetch media by URL. Keys are random uuids.
const types: Record<string, string> = {
  jpg: "image/jpeg",
  png: "image/png",
  gif: "image/gif",
  mp4: "video/mp4",
  mov: "video/quicktime",
};

export async function GET(_request: Request, { params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  if (!storageKeyPattern.test(key)) return new Response("Not found", { status: 404 });
  const file = mediaFilePath(key);
  const info = await stat(file).catch(() => null);
  if (!info) return new Response("Not found", { status: 404 });
  const stream = Readable.toWeb(createReadStream(file)) as ReadableStream;
  return new Response(stream, {
    headers: {
      "content-type": types[key.split(".").pop()!] ?? "application/octet-stream",
      "content-length": String(info.size),
      "cache-control": "public, max-age=31536000, immutable",
    },
  });
}
