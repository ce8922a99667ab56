import { beforeAll, describe, expect, it } from "vitest";
import type { JWT } from "next-auth/jwt";
import type { Unit } from "@/generated/prisma/client";
import { loadActor, type Actor } from "@/server/auth/guards";
import { authOptions } from "@/server/auth/options";
import { db } from "@/server/db";
import { removeMembership } from "@/server/users/remove-membership";
import { resetPassword } from "@/server/users/reset-password";
import { setUserDisabled } from "@/server/users/set-user-disabled";
import { createUnit } from "../../factories/units";
import { createUser } from "../../factories/users";

// Sessions that end (decision 0009). A session cookie is the JWT next-auth signs at sign-in; every read of
// the session (the guards' getServerSession and GET /api/auth/session) passes it through the jwt callback
// tested here, and a throw there is next-auth's "no session": it answers {} and clears the cookie
// (node_modules/next-auth/core/routes/session.js) instead of renewing it.

let unit: Unit;
let superadmin: Actor;

beforeAll(async () => {
  unit = await createUnit(db, { name: "Polda Uji Sesi", kind: "Polda" });
  const su = await createUser(db, { memberships: [{ unitId: unit.id, role: "SUPERADMIN" }] });
  superadmin = (await loadActor(su.id))!;
});

const options = () => authOptions();

/** The cookie a real sign-in writes: the jwt callback with the user `authorize` returned. */
async function signIn(userId: string): Promise<JWT> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  const signedIn = { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
  return options().callbacks!.jwt!({ token: { sub: user.id }, user: signedIn, account: null });
}

/** What a later request with that cookie gets: the token back (session renewed) or null (no session). */
async function nextRequest(token: JWT): Promise<JWT | null> {
  try {
    return await options().callbacks!.jwt!({ token, user: undefined as never, account: null });
  } catch {
    return null;
  }
}

async function member() {
  const user = await createUser(db, { memberships: [{ unitId: unit.id, role: "ADMIN" }] });
  return { user, cookie: await signIn(user.id) };
}

describe("sessions that end", () => {
  it("keeps a session working while nothing happened to the user", async () => {
    const { cookie } = await member();
    expect(await nextRequest(cookie)).not.toBeNull();
    expect(await nextRequest(cookie)).not.toBeNull();
  });

  it("refuses an old cookie after sign-out, on every device", async () => {
    const { cookie } = await member();
    const otherDevice = { ...cookie };
    await options().events!.signOut!({ token: cookie, session: undefined as never });
    expect(await nextRequest(cookie)).toBeNull();
    expect(await nextRequest(otherDevice)).toBeNull();
  });

  it("refuses an old cookie after a password reset, and accepts the next sign-in", async () => {
    const { user, cookie } = await member();
    await resetPassword(superadmin, { id: user.id, password: "Sandi-Baru-2026!" });
    expect(await nextRequest(cookie)).toBeNull();
    expect(await nextRequest(await signIn(user.id))).not.toBeNull();
  });

  it("refuses an old cookie after the user is disabled, and still after they are enabled again", async () => {
    const { user, cookie } = await member();
    await setUserDisabled(superadmin, { id: user.id, disabled: true });
    expect(await nextRequest(cookie)).toBeNull();
    await setUserDisabled(superadmin, { id: user.id, disabled: false });
    expect(await nextRequest(cookie)).toBeNull();
  });

  it("refuses an old cookie after one of the user's memberships is removed", async () => {
    const { user, cookie } = await member();
    const membership = await db.membership.findFirstOrThrow({ where: { userId: user.id } });
    await removeMembership(superadmin, { id: membership.id });
    expect(await nextRequest(cookie)).toBeNull();
  });

  it("refuses a cookie written before session versions existed (no version in it)", async () => {
    const { user } = await member();
    expect(await nextRequest({ sub: user.id })).toBeNull();
  });
});
