import { open, stat } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { sniff, type Sniffed } from "@/emulator/sniff";
import type { ArrivedPost } from "@/emulator/control-schema";
import type { EmulatorState } from "@/emulator/state";

// Facebook, Instagram and LINE take media by URL and fetch it themselves; the emulator does the same, so it
// can refuse what they refuse (a PNG to Instagram, an oversized LINE preview) by looking at the bytes.
//
// The local app (docs/platforms.md "The emulator"): when the emulator runs beside Siar (`npm start`, the e2e run,
// the integration tests), it is told Siar's public address and media folder. URLs under that address are read
// from the folder instead of over the network (the tests run no web server), and that one address may be plain
// http where LINE requires HTTPS, since a local app has no certificate. Any other http:// URL is refused as
// LINE refuses it, and without a local app nothing is relaxed.

export type LocalApp = { origin: string; mediaDir: string };
export type FetchedFile = NonNullable<ArrivedPost["fetched"]>[number];

/** The record of a fetched file for the post's arrival (what a test asserts on). */
export function fetchedFile(url: string, role: FetchedFile["role"], got: FetchedMedia & { ok: true }): FetchedFile {
  const s = got.sniffed;
  const format = s.kind === "image" || s.kind === "video" ? s.format : s.kind;
  return { url, role, format, bytes: got.size, width: got.width, height: got.height };
}

export type FetchedMedia =
  | { ok: true; size: number; sniffed: Sniffed; width: number | null; height: number | null }
  | { ok: false; reason: "unreachable" | "tooLarge"; detail: string };

const storageKey = /^\/media\/([0-9a-f-]{36}\.(?:jpg|png|gif|mp4|mov))$/;

function localFile(local: LocalApp | null, url: URL): string | null {
  if (!local || url.origin !== new URL(local.origin).origin) return null;
  const key = storageKey.exec(url.pathname)?.[1];
  return key ? path.resolve(local.mediaDir, key) : null;
}

/** True when the URL is HTTPS, or the local app's own http address (the one relaxation, see above). */
export function httpsOrLocalApp(state: EmulatorState, raw: string): boolean {
  const url = safeUrl(raw);
  if (!url) return false;
  if (url.protocol === "https:") return true;
  const local = state.localApp;
  return !!local && url.protocol === "http:" && url.origin === new URL(local.origin).origin;
}

function safeUrl(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

async function dimensions(bytes: Buffer, sniffed: Sniffed) {
  if (sniffed.kind !== "image" && sniffed.kind !== "gif") return { width: null, height: null };
  try {
    const m = await sharp(bytes).metadata();
    const swap = (m.orientation ?? 1) >= 5;
    return { width: (swap ? m.height : m.width) ?? null, height: (swap ? m.width : m.height) ?? null };
  } catch {
    return { width: null, height: null };
  }
}

/**
 * Fetches a media URL as the platform would, refusing beyond `maxBytes`. Only images are read whole (for
 * their dimensions); of anything else the first bytes and the size are enough.
 */
export async function fetchMedia(state: EmulatorState, raw: string, maxBytes: number): Promise<FetchedMedia> {
  const url = safeUrl(raw);
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:"))
    return { ok: false, reason: "unreachable", detail: "not an http(s) URL" };
  const file = localFile(state.localApp, url);
  let bytes: Buffer;
  let size: number;
  if (file) {
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return { ok: false, reason: "unreachable", detail: "404" };
    size = info.size;
    if (size > maxBytes) return { ok: false, reason: "tooLarge", detail: `${size} bytes` };
    const handle = await open(file, "r");
    try {
      const head = Buffer.alloc(Math.min(size, 512));
      await handle.read(head, 0, head.length, 0);
      const sniffed = sniff(head);
      bytes = sniffed.kind === "image" || sniffed.kind === "gif" ? await handle.readFile() : head;
    } finally {
      await handle.close();
    }
  } else {
    const res = await fetch(url, { signal: AbortSignal.timeout(10_000) }).catch(() => null);
    if (!res?.ok || !res.body) return { ok: false, reason: "unreachable", detail: String(res?.status ?? "no answer") };
    const declared = Number(res.headers.get("content-length") ?? NaN);
    if (declared > maxBytes) {
      await res.body.cancel();
      return { ok: false, reason: "tooLarge", detail: `${declared} bytes` };
    }
    const chunks: Buffer[] = [];
    size = 0;
    const reader = res.body.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      size += r.value.length;
      if (size > maxBytes) {
        await reader.cancel();
        return { ok: false, reason: "tooLarge", detail: `over ${maxBytes} bytes` };
      }
      chunks.push(Buffer.from(r.value));
    }
    bytes = Buffer.concat(chunks);
  }
  const sniffed = sniff(bytes.subarray(0, 512));
  return { ok: true, size, sniffed, ...(await dimensions(bytes, sniffed)) };
}
