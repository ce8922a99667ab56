import "server-only";
import { actorCan, unitScope, type Actor } from "@/server/auth/actor";
import { db } from "@/server/db";
import { sensitiveCategories, type InteractionCategoryName } from "@/lib/interactions";

// Who opened an item marked Pengaduan or Laporan Informasi, and when (issue 16 item 7, UU 27/2022;
// docs/decisions/0011-interaksi-warga.md). Read by ADMIN and SUPERADMIN of the item's subtree
// (`interaction.privacy`), on the item's page and on /interactions/privacy.

/** Records one view of an item by a person, if its category is one whose views are logged. */
export async function logSensitiveView(
  item: { id: string; category: InteractionCategoryName | null; unitId: string },
  userId: string,
): Promise<void> {
  if (!item.category || !sensitiveCategories.includes(item.category)) return;
  await db.interactionView.create({ data: { interactionId: item.id, unitId: item.unitId, userId } });
}

const VIEWS_SHOWN = 50;

/** The latest views of one item, for someone who may read the log on its unit; otherwise null. */
export async function itemViews(actor: Actor, item: { id: string; unit: { path: string } }) {
  if (!actorCan(actor, "interaction.privacy", item.unit)) return null;
  return db.interactionView.findMany({
    where: { interactionId: item.id },
    orderBy: { viewedAt: "desc" },
    take: VIEWS_SHOWN,
    select: { id: true, viewedAt: true, user: { select: { name: true, email: true } } },
  });
}

/** The latest views of logged items anywhere in the actor's `interaction.privacy` subtrees. */
export async function subtreeViews(actor: Actor) {
  const rows = await db.interactionView.findMany({
    where: { unit: unitScope(actor, "interaction.privacy") },
    orderBy: { viewedAt: "desc" },
    take: VIEWS_SHOWN,
    select: {
      id: true,
      viewedAt: true,
      interactionId: true,
      user: { select: { name: true, email: true } },
      unit: { select: { name: true, path: true, timeZone: true } },
      interaction: { select: { category: true } },
    },
  });
  // A link to the item only for those who read items (an ADMIN); a SUPERADMIN sees the log, not the messages.
  return rows.map((r) => ({
    id: r.id.toString(),
    viewedAt: r.viewedAt,
    interactionId: r.interactionId,
    category: r.interaction.category,
    user: r.user,
    unitName: r.unit.name,
    timeZone: r.unit.timeZone,
    canOpen: actorCan(actor, "interaction.read", r.unit),
  }));
}
