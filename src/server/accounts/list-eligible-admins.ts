import "server-only";
import { db } from "@/server/db";

/**
 * People who may look after an account of the unit at `unitPath`: enabled users holding an
 * ADMIN or SUPERVISOR membership on that unit or an ancestor (LEADERSHIP changes nothing).
 */
export async function listEligibleAdmins(unitPath: string) {
  const lineage = unitPath.split("/").filter(Boolean);
  return db.user.findMany({
    where: {
      disabledAt: null,
      memberships: { some: { unitId: { in: lineage }, role: { in: ["ADMIN", "SUPERVISOR"] } } },
    },
    select: { id: true, name: true, email: true },
    orderBy: { name: "asc" },
  });
}
