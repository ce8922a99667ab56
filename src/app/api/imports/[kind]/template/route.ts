import type { NextRequest } from "next/server";
import { requireActor } from "@/server/auth/guards";
import { handleDownload } from "@/server/http/file-response";
import { importTemplate } from "@/server/imports/export-sheet";

type Context = { params: Promise<{ kind: string }> };

/** GET /api/imports/units|accounts/template?format=csv|xlsx: the empty template (the columns, no rows). */
export async function GET(request: NextRequest, { params }: Context) {
  return handleDownload(async () =>
    importTemplate(await requireActor(), (await params).kind, request.nextUrl.searchParams.get("format")),
  );
}
