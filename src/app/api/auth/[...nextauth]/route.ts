import NextAuth, { type NextAuthOptions } from "next-auth";
import { NextResponse } from "next/server";
import { clientAddress, limitSignInAddress } from "@/server/auth/address-limit";
import { authOptions } from "@/server/auth/options";

type Context = { params: Promise<{ nextauth: string[] }> };

// next-auth 4 types its App Router handler loosely; this is what it is.
const nextAuth = NextAuth as unknown as (options: NextAuthOptions) => (req: Request, ctx: Context) => Promise<Response>;
const handler = (req: Request, ctx: Context) => nextAuth(authOptions())(req, ctx);

/**
 * Sign-in attempts are limited per address before next-auth sees them (docs/decisions/0009-trust.md): 429
 * with Retry-After. The body carries the `url` next-auth's client reads, so the form shows the reason.
 */
async function POST(req: Request, ctx: Context) {
  if ((await ctx.params).nextauth.join("/") === "callback/credentials") {
    const wait = await limitSignInAddress(clientAddress(req.headers));
    if (wait !== null) {
      const url = new URL("/login", req.url);
      url.searchParams.set("error", `RATE_LIMITED:${wait}`);
      return NextResponse.json({ url: url.toString() }, { status: 429, headers: { "Retry-After": String(wait) } });
    }
  }
  return handler(req, ctx);
}

export { handler as GET, POST };
