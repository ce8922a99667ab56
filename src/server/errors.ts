import "server-only";
// One list of error codes for use-cases; route handlers map them to HTTP status here,
// server actions turn them into a translated message (src/server/action-result.ts).
export const errorStatus = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VALIDATION: 422,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  TOO_LARGE: 413,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/** A message key ("errors" namespace unless it names another, e.g. "rules.textTooLong") and its values. */
export type FieldMessage = string | { key: string; params: Record<string, string | number> };

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** A message key in src/messages/*.json (namespace "errors" unless the key names another). */
    readonly messageKey: string = code,
    readonly fieldErrors: Record<string, FieldMessage> = {},
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${code}: ${messageKey}`);
    this.name = "AppError";
  }
}

export const forbidden = () => new AppError("FORBIDDEN", "forbidden");
export const notFound = () => new AppError("NOT_FOUND", "notFound");
