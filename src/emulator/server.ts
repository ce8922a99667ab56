import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { EmulatedPlatform } from "@/emulator/control-schema";
import { makeHold, makeSend, parseParams, readBody, type Ctx } from "@/emulator/context";
import { handleConnect } from "@/emulator/connect-servers";
import { handleControl } from "@/emulator/control";
import { handleFacebook } from "@/emulator/platforms/facebook";
import { handleInstagram } from "@/emulator/platforms/instagram";
import { handleLine } from "@/emulator/platforms/line";
import { handleTiktok } from "@/emulator/platforms/tiktok";
import { handleX } from "@/emulator/platforms/x";
import { handleGoogleOauth, handleYoutube } from "@/emulator/platforms/youtube";
import { EmulatorState } from "@/emulator/state";

// The local platform emulator: one node:http server, each platform under its path prefix
// (the same prefixes .env.example gives the *_BASE_URL variables), state in memory.

type Handler = (ctx: Ctx) => Promise<boolean>;

const prefixes: { prefix: string; platform: EmulatedPlatform; handle: Handler }[] = [
  { prefix: "/x", platform: "x", handle: handleX },
  { prefix: "/facebook", platform: "facebook", handle: handleFacebook },
  { prefix: "/instagram", platform: "instagram", handle: handleInstagram },
  { prefix: "/line", platform: "line", handle: handleLine },
  { prefix: "/youtube", platform: "youtube", handle: handleYoutube },
  { prefix: "/google-oauth", platform: "youtube", handle: handleGoogleOauth },
  { prefix: "/tiktok", platform: "tiktok", handle: handleTiktok },
];

export type Emulator = { server: Server; state: EmulatorState; port: number; url: string; close: () => Promise<void> };

async function route(req: IncomingMessage, res: ServerResponse, state: EmulatorState): Promise<void> {
  const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "127.0.0.1"}`);
  if (url.pathname.startsWith("/__control/")) return handleControl(req, res, state, url);
  const entry = prefixes.find((p) => url.pathname === p.prefix || url.pathname.startsWith(`${p.prefix}/`));
  const send = makeSend(res);
  if (!entry) return send(404, { error: "No emulated platform at this path" });
  const raw = await readBody(req);
  if (state.config.latencyMs > 0) await new Promise((r) => setTimeout(r, state.config.latencyMs));
  const { params, json } = parseParams(url.searchParams, String(req.headers["content-type"] ?? ""), raw);
  const ctx: Ctx = {
    platform: entry.platform,
    method: req.method ?? "GET",
    path: url.pathname.slice(entry.prefix.length) || "/",
    query: url.searchParams,
    headers: req.headers,
    raw,
    params,
    json,
    base: `${url.origin}${entry.prefix}`,
    state,
    send,
    hold: makeHold(res),
    drop: () => req.socket.destroy(),
    bearer: () => /^Bearer\s+(.+)$/i.exec(String(req.headers.authorization ?? ""))?.[1]?.trim() ?? "",
  };
  // Connecting accounts (consent pages, token exchanges, identity) first, then the publishing emulation.
  if (entry.prefix !== "/google-oauth" && (await handleConnect(ctx))) return;
  if (!(await entry.handle(ctx))) send(404, { error: `Not emulated: ${ctx.method} ${entry.prefix}${ctx.path}` });
}

/** Starts the emulator; port 0 picks a free port (tests read it from the result). */
export async function startEmulator(options: {
  port: number;
  host?: string;
  state?: EmulatorState;
}): Promise<Emulator> {
  const state = options.state ?? new EmulatorState();
  const server = createServer((req, res) => {
    route(req, res, state).catch((error: unknown) => {
      makeSend(res)(500, { error: `Emulator failure: ${error instanceof Error ? error.message : String(error)}` });
    });
  });
  // Keep-alive connections are reused by fetch; close them on shutdown instead of waiting.
  server.keepAliveTimeout = 5_000;
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    state,
    port,
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
