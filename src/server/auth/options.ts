import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { endSessions, sessionIsCurrent } from "@/server/auth/session-version";
import { verifySignIn } from "@/server/auth/verify-sign-in";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { logger } from "@/server/logger";

/** Thrown by the jwt callback for a cookie whose session has ended; next-auth then clears the cookie. */
class SessionEnded extends Error {
  constructor() {
    super("session ended");
  }
}

export function authOptions(): NextAuthOptions {
  return {
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: env().SESSION_MAX_AGE_MINUTES * 60, updateAge: 5 * 60 },
    jwt: { maxAge: env().SESSION_MAX_AGE_MINUTES * 60 },
    pages: { signIn: "/login" },
    providers: [
      CredentialsProvider({
        name: "Siar",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(credentials) {
          const user = await verifySignIn(credentials?.email ?? "", credentials?.password ?? "");
          const signedIn = { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
          return signedIn;
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.sv = (user as { sessionVersion?: number }).sessionVersion;
          return token;
        }
        // Every read of the session (the guards, /api/auth/session) checks that it has not ended
        // (decision 0009). Throwing makes next-auth answer "no session" and clear the cookie instead of
        // renewing it.
        if (!(await sessionIsCurrent(token))) throw new SessionEnded();
        return token;
      },
      session({ session, token }) {
        // Only the id goes to the browser; roles are read from the database on every request.
        return { ...session, user: { id: token.sub, name: session.user?.name, email: session.user?.email } };
      },
    },
    events: {
      // Signing out ends every session of the user, on every device, not only this cookie.
      async signOut({ token }) {
        if (token?.sub) await endSessions(db, token.sub);
      },
    },
    logger: {
      error(code, metadata) {
        if (code === "JWT_SESSION_ERROR" && metadata instanceof SessionEnded) return;
        // The code and message only: next-auth's metadata can hold request details.
        logger.error({ code, message: metadata instanceof Error ? metadata.message : undefined }, "next-auth error");
      },
      warn(code) {
        logger.warn({ code }, "next-auth warning");
      },
      debug() {},
    },
  };
}
