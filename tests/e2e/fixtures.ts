import { test as base, expect, type Locator, type Page } from "@playwright/test";
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

/**
 * Waits until React has hydrated a server-rendered control. Filling a field that already holds a value (a
 * textarea prefilled with the function's answer) before hydration loses the selection when React takes the
 * element over, and the typed text lands beside the old value instead of replacing it.
 */
export async function hydrated(control: Locator): Promise<void> {
  await expect
    .poll(() => control.evaluate((el) => Object.keys(el).some((k) => k.startsWith("__reactProps"))), {
      timeout: 30_000,
    })
    .toBe(true);
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
