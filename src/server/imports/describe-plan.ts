import "server-only";
import { getTranslations } from "next-intl/server";
import type { FieldMessage } from "@/server/errors";
import type { PlannedRow } from "@/server/imports/plan";

/** A preview's cell messages in the reader's language (keys name the "errors" namespace unless they say another). */
export async function describeRows(rows: Omit<PlannedRow<unknown>, "data">[]) {
  const t = await getTranslations();
  const say = (m: FieldMessage) => {
    const [key, params] = typeof m === "string" ? [m, {}] : [m.key, m.params];
    return t(key.includes(".") ? key : `errors.${key}`, params);
  };
  return rows.map((r) => ({
    ...r,
    errors: Object.fromEntries(Object.entries(r.errors).map(([column, m]) => [column, say(m)])),
  }));
}
