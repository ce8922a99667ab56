import { verifySignIn } from "../../src/server/auth/verify-sign-in";
import { db } from "../../src/server/db";

// Signs in with the app's own check against DATABASE_URL and prints each outcome: the setup test uses it
// to prove the administrator made by `npm run setup` can sign in to the installation it set up.
const attempts = JSON.parse(process.argv[2] ?? "[]") as [string, string][];
const outcomes = [];
for (const [email, password] of attempts) {
  try {
    outcomes.push({ ok: true, email: (await verifySignIn(email, password)).email });
  } catch (error) {
    outcomes.push({ ok: false, reason: (error as { reason?: string }).reason ?? String(error) });
  }
}
console.log(JSON.stringify(outcomes));
await db.$disconnect();
