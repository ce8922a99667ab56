import type { NextRequest } from "next/server";
import { createAccount } from "@/server/accounts/create-account";
import { listAccounts } from "@/server/accounts/list-accounts";
import { requireActor } from "@/server/auth/guards";
import { handleRoute } from "@/server/route-handler";
import { readJson } from "@/server/http/read-json";

// The registry over HTTP, through the same use-cases (and so the same policy) as the screens.
export async function GET(request: NextRequest) {
  return handleRoute(async () => {
    const p = request.nextUrl.searchParams;
    const query = {
      unitId: p.get("unit") ?? undefined,
      platform: p.get("platform") ?? undefined,
      status: p.get("status") ?? undefined,
      q: p.get("q") ?? undefined,
      page: p.get("page") ?? undefined,
    };
    return listAccounts(await requireActor(), query);
  });
}

export async function POST(request: NextRequest) {
  return handleRoute(async () => createAccount(await requireActor(), await readJson(request)), 201);
}
