import "server-only";
import { getTranslations } from "next-intl/server";
import { ZodError } from "zod";
import { AppError } from "@/server/errors";
import { logger } from "@/server/logger";
import { localizeIssues } from "@/server/localize-zod";
import { withRequestLog } from "@/server/request-log";

import type { ActionResult } from "@/lib/action-result";

export type { ActionResult };

/**
 * Runs a server action body and turns every failure into a translated message.
 * Use-cases throw ZodError or AppError and change nothing (they run in one transaction);
 * anything else is logged and reported as unexpected.
 */
export async function runAction<T>(body: () => Promise<T>): Promise<ActionResult<T>> {
  return withRequestLog("action", async () => {
    try {
      return { ok: true, data: await body() };
    } catch (error) {
      return { ok: false, ...(await describeError(error)) };
    }
  });
}

export async function describeError(error: unknown) {
  const t = await getTranslations("errors");
  if (error instanceof ZodError) {
    return { code: "VALIDATION", message: t("validation"), fieldErrors: localizeIssues(error.issues, t) };
  }
  if (error instanceof AppError) {
    const all = await getTranslations();
    const say = (key: string, params: Record<string, string | number>) =>
      all(key.includes(".") ? key : `errors.${key}`, params);
    const fieldErrors = Object.fromEntries(
      Object.entries(error.fieldErrors).map(([field, m]) => [
        field,
        typeof m === "string" ? say(m, error.params) : say(m.key, m.params),
      ]),
    );
    return { code: error.code, message: say(error.messageKey, error.params), fieldErrors };
  }
  // Next.js signals redirects and notFound with thrown errors; they must pass through.
  if (
    error instanceof Error &&
    "digest" in error &&
    typeof error.digest === "string" &&
    error.digest.startsWith("NEXT_")
  ) {
    throw error;
  }
  // A text the schemas let through that PostgreSQL cannot store (a NUL byte): the database refused it, so
  // nothing was written, and it is the request's fault, not the server's (decision 0009).
  if (
    error instanceof Error &&
    /invalid byte sequence|unsupported Unicode escape sequence|22021|22P05/.test(error.message)
  ) {
    return { code: "VALIDATION", message: t("validation"), fieldErrors: { _form: t("textInvalidCharacters") } };
  }
  logger.error({ err: error }, "server action failed");
  return { code: "UNEXPECTED", message: t("unexpected"), fieldErrors: {} };
}
