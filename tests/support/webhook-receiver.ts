import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as line from "@/app/api/webhooks/line/route";
import * as meta from "@/app/api/webhooks/meta/route";

// Siar's webhook routes on a real HTTP port, for the emulator to deliver to (the integration tests run no web
// server): each request becomes a web Request handed to the route module Next would call, and its Response
// goes back as it is.

export type WebhookReceiver = { url: string; lineUrl: string; metaUrl: string; close: () => Promise<void> };

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = `http://${req.headers.host ?? "127.0.0.1"}${req.url ?? "/"}`;
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const request = new Request(url, {
        method: req.method,
        headers,
        ...(req.method === "POST" ? { body: Buffer.concat(chunks) } : {}),
      });
      const path = new URL(url).pathname;
      const handled: Promise<Response> | Response | null =
        path === "/api/webhooks/line" && req.method === "POST"
          ? line.POST(request)
          : path === "/api/webhooks/meta" && req.method === "POST"
            ? meta.POST(request)
            : path === "/api/webhooks/meta" && req.method === "GET"
              ? meta.GET(request)
              : null;
      void Promise.resolve(handled ?? new Response("Not found", { status: 404 })).then(async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    lineUrl: `${url}/api/webhooks/line`,
    metaUrl: `${url}/api/webhooks/meta`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
