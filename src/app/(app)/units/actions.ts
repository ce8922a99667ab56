"use server";

import { runAction } from "@/server/action-result";
import { requireActor } from "@/server/auth/guards";
import { createUnit } from "@/server/units/create-unit";
import { updateUnit } from "@/server/units/update-unit";

export async function createUnitAction(input: unknown) {
  return runAction(async () => ({ id: (await createUnit(await requireActor(), input)).id }));
}

export async function updateUnitAction(input: unknown) {
  return runAction(async () => ({ id: (await updateUnit(await requireActor(), input)).id }));
}
