import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import pino, { type DestinationStream, type Logger } from "pino";

// One logger for the web app and the worker. Two things are added to every line:
//  - the context of the request or job it belongs to (requestId or jobId, and what it is), carried
//    through async calls with AsyncLocalStorage, so one request's lines can be followed;
//  - redaction by key name at any depth: a token nested in an error's details or in a job's payload is
//    replaced before the line is written (pino's own `redact` paths reach only the levels they name).

/** Keys whose values never reach a log line, compared without case, `_` or `-`. */
const SECRET_KEYS = new Set(
  [
    "password",
    "passwordHash",
    "accessToken",
    "refreshToken",
    "accessTokenEnc",
    "refreshTokenEnc",
    "webhookSecretEnc",
    "token",
    "authorization",
    "cookie",
    "setCookie",
    "clientSecret",
    "secret",
    "codeVerifier",
    "authorizationCode",
  ].map((k) => normalize(k)),
);

function normalize(key: string): string {
  return key.toLowerCase().replace(/[-_]/g, "");
}

function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(normalize(key));
}

const CENSOR = "[redacted]";

/** A copy of `value` with every secret-named field replaced, at any depth (arrays, errors, cycles). */
export function redactSecrets(value: unknown, seen = new WeakSet<object>()): unknown {
  if (value === null || typeof value !== "object") return value;
  if (seen.has(value)) return "[circular]";
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v, seen));
  const source: Record<string, unknown> =
    value instanceof Error
      ? {
          type: value.name,
          message: value.message,
          stack: value.stack,
          ...(value as unknown as Record<string, unknown>),
        }
      : (value as Record<string, unknown>);
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(source)) {
    out[key] = isSecretKey(key) && v != null ? CENSOR : redactSecrets(v, seen);
  }
  return out;
}

type LogContext = { requestId?: string; jobId?: string; [key: string]: unknown };
const context = new AsyncLocalStorage<LogContext>();

/** Runs `fn` with `fields` added to every log line written inside it (however deep the calls go). */
export function withLogContext<T>(fields: LogContext, fn: () => T): T {
  return context.run({ ...context.getStore(), ...fields }, fn);
}

/** The id of the request being served: the caller's `x-request-id` when it looks like one, else a new id. */
export function requestIdFrom(headers: Headers | null | undefined): string {
  const given = headers?.get("x-request-id");
  return given && /^[A-Za-z0-9._-]{8,64}$/.test(given) ? given : randomUUID();
}

/** A logger writing to `destination` (stdout by default); tests pass a stream of their own. */
export function createLogger(destination?: DestinationStream, level = process.env.LOG_LEVEL ?? "info"): Logger {
  const base = pino(
    {
      level,
      base: { service: process.env.SIAR_SERVICE ?? "web" },
      mixin: () => context.getStore() ?? {},
      formatters: { log: (object) => redactSecrets(object) as Record<string, unknown> },
      // redactSecrets already turned errors into plain fields (name, message, stack and their own fields).
      serializers: { err: (err: unknown) => err },
    },
    destination,
  );
  // A child's bindings are written on each of its lines without passing the formatter above. Children
  // are made with Object.create(parent), so they inherit this wrapper too.
  const proto = Object.getPrototypeOf(base) as Logger;
  base.child = function (this: Logger, bindings, options) {
    return proto.child.call(this, redactSecrets(bindings) as typeof bindings, options);
  } as Logger["child"];
  return base;
}

export const logger = createLogger();
