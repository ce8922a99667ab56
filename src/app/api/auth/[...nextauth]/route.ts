import NextAuth from "next-auth";
import { authOptions } from "@/server/auth/options";

type RouteContext = { params: Promise<{ nextauth: string[] }> };
// next-auth's NextAuth() is overloaded and typed `any` for the route form; this is that form's shape.
const routeHandler = NextAuth as unknown as (
  options: ReturnType<typeof authOptions>,
) => (req: Request, ctx: RouteContext) => Promise<Response>;

const handler = (req: Request, ctx: RouteContext) => routeHandler(authOptions())(req, ctx);

export { handler as GET, handler as POST };
