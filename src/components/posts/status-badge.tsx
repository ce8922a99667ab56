import { getTranslations } from "next-intl/server";
import { statusColours } from "./status-colours";

/**
 * Not a stored status: the targets of an approved broadcast that its fan-out job has not scheduled yet are still
 * PENDING_APPROVAL in the database, but nobody has to decide anything about them (docs/decisions/0012-national-scale.md).
 */
export const BEING_SCHEDULED = "BEING_SCHEDULED";

export async function StatusBadge({ status }: { status: string }) {
  const t = await getTranslations("targetStatus");
  return (
    <span
      data-status={status}
      className={`inline-block rounded-full px-2 py-0.5 text-xs font-semibold ${statusColours[status] ?? "bg-slate-100"}`}
    >
      {t(status)}
    </span>
  );
}
