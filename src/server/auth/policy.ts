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
  // Interaksi Warga (issue 16): Humas reads, triages, forwards and replies in its subtree; a function unit's
  // RESPONDER reads and answers only what was forwarded to its unit, and never publishes anything.
  "interaction.read",
  "interaction.triage",
  "interaction.forward",
  "interaction.reply",
  "interaction.approveReply",
  // The hours a function has to answer, per category, for a whole organisation (set on its root unit).
  "interaction.configure",
  // Personal data (UU 27/2022): who viewed complaints and reports, and one citizen's items exported on request.
  "interaction.privacy",
  "disposition.read",
  "disposition.answer",
] as const;

export type Action = (typeof actions)[number];

const read: Action[] = ["unit.read", "account.read", "audit.read", "post.read", "leaderboard.read"];
const accountWork: Action[] = ["account.create", "account.update", "account.disable", "account.assignAdmins"];
const postWork: Action[] = ["post.compose", "post.schedule", "post.cancel"];
const humasInbox: Action[] = ["interaction.read", "interaction.triage", "interaction.forward", "interaction.reply"];

export const rolePermissions: Record<Role, ReadonlySet<Action>> = {
  // Connecting an account by OAuth ("Sambungkan akun") registers or reconnects it: ADMIN and SUPERADMIN only.
  ADMIN: new Set([...read, ...accountWork, ...postWork, ...humasInbox, "account.link", "interaction.privacy"]),
  SUPERVISOR: new Set([
    ...read,
    ...accountWork,
    ...postWork,
    ...humasInbox,
    "interaction.approveReply",
    "interaction.configure",
    "post.approve",
    "publishing.pause",
    "account.verify",
  ]),
  // Citizens' messages are personal data (UU 27/2022): leadership sees the inbox's figures, not the messages.
  LEADERSHIP: new Set(read),
  // Pasting tokens by hand (account.connect) is SUPERADMIN's documented fallback only (issue 12): everyone
  // else connects through the platform ("Sambungkan akun"), LINE through its page that checks the token.
  SUPERADMIN: new Set([
    ...read,
    ...accountWork,
    "account.connect",
    "account.link",
    "unit.manage",
    "user.manage",
    "weights.manage",
    "interaction.configure",
    "interaction.privacy",
  ]),
  // Petugas Fungsi: a membership on a function unit (kind FUNGSI). Nothing else of Siar: no units, accounts,
  // posts or publishing; it answers Humas, who replies in public.
  RESPONDER: new Set(["disposition.read", "disposition.answer"]),
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
