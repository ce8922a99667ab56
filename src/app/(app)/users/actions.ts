"use server";

import { runAction } from "@/server/action-result";
import { requireActor } from "@/server/auth/guards";
import { addMembership } from "@/server/users/add-membership";
import { createUser } from "@/server/users/create-user";
import { removeMembership } from "@/server/users/remove-membership";
import { resetPassword } from "@/server/users/reset-password";
import { setUserDisabled } from "@/server/users/set-user-disabled";

export async function createUserAction(input: unknown) {
  return runAction(async () => createUser(await requireActor(), input));
}

export async function setUserDisabledAction(input: unknown) {
  return runAction(async () => setUserDisabled(await requireActor(), input));
}

export async function resetPasswordAction(input: unknown) {
  return runAction(async () => resetPassword(await requireActor(), input));
}

export async function addMembershipAction(input: unknown) {
  return runAction(async () => addMembership(await requireActor(), input));
}

export async function removeMembershipAction(input: unknown) {
  return runAction(async () => removeMembership(await requireActor(), input));
}
