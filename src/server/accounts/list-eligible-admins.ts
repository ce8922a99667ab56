import "server-only";
import { rolesWith } from "@/server/auth/policy";
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
      // Those who write posts for the unit (ADMIN, SUPERVISOR), from the policy table (decision 0009).
      memberships: { some: { unitId: { in: lineage }, role: { in: rolesWith("post.compose") } } },
    },
    select: { id: true, name: true, email: true },
    orderBy: { name: "asc" },
  });
}
