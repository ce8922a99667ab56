/**
 * A POST whose body streams in `chunk`-sized pieces of `fill` bytes with no declared length, as a client that
 * sends a large body without Content-Length would: `sent()` tells how much of it the reader pulled.
 */
export function streamedRequest(
  url: string,
  contentType: string,
  total: number,
  { chunk = 64 * 1024, fill = 0x20 }: { chunk?: number; fill?: number } = {},
) {
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close();
      const n = Math.min(chunk, total - sent);
      sent += n;
      controller.enqueue(new Uint8Array(n).fill(fill));
    },
  });
  const request = new Request(url, {
    method: "POST",
    body,
    headers: { "content-type": contentType },
    duplex: "half",
  } as RequestInit);
  return { request, sent: () => sent };
}
