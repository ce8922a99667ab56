import "server-only";
import { AppError } from "@/server/errors";

/** The request body as JSON; a body that is not an object is a validation error, not a crash. */
export async function readJson(request: Request): Promise<Record<string, unknown>> {
  const body: unknown = await request.json().catch(() => null);
  if (!body || typeof body !== "object" || Array.isArray(body))
    throw new AppError("VALIDATION", "validation", { _form: "invalidValue" });
  return body as Record<string, unknown>;
}
