import type { NextRequest } from "next/server";
import { callbackRoute } from "@/server/accounts/connect/connect-routes";

/** GET /api/oauth/<platform>/callback: the platform sends the person back with a code (or a refusal). */
export async function GET(request: NextRequest, { params }: { params: Promise<{ platform: string }> }) {
  return callbackRoute(request, (await params).platform);
}
