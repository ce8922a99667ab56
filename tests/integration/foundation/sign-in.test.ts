import { randomUUID } from "node:crypto";
import { hash as bcryptHash } from "@node-rs/bcrypt";
import { verify as argon2Verify } from "@node-rs/argon2";
import { describe, expect, it, vi } from "vitest";
import { ADDRESS_ATTEMPTS, limitSignInAddress } from "@/server/auth/address-limit";
import { LOCK_AFTER, REFUSAL_FLOOR_MS, SignInError, verifySignIn } from "@/server/auth/verify-sign-in";
import { db } from "@/server/db";
import { createUser, DEMO_PASSWORD } from "../../factories/users";

// Sign-in that holds under parallel attempts and tells nothing (decision 0009).

// Every argon2id check is counted: whether a refusal did the same work as another is asked of the code, not of
// a clock (wall times on a loaded two-core machine differ more than the paths do).
vi.mock("@node-rs/argon2", async (importOriginal) => {
  const original = await importOriginal<typeof import("@node-rs/argon2")>();
  return { ...original, verify: vi.fn(original.verify) };
});

async function attempt(email: string, password: string): Promise<string> {
  try {
    await verifySignIn(email, password);
    return "OK";
  } catch (e) {
    return e instanceof SignInError ? e.reason : `ERROR ${String(e)}`;
  }
}

async function lockedUntil(email: string): Promise<Date | null> {
  try {
    await verifySignIn(email, "apa-saja");
  } catch (e) {
    if (e instanceof SignInError && e.reason === "LOCKED") return e.until;
  }
  return null;
}

const unknownEmail = () => `tidak-ada-${randomUUID().slice(0, 8)}@siar.test`;

