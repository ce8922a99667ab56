"use server";

import { runAction } from "@/server/action-result";
import { rejectAccount } from "@/server/accounts/reject-account";
import { verifyAccounts } from "@/server/accounts/verify-accounts";
import { requireActor } from "@/server/auth/guards";

// HQ's decisions on accounts awaiting verification; the caller comes from the session.
export async function verifyAccountsAction(input: unknown) {
  return runAction(async () => verifyAccounts(await requireActor(), input));
}

export async function rejectAccountAction(input: unknown) {
  return runAction(async () => rejectAccount(await requireActor(), input));
}
