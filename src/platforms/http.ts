import { Agent as HttpAgent, request as httpRequest } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { createReadStream, openAsBlob } from "node:fs";
import { stat } from "node:fs/promises";
import { isSafeNumber, parse as parseLossless } from "lossless-json";
import type { z } from "zod";
import type { PlatformState, PublishOutcome } from "@/platforms/types";

// One HTTP wrapper for all adapters. Its main job is to say whether a failed call could have
// reached the platform: a refused connection never did (safe to retry), a timeout or a reset
// after sending might have (the outcome is unknown, so the target must not be posted again blind).

export type HttpResponse = {
  kind: "response";
  status: number;
  headers: Pick<Headers, "get">;
  body: unknown;
  text: string;
};
export type HttpFailure = { kind: "network"; maybeSent: boolean; message: string };
export type HttpResult = HttpResponse | HttpFailure;

const NEVER_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

function causeCode(error: unknown): string | undefined {
  const cause =
    error instanceof Error
      ? (((error as { code?: unknown }).code !== undefined ? error : error.cause) as { code?: unknown } | undefined)
      : undefined;
  return typeof cause?.code === "string" ? cause.code : undefined;
}

function failure(error: unknown, timeoutMs: number): HttpFailure {
  const code = causeCode(error);
  if (code && NEVER_SENT.has(code)) return { kind: "network", maybeSent: false, message: `Network error: ${code}` };
  const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
  return {
    kind: "network",
    maybeSent: true,
    message: timedOut ? `No answer within ${timeoutMs} ms` : `Connection lost: ${code ?? String(error)}`,
  };
}

function answer(status: number, headers: Pick<Headers, "get">, text: string): HttpResponse {
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return { kind: "response", status, headers, body, text };
}

// Keep-alive agents shared by every adapter: a worker publishing 1,000 targets reuses its
// connections instead of opening one per call. Room for a socket per job in hand (WORKER_CONCURRENCY
// may go up to 1,000): a call waiting for a free socket would spend its timeout before it is sent.
// node:http costs far less CPU per call than fetch (no web streams), which matters when the worker's
// event loop is the bottleneck; fetch stays for multipart bodies (FormData), which only media uploads send.
const agents = {
  "http:": new HttpAgent({ keepAlive: true, maxSockets: 1_024, maxFreeSockets: 256 }),
  "https:": new HttpsAgent({ keepAlive: true, maxSockets: 1_024, maxFreeSockets: 256 }),
};

/** Bytes [start, end) of a stored file, sent straight from disk: a 500 MB video going to 100 accounts
 * must not be held in memory 100 times. */
export class FileSlice {
  constructor(
    readonly filePath: string,
    readonly start: number,
    readonly end: number,
  ) {}
  get length(): number {
    return this.end - this.start;
  }
}

type SimpleBody = string | URLSearchParams | Uint8Array | FileSlice | undefined | null;
const isSimple = (b: unknown): b is SimpleBody =>
  b === undefined ||
  b === null ||
  typeof b === "string" ||
  b instanceof URLSearchParams ||
  b instanceof Uint8Array ||
  b instanceof FileSlice;

function plainHeaders(h: HttpInit["headers"]): Record<string, string> | null {
  if (h === undefined) return {};
  if (h instanceof Headers || Array.isArray(h)) return null;
  return h;
}

function request(
  url: URL,
  init: HttpInit,
  headers: Record<string, string>,
  body: SimpleBody,
  timeoutMs: number,
): Promise<HttpResult> {
  const payload =
    body == null
      ? undefined
      : body instanceof Uint8Array || body instanceof FileSlice
        ? body
        : Buffer.from(String(body));
  const out: Record<string, string | number> = { ...headers };
  const has = (name: string) => Object.keys(out).some((k) => k.toLowerCase() === name);
  // The content types fetch would have added for these bodies.
  if (body instanceof URLSearchParams && !has("content-type"))
    out["Content-Type"] = "application/x-www-form-urlencoded;charset=UTF-8";
  if (typeof body === "string" && !has("content-type")) out["Content-Type"] = "text/plain;charset=UTF-8";
  if (payload) out["Content-Length"] = payload.length;
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise<HttpResult>((resolve) => {
    let settled = false;
    const done = (r: HttpResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    const req = send(
      url,
      { method: init.method ?? "GET", headers: out, agent: agents[url.protocol as keyof typeof agents] },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          done(
            answer(
              res.statusCode ?? 0,
              { get: (name: string) => headerValue(res.headers[name.toLowerCase()]) },
              Buffer.concat(chunks).toString("utf8"),
            ),
          ),
        );
        res.on("error", (error) => done(failure(error, timeoutMs)));
        res.on("aborted", () => done(failure(new Error("response aborted"), timeoutMs)));
      },
    );
    // The whole exchange, answer included, must finish in time, as with fetch's AbortSignal.timeout.
    const timer = setTimeout(() => {
      const error = new Error(`No answer within ${timeoutMs} ms`);
      error.name = "TimeoutError";
      done(failure(error, timeoutMs));
      req.destroy(error);
    }, timeoutMs);
    req.on("error", (error) => done(failure(error, timeoutMs)));
    if (payload instanceof FileSlice && payload.length > 0) {
      const file = createReadStream(payload.filePath, { start: payload.start, end: payload.end - 1 });
      // A file that cannot be read mid-upload leaves the request unfinished: the platform got no whole file.
      file.on("error", (error) => {
        done(failure(error, timeoutMs));
        req.destroy(error);
      });
      file.pipe(req);
    } else {
      req.end(payload instanceof FileSlice ? undefined : payload);
    }
  });
}

