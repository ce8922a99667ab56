import "server-only";
import { availableParallelism } from "node:os";
import { hash, verify } from "@node-rs/argon2";
import { verify as verifyBcrypt } from "@node-rs/bcrypt";

// Passwords are hashed with argon2id (@node-rs/argon2: a maintained native binding with prebuilt
// binaries) with its defaults (19 MiB, 2 passes, 1 lane, OWASP's recommendation). Hashing and checking
// run on libuv's thread pool, off the web server's main thread, so a sign-in flood does not stall other
// requests (docs/decisions/0009-trust.md). Hashes made before are bcrypt: they still verify (through
// @node-rs/bcrypt, also off the main thread) and are replaced at the user's next sign-in.

/**
 * At most this many hashes are computed at once in a process: half the cores, so a flood of sign-ins queues
 * (waiting costs nothing) instead of taking every core from the other users' requests (decision 0009).
 */
const HASH_SLOTS = Math.max(1, Math.floor(availableParallelism() / 2));
let busy = 0;
const waiting: (() => void)[] = [];

async function inSlot<T>(work: () => Promise<T>): Promise<T> {
  if (busy >= HASH_SLOTS) await new Promise<void>((resolve) => waiting.push(resolve));
  else busy++;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else busy--;
  }
}

/** argon2id, version 19: the `$argon2id$v=19$m=19456,t=2,p=1$…` PHC string (97 characters). */
const ARGON2ID = 2;

/** The one way a password becomes a stored hash (the app's users, `npm run setup`, the seed). */
export function hashPassword(password: string): Promise<string> {
  return inSlot(() => hash(password, { algorithm: ARGON2ID }));
}

/** Whether `password` matches `stored` (argon2id, or bcrypt from before); a malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  try {
    if (stored.startsWith("$argon2")) return await inSlot(() => verify(stored, password));
    if (/^\$2[aby]\$\d\d\$/.test(stored)) return await inSlot(() => verifyBcrypt(password, stored));
  } catch {
    return false;
  }
  return false;
}

/** A stored hash that is not argon2id is replaced once the password is known. */
export function needsRehash(stored: string): boolean {
  return !stored.startsWith("$argon2id$");
}
