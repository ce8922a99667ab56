import "server-only";
import type { z } from "zod";

type Translate = ((key: string, params?: Record<string, string | number>) => string) & {
  has: (key: string) => boolean;
};

/**
 * Turns zod issues into one message per field, in the reader's language.
 * Schemas in src/schemas give custom messages as keys of the "errors" namespace
 * (e.g. `{ error: "accountHandleRequired" }`); built-in checks map by issue code.
 */
export function localizeIssues(issues: readonly z.core.$ZodIssue[], t: Translate): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const field = issue.path.map(String).join(".") || "_form";
    if (out[field]) continue;
    out[field] = messageFor(issue, t);
  }
  return out;
}

function messageFor(issue: z.core.$ZodIssue, t: Translate): string {
  if (t.has(issue.message)) return t(issue.message);
  switch (issue.code) {
    case "too_big":
      return issue.origin === "string"
        ? t("tooLong", { max: Number(issue.maximum) })
        : t("tooBig", { max: Number(issue.maximum) });
    case "too_small":
      if (issue.origin === "string" && Number(issue.minimum) === 1) return t("required");
      return issue.origin === "string"
        ? t("tooShort", { min: Number(issue.minimum) })
        : t("tooSmall", { min: Number(issue.minimum) });
    case "invalid_type":
      return issue.input === undefined || issue.input === null ? t("required") : t("invalidValue");
    case "invalid_value":
      return t("invalidOption");
    case "invalid_format":
      if (issue.format === "uuid") return t("invalidId");
      if (issue.format === "url") return t("invalidUrl");
      if (issue.format === "email") return t("invalidEmail");
      return t("invalidValue");
    default:
      return t("invalidValue");
  }
}
