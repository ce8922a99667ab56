"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/server/action-result";
import { requireActor } from "@/server/auth/guards";
import { exportCitizen } from "@/server/interactions/export-citizen";
import { updateRetention } from "@/server/interactions/retention";

// Citizens' personal data (issue 16 item 7, decision 0011). Thin: the use-cases check the policy, validate and audit.

/** One citizen's items as a file the browser saves (CSV or JSON); audited. */
export async function exportCitizenAction(input: unknown) {
  return runAction(async () => exportCitizen(await requireActor(), input));
}

/** How long an organisation keeps citizens' items before the daily job anonymises them. */
export async function retentionAction(input: unknown) {
  const result = await runAction(async () => updateRetention(await requireActor(), input));
  if (result.ok) revalidatePath("/interactions", "layout");
  return result;
}
