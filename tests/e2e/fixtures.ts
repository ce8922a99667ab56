import { test as base, expect, type Page } from "@playwright/test";
import { encode } from "next-auth/jwt";
import { createPrismaClient } from "../../src/server/db";

// Signs in by writing a session cookie, as next-auth would after a real sign-in
// (the sign-in form itself has its own test in auth.spec.ts).
export const db = createPrismaClient(process.env.DATABASE_URL);

export async function loginAs(page: Page, email: string): Promise<void> {
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  const token = await encode({
    token: { sub: user.id, name: user.name, email: user.email, sv: user.sessionVersion },
    secret: process.env.NEXTAUTH_SECRET!,
  });
  await page.context().addCookies([
    {
      name: "next-auth.session-token",
      value: token,
      domain: "127.0.0.1",
      path: "/",
      httpOnly: true,
      sameSite: "Lax",
    },
  ]);
}

export const test = base.extend<{ asUser: (email: string) => Promise<Page> }>({
  asUser: async ({ page }, use) => {
    await use(async (email: string) => {
      await loginAs(page, email);
      return page;
    });
  },
});

export { expect };
