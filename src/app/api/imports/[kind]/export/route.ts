import type { NextRequest } from "next/server";
import { requireActor } from "@/server/auth/guards";
import { handleDownload } from "@/server/http/file-response";
import { exportSheet } from "@/server/imports/export-sheet";

type Context = { params: Promise<{ kind: string }> };

/** GET /api/imports/units|accounts/export?format=csv|xlsx: everything the reader may import, in the import's columns (it imports back unchanged). */
export async function GET(request: NextRequest, { params }: Context) {
  return handleDownload(async () =>
    exportSheet(await requireActor(), (await params).kind, request.nextUrl.searchParams.get("format")),
  );
}
