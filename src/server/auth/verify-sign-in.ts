import "server-only";
import bcrypt from "bcryptjs";
import { db } from "@/server/db";
import { logger } from "@/server/logger";

// Failed sign-ins are slowed down from the third, and the account is locked for a while after the fifth.
export const SLOWDOWN_AFTER = 3;
export const LOCK_AFTER = 5;
export const LOCK_MINUTES = 15;
const SLOWDOWN_MS = 750;
// A hash to compare against when the email is unknown, so timing does not reveal which emails exist.
const DUMMY_HASH = "$2b$10$v7JdZ6xVVUloLxtrVsrsiOAMQ2QNwiputlehZVnJvjKxiydXyLhbC";

export class SignInError extends Error {
  constructor(readonly reason: "INVALID" | "LOCKED") {
    super(reason);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function verifySignIn(rawEmail: string, password: string) {
  const email = rawEmail.trim().toLowerCase();
  if (!email || !password || email.length > 254 || password.length > 200) throw new SignInError("INVALID");
  const user = await db.user.findUnique({ where: { email } });
  const now = new Date();
  if (!user || user.disabledAt) {
    await bcrypt.compare(password, DUMMY_HASH);
    throw new SignInError("INVALID");
  }
  if (user.lockedUntil && user.lockedUntil > now) throw new SignInError("LOCKED");
  if (user.failedLoginCount >= SLOWDOWN_AFTER) await sleep(SLOWDOWN_MS);
  const ok = await bcrypt.compare(password, user.passwordHash);
  if (!ok) {
    // A lock that has run out starts a fresh count.
    const previous = user.lockedUntil && user.lockedUntil <= now ? 0 : user.failedLoginCount;
    const failed = previous + 1;
    const locked = failed >= LOCK_AFTER;
    await db.user.update({
      where: { id: user.id },
      data: {
        failedLoginCount: locked ? 0 : failed,
        lastFailedAt: now,
        lockedUntil: locked ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null,
      },
    });
    logger.warn({ userId: user.id, failed, locked }, "sign-in failed");
    throw new SignInError(locked ? "LOCKED" : "INVALID");
  }
  if (user.failedLoginCount > 0 || user.lockedUntil) {
    await db.user.update({ where: { id: user.id }, data: { failedLoginCount: 0, lockedUntil: null } });
  }
  return user;
}
