import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { verifySignIn } from "@/server/auth/verify-sign-in";
import { env } from "@/server/env";

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
          return { id: user.id, email: user.email, name: user.name };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) token.sub = user.id;
        return token;
      },
      session({ session, token }) {
        // Only the id goes to the browser; roles are read from the database on every request.
        return { ...session, user: { id: token.sub, name: session.user?.name, email: session.user?.email } };
      },
    },
  };
}
