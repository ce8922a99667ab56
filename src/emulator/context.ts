import type { IncomingMessage, ServerResponse } from "node:http";
import type { EmulatedPlatform, Fault } from "@/emulator/control-schema";
import type { EmulatorState } from "@/emulator/state";

// One request as the platform handlers see it: the path below the platform prefix, parsed
// parameters (query, form or JSON merged, as the real APIs accept either), and reply helpers.

export type Ctx = {
  platform: EmulatedPlatform;
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  raw: Buffer;
  /** Query, form-encoded and JSON body fields, flattened to strings. */
  params: Map<string, string>;
  json: unknown;
  /** This platform's base URL as the client reached it, for absolute URLs (upload sessions). */
  base: string;
  state: EmulatorState;
  send: (status: number, body: unknown, headers?: Record<string, string>) => void;
  /** Hold the answer (a platform that accepted but is slow, or never answers in time). */
  hold: (ms: number) => Promise<void>;
  bearer: () => string;
  /** Cut the connection without an answer. */
  drop: () => void;
};

/** Every kind that strikes the call creating a post. */
export const CREATE_FAULTS = [
  "rate_limit",
  "server_error",
  "permanent",
  "timeout_after_accept",
  "server_error_after_accept",
  "drop_after_accept",
  "slow",
] as const satisfies readonly Fault["kind"][];

/**
 * After the platform stored the post: hang until the client gives up, answer a 5xx, or drop the
 * connection, as a real platform may after accepting. True when the request is finished.
 */
export async function afterAccept(
  ctx: Ctx,
  fault: Fault | null,
  serverError: (status: number) => { body: unknown; headers?: Record<string, string> },
): Promise<boolean> {
  if (fault?.kind === "timeout_after_accept") await ctx.hold(fault.delayMs);
  if (fault?.kind === "server_error_after_accept") {
    const e = serverError(fault.status);
    ctx.send(fault.status, e.body, e.headers);
    return true;
  }
  if (fault?.kind === "drop_after_accept") {
    ctx.drop();
    return true;
  }
  return false;
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

export function parseParams(
  query: URLSearchParams,
  contentType: string,
  raw: Buffer,
): { params: Map<string, string>; json: unknown } {
  const params = new Map<string, string>(query);
  let json: unknown = null;
  if (contentType.includes("application/json") && raw.length) {
    try {
      json = JSON.parse(raw.toString("utf8"));
    } catch {
      json = null;
    }
    if (json && typeof json === "object" && !Array.isArray(json)) {
      for (const [k, v] of Object.entries(json)) params.set(k, typeof v === "string" ? v : JSON.stringify(v));
    }
  } else if (contentType.includes("application/x-www-form-urlencoded")) {
    for (const [k, v] of new URLSearchParams(raw.toString("utf8"))) params.set(k, v);
  }
  return { params, json };
}

export function makeSend(res: ServerResponse) {
  return (status: number, body: unknown, headers: Record<string, string> = {}) => {
    if (res.writableEnded || res.destroyed) return;
    const text = body === null || body === undefined ? "" : typeof body === "string" ? body : JSON.stringify(body);
    // With its length known up front the answer goes out in one piece, not chunked, as the platforms send theirs.
    const length = status === 204 || status === 304 ? {} : { "content-length": String(Buffer.byteLength(text)) };
    res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...length, ...headers });
    res.end(text);
  };
}

export function makeHold(res: ServerResponse) {
  return (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      // The client gave up: stop waiting so the server can close cleanly.
      res.on("close", () => {
        clearTimeout(timer);
        resolve();
      });
    });
}
