import "server-only";
import { AppError } from "@/server/errors";
import { readCappedBody } from "@/server/http/read-body";

/**
 * The most a JSON body of a route handler may carry: the same 2 MB as a server action's body
 * (`SERVER_ACTION_BODY_LIMIT`), far above the largest real one (a post with every platform's text at its
 * longest), and far below Next's own 10 MB, so a flood of large bodies is refused before it is parsed.
 */
export const JSON_BODY_LIMIT = 2 * 1024 * 1024;

/**
 * The request body as JSON. A body over `JSON_BODY_LIMIT` answers 413 (`TOO_LARGE`) and is not read further;
 * a body that is not an object is a validation error, not a crash.
 */
export async function readJson(request: Request, maxBytes = JSON_BODY_LIMIT): Promise<Record<string, unknown>> {
  const raw = await readCappedBody(request, maxBytes);
  if (!raw)
    throw new AppError(
      "TOO_LARGE",
      "jsonTooLarge",
      { _form: "jsonTooLarge" },
      { maxMb: Math.round((maxBytes / 1024 / 1024) * 10) / 10 },
    );
  let body: unknown = null;
  try {
    body = JSON.parse(new TextDecoder().decode(raw));
  } catch {
    body = null;
  }
  if (!body || typeof body !== "object" || Array.isArray(body))
    throw new AppError("VALIDATION", "validation", { _form: "invalidValue" });
  return body as Record<string, unknown>;
}
