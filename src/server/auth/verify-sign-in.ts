import "server-only";
import { randomBytes } from "node:crypto";
import { db, type Tx } from "@/server/db";
import { logger } from "@/server/logger";
import { hashPassword, needsRehash, verifyPassword } from "@/server/users/password";

// Sign-in that holds under parallel attempts and tells nothing (docs/decisions/0009-trust.md):
// - Attempts are counted per submitted email, whether or not a user has it, in `sign_in_throttles`, and
//   counted *before* the password is checked, in one atomic statement: of any burst, at most LOCK_AFTER
//   attempts are checked at all, the rest answer LOCKED, and so does every attempt until the lock runs out.
// - Every attempt that is not locked checks exactly one hash (a dummy one for an unknown email or a disabled
//   user); every refusal takes at least REFUSAL_FLOOR_MS, so unknown, wrong and locked answer in the same
//   time. While locked the password is not looked at, so a right one answers like a wrong one.
// - Hashes are argon2id, checked off the main thread (src/server/users/password.ts).

export const LOCK_AFTER = 5;
export const LOCK_MINUTES = 15;

export class SignInError extends Error {
  constructor(
    readonly reason: "INVALID" | "LOCKED",
    /** For LOCKED: when a new attempt is counted again. */
    readonly until: Date | null = null,
  ) {
    // next-auth hands the message to the sign-in form as its `error` (login-form.tsx reads the time).
    super(until ? `${reason}:${until.toISOString()}` : reason);
  }
}

// A hash of a random secret with the app's own parameters, so a dummy check costs what a real one does.
let dummy: Promise<string> | undefined;
const dummyHash = () => (dummy ??= hashPassword(randomBytes(24).toString("base64")));

type Count = { attempts: number; locked_until: Date | null };

/** Counts one attempt for the email and says whether it may be checked (a lock that ran out starts afresh). */
async function countAttempt(email: string): Promise<Count> {
  const [row] = await db.$queryRaw<Count[]>`
    INSERT INTO sign_in_throttles AS t (email, attempts, locked_until, updated_at)
    VALUES (${email}, 1, NULL, now())
    ON CONFLICT (email) DO UPDATE SET
      attempts = CASE WHEN t.locked_until <= now() THEN 1 ELSE t.attempts + 1 END,
      locked_until = CASE
        WHEN t.locked_until <= now() THEN NULL
        WHEN t.locked_until IS NULL AND t.attempts + 1 > ${LOCK_AFTER}
          THEN now() + make_interval(mins => ${LOCK_MINUTES})
        ELSE t.locked_until END,
      updated_at = now()
    RETURNING attempts, locked_until`;
  return row!;
}

/** The failure that reached LOCK_AFTER locks the email (and shows on the user's page, if there is one). */
async function lock(email: string): Promise<Date> {
  const [row] = await db.$queryRaw<{ locked_until: Date }[]>`
    UPDATE sign_in_throttles
    SET locked_until = COALESCE(locked_until, now() + make_interval(mins => ${LOCK_MINUTES})), updated_at = now()
    WHERE email = ${email}
    RETURNING locked_until`;
  const until = row!.locked_until;
  await db.$executeRaw`UPDATE users SET locked_until = ${until}, last_failed_at = now() WHERE email = ${email}`;
  return until;
}

/**
 * Every refusal takes at least this long from the attempt's start. The paths already do the same work (one
 * upsert, one user read, one hash check), and the floor hides what is left: a database or a thread pool
 * that is busier for one request than another. Waiting costs no CPU.
 */
export const REFUSAL_FLOOR_MS = 250;

async function refuse(started: number, error: SignInError): Promise<never> {
  const left = started + REFUSAL_FLOOR_MS - performance.now();
  if (left > 0) await new Promise((r) => setTimeout(r, left));
  throw error;
}

export async function verifySignIn(rawEmail: string, password: string) {
  const started = performance.now();
  const email = rawEmail.trim().toLowerCase();
  if (!email || !password || email.length > 254 || password.length > 200 || /\u0000/.test(email + password)) {
    await verifyPassword(password.slice(0, 200), await dummyHash());
    return refuse(started, new SignInError("INVALID"));
  }
  const count = await countAttempt(email);
  const locked = count.locked_until !== null && count.locked_until > new Date();
  // The same reads on every path, and one hash check unless locked: an unknown email or a disabled user is
  // checked against a dummy hash. While locked the password is not looked at, so a flood against one account
  // costs no hashing after its first attempts; the refusal floor keeps that path's time like the others.
  const user = await db.user.findUnique({ where: { email } });
  const usable = !locked && user && !user.disabledAt ? user : null;
  const ok = !locked && (await verifyPassword(password, usable?.passwordHash ?? (await dummyHash())));
  if (locked || !usable || !ok) {
    logger.warn({ attempts: count.attempts, locked }, "sign-in refused");
    if (locked) return refuse(started, new SignInError("LOCKED", count.locked_until));
    if (count.attempts >= LOCK_AFTER) return refuse(started, new SignInError("LOCKED", await lock(email)));
    return refuse(started, new SignInError("INVALID"));
  }
  await db.$executeRaw`DELETE FROM sign_in_throttles WHERE email = ${email} AND (locked_until IS NULL OR locked_until <= now())`;
  if (usable.lockedUntil || usable.failedLoginCount > 0 || needsRehash(usable.passwordHash)) {
    await db.user.update({
      where: { id: usable.id },
      data: {
        failedLoginCount: 0,
        lockedUntil: null,
        // An old bcrypt hash becomes argon2id now that the password is known (decision 0009).
        ...(needsRehash(usable.passwordHash) ? { passwordHash: await hashPassword(password) } : {}),
      },
    });
  }
  return usable;
}

/** A password reset or re-enabling the user lifts the lock on their email (users/reset-password.ts). */
export async function liftSignInLock(client: Tx, email: string): Promise<void> {
  await client.signInThrottle.deleteMany({ where: { email } });
}
