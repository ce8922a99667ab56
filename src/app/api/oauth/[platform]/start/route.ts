import type { NextRequest } from "next/server";
import { startRoute } from "@/server/accounts/connect/connect-routes";

/** GET /api/oauth/<platform>/start?unit=<id>: "Sambungkan akun" sends the person to the platform. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ platform: string }> }) {
  return startRoute(request, (await params).platform);
}
