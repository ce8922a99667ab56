import "server-only";
import { AppError } from "@/server/errors";

/**
 * A multipart body read with a cap: a declared length over the cap is refused before a byte is read, and an
 * undeclared one is counted while it streams in, so an oversized upload never sits whole in memory.
 */
export async function readUploadForm(request: Request, maxBytes: number, tooLarge: () => AppError): Promise<FormData> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body?.getReader();
  for (;;) {
    const chunk = reader ? await reader.read() : { done: true as const, value: undefined };
    if (chunk.done) break;
    total += chunk.value.byteLength;
    if (total > maxBytes) {
      await reader?.cancel();
      throw tooLarge();
    }
    chunks.push(chunk.value);
  }
  const body = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.byteLength;
  }
  try {
    return await new Response(body, {
      headers: { "content-type": request.headers.get("content-type") ?? "" },
    }).formData();
  } catch {
    throw new AppError("VALIDATION", "validation", { file: "required" });
  }
}
