"use server";

import { runAction } from "@/server/action-result";
import { assignAdmins } from "@/server/accounts/assign-admins";
import { connectCredentials } from "@/server/accounts/connect-credentials";
import { createAccount } from "@/server/accounts/create-account";
import { setAccountDisabled } from "@/server/accounts/set-account-disabled";
import { updateAccount } from "@/server/accounts/update-account";
import { requireActor } from "@/server/auth/guards";

// Thin doors to the use-cases: who is asking comes from the session, never from the input.
// Only ids go back to the browser.
export async function createAccountAction(input: unknown) {
  return runAction(async () => ({ id: (await createAccount(await requireActor(), input)).id }));
}

export async function updateAccountAction(input: unknown) {
  return runAction(async () => ({ id: (await updateAccount(await requireActor(), input)).id }));
}

export async function setAccountDisabledAction(input: unknown) {
  return runAction(async () => ({ id: (await setAccountDisabled(await requireActor(), input)).id }));
}

export async function connectCredentialsAction(input: unknown) {
  return runAction(async () => ({ id: (await connectCredentials(await requireActor(), input)).id }));
}

export async function assignAdminsAction(input: unknown) {
  return runAction(async () => assignAdmins(await requireActor(), input));
}