function headerValue(v: string | string[] | undefined): string | null {
  if (v === undefined) return null;
  return Array.isArray(v) ? v.join(", ") : v;
}

export type HttpInit = Omit<RequestInit, "body"> & { body?: RequestInit["body"] | FileSlice };

export async function http(url: string, init: HttpInit, timeoutMs: number): Promise<HttpResult> {
  const parsed = new URL(url);
  const headers = plainHeaders(init.headers);
  if (headers && isSimple(init.body) && parsed.protocol in agents)
    return request(parsed, init, headers, init.body, timeoutMs);
  try {
    const body =
      init.body instanceof FileSlice
        ? (await openAsBlob(init.body.filePath)).slice(init.body.start, init.body.end)
        : init.body;
    const res = await fetch(url, { ...init, body, signal: AbortSignal.timeout(timeoutMs) });
    return answer(res.status, res.headers, await res.text());
  } catch (error) {
    return failure(error, timeoutMs);
  }
}

/** A failure before or during a call that does not publish by itself: always safe to retry. */
export function networkTransient(f: HttpFailure): PublishOutcome {
  return { kind: "transient", message: f.message };
}

/** A failure of the call that publishes: if it may have been sent, nobody knows whether it went out. */
export function networkOnPublish(f: HttpFailure, state: PlatformState): PublishOutcome {
  return f.maybeSent ? { kind: "unknown", message: f.message, state } : { kind: "transient", message: f.message };
}

/**
 * An error answer to the call that creates the post. A 5xx (or 408) may come after the platform stored
 * the post, so unless the platform gave an idempotency key (only LINE does) the outcome is unknown:
 * UNCONFIRMED and checked before any retry, never retried blind (docs/platforms.md "What every adapter
 * returns on failure"). Refusals (4xx, 429) stay what they are: nothing was created.
 */
export function answerOnPublish(outcome: PublishOutcome, state: PlatformState): PublishOutcome {
  return outcome.kind === "transient" ? { kind: "unknown", message: outcome.message, state } : outcome;
}

/**
 * JSON whose integers may not fit a JavaScript number (TikTok's int64 post ids): those come back as
 * strings with every digit, the rest as numbers.
 */
export function parseExactJson(text: string): unknown {
  try {
    return parseLossless(text, null, (digits) => (isSafeNumber(digits) ? Number(digits) : digits));
  } catch {
    return null;
  }
}

export function parse<T>(schema: z.ZodType<T>, body: unknown): T | null {
  const r = schema.safeParse(body);
  return r.success ? r.data : null;
}

export function form(values: Record<string, string | undefined>): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== undefined) p.set(k, v);
  return p;
}

export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}${path.startsWith("/") ? path : `/${path}`}`;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function statusClass(status: number): "transient" | "auth" | "permanent" | "rate_limited" | "ok" {
  if (status >= 200 && status < 300) return "ok";
  if (status === 429) return "rate_limited";
  if (status === 401) return "auth";
  if (status >= 500 || status === 408) return "transient";
  return "permanent";
}

/** Date from a Unix-seconds header; falls back when the platform sent none. */
export function resetFromSeconds(value: string | null, fallbackMs: number, now = Date.now()): Date {
  const seconds = value ? Number(value) : NaN;
  if (Number.isFinite(seconds) && seconds * 1000 > now) return new Date(seconds * 1000);
  return new Date(now + fallbackMs);
}

export async function fileSize(filePath: string): Promise<number> {
  return (await stat(filePath)).size;
}

/** A stored file as a Blob that is read from disk as it is sent (multipart uploads through fetch). */
export function fileBlob(filePath: string, type: string): Promise<Blob> {
  return openAsBlob(filePath, { type });
}
