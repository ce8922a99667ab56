import type { NextRequest } from "next/server";
import { connectCredentials } from "@/server/accounts/connect-credentials";
import { requireActor } from "@/server/auth/guards";
import { handleRoute } from "@/server/route-handler";
import { readJson } from "@/server/http/read-json";

/** Connects or replaces tokens; the answer says only whether they are connected and until when. */
export async function POST(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  return handleRoute(async () =>
    connectCredentials(await requireActor(), { ...((await readJson(request)) as object), id: (await params).id }),
  );
}
