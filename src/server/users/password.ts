import "server-only";
import bcrypt from "bcryptjs";

const BCRYPT_COST = 10;

/** The one way a password becomes a stored hash (the app's users and `npm run setup`). */
export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_COST);
}
