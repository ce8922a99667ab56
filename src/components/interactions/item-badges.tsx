import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { isOverdue } from "@/lib/interactions";

const stateTone = {
  NEW: "blue",
  TRIAGED: "slate",
  FORWARDED: "amber",
  ANSWERED: "green",
  REPLIED: "green",
  CLOSED: "slate",
} as const;

/** State, category, urgency and the latest disposition's deadline of an item, as words (never colour alone). */
export async function ItemBadges({
  state,
  category,
  urgent,
  disposition,
}: {
  state: keyof typeof stateTone;
  category: string | null;
  urgent: boolean;
  disposition?: { deadlineAt: Date; answeredAt: Date | null; escalatedAt: Date | null } | null;
}) {
  const t = await getTranslations("interactions");
  return (
    <span className="flex flex-wrap gap-1.5">
      <Badge tone={stateTone[state]}>{t(`states.${state}`)}</Badge>
      <Badge>{category ? t(`categories.${category}`) : t("uncategorised")}</Badge>
      {urgent && (
        <span className="inline-flex items-center rounded-full bg-red-700 px-2 py-0.5 text-xs font-bold text-white">
          {t("urgent")}
        </span>
      )}
      {disposition && isOverdue(disposition) && (
        <span
          data-testid="overdue"
          className="inline-flex items-center rounded-full bg-red-50 px-2 py-0.5 text-xs font-bold text-red-800 ring-1 ring-inset ring-red-600/40"
        >
          {t("overdue")}
        </span>
      )}
      {disposition?.escalatedAt && <Badge tone="red">{t("escalated")}</Badge>}
    </span>
  );
}
