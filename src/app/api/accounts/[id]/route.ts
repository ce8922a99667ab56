import type { NextRequest } from "next/server";
import { getAccount } from "@/server/accounts/get-account";
import { setAccountDisabled } from "@/server/accounts/set-account-disabled";
import { updateAccount } from "@/server/accounts/update-account";
import { requireActor } from "@/server/auth/guards";
import { handleRoute } from "@/server/route-handler";
import { readJson } from "@/server/http/read-json";

type Context = { params: Promise<{ id: string }> };

export async function GET(_request: NextRequest, { params }: Context) {
  return handleRoute(async () => {
    const actor = await requireActor();
    const { eligibleAdmins: _, ...account } = await getAccount(actor, (await params).id);
    return account;
  });
}

/** `{ "disabled": true|false }` alone disables or re-enables; any other body edits the account. */
export async function PATCH(request: NextRequest, { params }: Context) {
  return handleRoute(async () => {
    const actor = await requireActor();
    const { id } = await params;
    const body = await readJson(request);
    if (body && typeof body === "object" && Object.keys(body).length === 1 && "disabled" in body) {
      return setAccountDisabled(actor, { ...body, id });
    }
    return updateAccount(actor, { ...(body as object), id });
  });
}
