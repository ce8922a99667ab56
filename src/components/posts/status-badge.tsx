import { getTranslations } from "next-intl/server";
import { statusColours } from "./status-colours";

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