describe("sign-in", () => {
  it("accepts the right password, case-insensitively on the email", async () => {
    const user = await createUser(db, { email: `Budi.${Date.now()}@siar.test` });
    expect(await attempt(user.email.toUpperCase(), DEMO_PASSWORD)).toBe("OK");
  });

  it("refuses a wrong password and an unknown email with the same answer", async () => {
    const user = await createUser(db);
    expect(await attempt(user.email, "salah")).toBe("INVALID");
    expect(await attempt(unknownEmail(), DEMO_PASSWORD)).toBe("INVALID");
  });

  it("locks the account after repeated failures, even for the right password, until the lock runs out", async () => {
    const user = await createUser(db);
    const results: string[] = [];
    for (let i = 0; i < LOCK_AFTER; i++) results.push(await attempt(user.email, `salah-${i}`));
    expect(results.slice(0, -1)).toEqual(Array.from({ length: LOCK_AFTER - 1 }, () => "INVALID"));
    expect(results.at(-1)).toBe("LOCKED");
    expect(await attempt(user.email, DEMO_PASSWORD)).toBe("LOCKED");

    await db.$executeRaw`UPDATE sign_in_throttles SET locked_until = now() - interval '1 second' WHERE email = ${user.email}`;
    expect(await attempt(user.email, DEMO_PASSWORD)).toBe("OK");
    expect(await attempt(user.email, "salah-lagi")).toBe("INVALID");
  }, 60_000);

  it("refuses a disabled user", async () => {
    const user = await createUser(db);
    await db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await attempt(user.email, DEMO_PASSWORD)).toBe("INVALID");
  });

  it("locks the account when 40 wrong passwords arrive at once, and refuses the right one after them", async () => {
    const user = await createUser(db);
    const burst = await Promise.all(Array.from({ length: 40 }, (_, i) => attempt(user.email, `tebakan-${i}`)));
    expect(new Set(burst)).toEqual(new Set(["INVALID", "LOCKED"]));
    expect(await attempt(user.email, DEMO_PASSWORD)).toBe("LOCKED");
  }, 60_000);

  it("checks at most the first attempts of a burst: 39 wrong guesses and the right one get no more than that", async () => {
    const user = await createUser(db);
    const burst = await Promise.all([
      ...Array.from({ length: 39 }, (_, i) => attempt(user.email, `tebakan-${i}`)),
      attempt(user.email, DEMO_PASSWORD),
    ]);
    // Only the attempts counted before the lock had their password looked at.
    expect(burst.filter((r) => r !== "LOCKED").length).toBeLessThanOrEqual(LOCK_AFTER);
    expect(burst.filter((r) => r.startsWith("ERROR"))).toEqual([]);
    expect(await attempt(user.email, DEMO_PASSWORD)).toBe("LOCKED");
  }, 60_000);

  it("counts failures for an unknown email too: it locks alike, and a locked email answers alike for any password", async () => {
    const user = await createUser(db);
    const nobody = unknownEmail();
    const known: string[] = [];
    const unknown: string[] = [];
    for (let i = 0; i < LOCK_AFTER; i++) {
      known.push(await attempt(user.email, `salah-${i}`));
      unknown.push(await attempt(nobody, `salah-${i}`));
    }
    expect(unknown).toEqual(known);
    const until = await lockedUntil(nobody);
    expect(until!.getTime()).toBeGreaterThan(Date.now());
    expect(await attempt(user.email, DEMO_PASSWORD)).toBe("LOCKED");
    expect(await attempt(user.email, "salah")).toBe("LOCKED");
  }, 60_000);

  it("answers an unknown email, a wrong password and a locked account alike: the same hash work, and not before the floor", async () => {
    const locked = await createUser(db);
    for (let i = 0; i < LOCK_AFTER; i++) await attempt(locked.email, `salah-${i}`);
    const user = await createUser(db);
    await attempt(unknownEmail(), "pemanasan"); // the dummy hash is made once
    const checked = vi.mocked(argon2Verify);
    const refusal = async (email: string) => {
      checked.mockClear();
      const start = performance.now();
      const answer = await attempt(email, "kata-sandi-salah");
      return { answer, hashChecks: checked.mock.calls.length, ms: performance.now() - start };
    };
    const unknown = await refusal(unknownEmail());
    const wrong = await refusal(user.email);
    const lockedOut = await refusal(locked.email);
    // One argon2id check for an unknown email as for a known one (a dummy hash), so neither answers sooner.
    expect([unknown.answer, unknown.hashChecks]).toEqual(["INVALID", 1]);
    expect([wrong.answer, wrong.hashChecks]).toEqual(["INVALID", 1]);
    // A locked account's password is not looked at (a flood costs no hashing); the floor keeps its time alike.
    expect([lockedOut.answer, lockedOut.hashChecks]).toEqual(["LOCKED", 0]);
    for (const r of [unknown, wrong, lockedOut]) expect(r.ms).toBeGreaterThanOrEqual(REFUSAL_FLOOR_MS - 1);
  });

  it("still accepts a bcrypt hash from before and replaces it with argon2id at that sign-in", async () => {
    const user = await createUser(db);
    await db.user.update({
      where: { id: user.id },
      data: { passwordHash: await bcryptHash(DEMO_PASSWORD, 10) },
    });
    expect(await attempt(user.email, DEMO_PASSWORD)).toBe("OK");
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await attempt(user.email, DEMO_PASSWORD)).toBe("OK");
  });

  it("limits attempts per address in Redis, answering how long to wait", async () => {
    const address = `198.51.100.${Math.floor(Math.random() * 250)}-${randomUUID()}`;
    const answers: (number | null)[] = [];
    for (let i = 0; i <= ADDRESS_ATTEMPTS; i++) answers.push(await limitSignInAddress(address));
    expect(answers.slice(0, ADDRESS_ATTEMPTS)).toEqual(Array.from({ length: ADDRESS_ATTEMPTS }, () => null));
    expect(answers.at(-1)).toBeGreaterThan(0);
    expect(await limitSignInAddress(`${address}-other`)).toBeNull();
  });
});
