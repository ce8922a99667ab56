import "server-only";
import type { Role } from "@/generated/prisma/enums";

// The whole permission model in one table: what each role may do inside the subtree
// its membership covers. Everything that checks access goes through `can` (guards.ts).
export const actions = [
  "unit.read",
  "unit.manage",
  "account.read",
  "account.create",
  "account.update",
  "account.disable",
  "account.connect",
  "account.link",
  "account.assignAdmins",
  "account.verify",
  "user.manage",
  "audit.read",
  "post.read",
  "post.compose",
  "post.schedule",
  "post.cancel",
  "post.approve",
  "publishing.pause",
  "leaderboard.read",
  "weights.manage",
] as const;

export type Action = (typeof actions)[number];

const read: Action[] = ["unit.read", "account.read", "audit.read", "post.read", "leaderboard.read"];
const accountWork: Action[] = [
  "account.create",
  "account.update",
  "account.disable",
  "account.connect",
  "account.assignAdmins",
];
const postWork: Action[] = ["post.compose", "post.schedule", "post.cancel"];

export const rolePermissions: Record<Role, ReadonlySet<Action>> = {
  // Connecting an account by OAuth ("Sambungkan akun") registers or reconnects it: ADMIN and SUPERADMIN only.
  ADMIN: new Set([...read, ...accountWork, ...postWork, "account.link"]),
  SUPERVISOR: new Set([...read, ...accountWork, ...postWork, "post.approve", "publishing.pause", "account.verify"]),
  LEADERSHIP: new Set(read),
  SUPERADMIN: new Set([...read, ...accountWork, "account.link", "unit.manage", "user.manage", "weights.manage"]),
};

/** The roles that may do `action` (for queries that look for such people, e.g. an account's admins). */
export function rolesWith(action: Action): Role[] {
  return (Object.keys(rolePermissions) as Role[]).filter((role) => rolePermissions[role].has(action));
}

/**
 * Actions done from above: a membership allows them strictly below its own unit, never on it. HQ verifies
 * an account as official (a Polres account by its Polda or Mabes), not the unit that registered it.
 */
export const fromAbove: ReadonlySet<Action> = new Set<Action>(["account.verify"]);

export type ActorMembership = { role: Role; unitId: string; unitPath: string };

/** A membership covers its unit and every descendant: a subtree is a prefix of the materialised path. */
export function covers(membershipPath: string, unitPath: string): boolean {
  return unitPath.startsWith(membershipPath);
}

export function can(memberships: readonly ActorMembership[], action: Action, unitPath: string): boolean {
  return memberships.some(
    (m) =>
      rolePermissions[m.role].has(action) &&
      covers(m.unitPath, unitPath) &&
      !(fromAbove.has(action) && m.unitPath === unitPath),
  );
}

/** The subtree roots in which the actor may perform `action` (for filtering lists in the database). */
export function scopeFor(memberships: readonly ActorMembership[], action: Action): string[] {
  const paths = memberships.filter((m) => rolePermissions[m.role].has(action)).map((m) => m.unitPath);
  // Drop paths already covered by a shorter one so queries stay small.
  return paths.filter((p) => !paths.some((q) => q !== p && covers(q, p)));
}
