import { describe, expect, it } from "vitest";
import { LOCK_AFTER, SignInError, verifySignIn } from "@/server/auth/verify-sign-in";
import { db } from "@/server/db";
import { createUser, DEMO_PASSWORD } from "../../factories/users";

async function attempt(email: string, password: string): Promise<string> {
  try {
    await verifySignIn(email, password);
    return "OK";
  } catch (e) {
    return e instanceof SignInError ? e.reason : "ERROR";
  }
}

describe("sign-in", () => {
  it("accepts the right password, case-insensitively on the email", async () => {
    const user = await createUser(db, { email: `Budi.${Date.now()}@siar.test` });
    expect(await attempt(user.email.toUpperCase(), DEMO_PASSWORD)).toBe("OK");
  });

  it("refuses a wrong password and an unknown email with the same answer", async () => {
    const user = await createUser(db);
    expect(await attempt(user.email, "salah")).toBe("INVALID");
    expect(await attempt(`nobody-${Date.now()}@siar.test`, DEMO_PASSWORD)).toBe("INVALID");
  });

  it("locks the account after repeated failures, even for the right password, until the lock runs out", async () => {
    const user = await createUser(db);
    const results: string[] = [];
    for (let i = 0; i < LOCK_AFTER; i++) results.push(await attempt(user.email, `salah-${i}`));
    expect(results.slice(0, -1)).toEqual(Array.from({ length: LOCK_AFTER - 1 }, () => "INVALID"));
    expect(results.at(-1)).toBe("LOCKED");
    expect(await attempt(user.email, DEMO_PASSWORD)).toBe("LOCKED");

    await db.user.update({ where: { id: user.id }, data: { lockedUntil: new Date(Date.now() - 1_000) } });
    expect(await attempt(user.email, DEMO_PASSWORD)).toBe("OK");
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.failedLoginCount).toBe(0);
    expect(after.lockedUntil).toBeNull();
  }, 60_000);

  it("refuses a disabled user", async () => {
    const user = await createUser(db);
    await db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await attempt(user.email, DEMO_PASSWORD)).toBe("INVALID");
  });
});
