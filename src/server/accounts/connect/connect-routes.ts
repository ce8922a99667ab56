import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { ZodError } from "zod";
import type { ConnectRefusal } from "@/schemas/connect";
import { currentActor } from "@/server/auth/guards";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { logger } from "@/server/logger";
import { isConnectSlug } from "@/server/accounts/connect/connectors";
import { finishConnection } from "@/server/accounts/connect/finish-connection";
import { startConnection } from "@/server/accounts/connect/start-connection";

// The two route handlers of "Sambungkan akun", kept thin in src/app: both answer with redirects (the
// person is travelling between Siar and the platform), never with tokens.

/** The cookie that ties the callback to the browser that started: httpOnly, only sent to /api/oauth. */
const NONCE_COOKIE = "siar_oauth_nonce";

const appUrl = (path: string) => new URL(path, env().NEXTAUTH_URL);

function result(params: Record<string, string>): NextResponse {
  const u = appUrl("/accounts/connect/result");
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  const res = NextResponse.redirect(u, 303);
  res.cookies.delete({ name: NONCE_COOKIE, path: "/api/oauth" });
  return res;
}

const refused = (reason: ConnectRefusal, platform: string) => result({ outcome: "refused", reason, platform });

export async function startRoute(request: NextRequest, slug: string): Promise<NextResponse> {
  if (!isConnectSlug(slug)) return NextResponse.json({ error: { code: "NOT_FOUND" } }, { status: 404 });
  const actor = await currentActor();
  if (!actor) return NextResponse.redirect(appUrl("/login"), 303);
  try {
    const started = await startConnection(actor, slug, { unitId: request.nextUrl.searchParams.get("unit") });
    const res = NextResponse.redirect(started.authorizeUrl, 303);
    res.cookies.set(NONCE_COOKIE, started.nonce, {
      httpOnly: true,
      // Lax: the platform's redirect back is a top-level GET, which carries it; nothing else cross-site does.
      sameSite: "lax",
      secure: env().NEXTAUTH_URL.startsWith("https:"),
      path: "/api/oauth",
      maxAge: 10 * 60,
    });
    return res;
  } catch (error) {
    if (error instanceof ZodError || (error instanceof AppError && error.code === "FORBIDDEN"))
      return refused("forbidden", slug);
    if (error instanceof AppError && error.messageKey === "connect.refused.notConfigured")
      return refused("notConfigured", slug);
    throw error;
  }
}

export async function callbackRoute(request: NextRequest, slug: string): Promise<NextResponse> {
  if (!isConnectSlug(slug)) return NextResponse.json({ error: { code: "NOT_FOUND" } }, { status: 404 });
  const actor = await currentActor();
  // Signed out on the way (the session ended): nothing is stored; they start again after signing in.
  if (!actor) return NextResponse.redirect(appUrl("/login"), 303);
  const outcome = await finishConnection(actor, slug, {
    query: Object.fromEntries(request.nextUrl.searchParams),
    nonce: request.cookies.get(NONCE_COOKIE)?.value,
  });
  if (outcome.kind === "refused") {
    logger.info(
      { platform: outcome.platform, actorId: actor.id, reason: outcome.reason },
      "account connection refused",
    );
    return refused(outcome.reason, slug);
  }
  if (outcome.kind === "pick") {
    // Facebook: the operator picks which of the person's Pages to register.
    const u = appUrl("/accounts/connect/pages");
    u.searchParams.set("connection", outcome.connectionId);
    const res = NextResponse.redirect(u, 303);
    res.cookies.delete({ name: NONCE_COOKIE, path: "/api/oauth" });
    return res;
  }
  return result({ outcome: "connected", account: outcome.accountId, platform: slug });
}
