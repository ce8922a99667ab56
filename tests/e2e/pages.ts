import type { Page } from "@playwright/test";
import { db, loginAs } from "./fixtures";

// Every signed-in page of the desk, for the checks that visit them all (phone layout, accessibility)
// and for `npm run screenshots`. One demo user per role, all covering Polresta Balikpapan, so the
// detail pages open the same unit, account, user and post for each of them; the RESPONDER (issue 16) is
// Ditlantas Polda Kaltim's, whose dispositions the Humas of Polda Kaltim also open.

export const roleUsers = {
  superadmin: "superadmin@siar.test",
  leadership: "pimpinan.kaltim@siar.test",
  admin: "admin.kaltim@siar.test",
  supervisor: "supervisor.kaltim@siar.test",
  responder: "responder.ditlantas.kaltim@siar.test",
} as const;
export type RoleName = keyof typeof roleUsers;

export type Ids = {
  unit: string;
  account: string;
  user: string;
  post: string;
  pendingPost: string;
  interaction: string;
  disposition: string;
};

/**
 * `roles` are the roles whose view of the page the phone, accessibility and screenshot checks visit;
 * `alsoOpens` are roles that may open it too but are not visited. Every other role is refused with 404
 * (trust.spec.ts checks each page × role; decision 0009).
 */
export type DeskPage = {
  name: string;
  path: (ids: Ids) => string;
  roles: readonly RoleName[];
  alsoOpens?: readonly RoleName[];
};

const all: readonly RoleName[] = ["superadmin", "leadership", "admin", "supervisor"];
const humas: readonly RoleName[] = ["admin", "supervisor"];
const composers: readonly RoleName[] = ["admin", "supervisor"];
const accountWorkers: readonly RoleName[] = ["superadmin", "admin", "supervisor"];

export const deskPages: DeskPage[] = [
  { name: "home", path: () => "/", roles: [...all, "responder"] },
  { name: "dashboard", path: () => "/dashboard", roles: all },
  { name: "leaderboard", path: () => "/leaderboard", roles: all },
  { name: "leaderboard-unit", path: (i) => `/leaderboard/units/${i.unit}`, roles: all },
  { name: "leaderboard-account", path: (i) => `/leaderboard/accounts/${i.account}`, roles: all },
  { name: "leaderboard-weights", path: () => "/leaderboard/weights", roles: ["superadmin"] },
  { name: "compose", path: () => "/compose", roles: composers },
  { name: "approvals", path: () => "/approvals", roles: ["supervisor"] },
  { name: "posts", path: () => "/posts", roles: all },
  { name: "post", path: (i) => `/posts/${i.post}`, roles: all },
  { name: "post-pending", path: (i) => `/posts/${i.pendingPost}`, roles: all },
  { name: "post-edit", path: (i) => `/posts/${i.pendingPost}/edit`, roles: ["admin"], alsoOpens: ["supervisor"] },
  { name: "calendar", path: () => "/calendar", roles: all },
  { name: "pause", path: () => "/pause", roles: ["supervisor"] },
  { name: "units", path: () => "/units", roles: all },
  { name: "unit-new", path: () => "/units/new", roles: ["superadmin"] },
  { name: "unit-edit", path: (i) => `/units/${i.unit}/edit`, roles: ["superadmin"] },
  { name: "unit-import", path: () => "/units/import", roles: ["superadmin"] },
  { name: "accounts", path: () => "/accounts", roles: all },
  { name: "account", path: (i) => `/accounts/${i.account}`, roles: all },
  { name: "account-new", path: () => "/accounts/new", roles: accountWorkers },
  { name: "account-edit", path: (i) => `/accounts/${i.account}/edit`, roles: accountWorkers },
  { name: "account-import", path: () => "/accounts/import", roles: accountWorkers },
  { name: "account-verification", path: () => "/accounts/verification", roles: ["supervisor"] },
  { name: "account-connect", path: (i) => `/accounts/connect?unit=${i.unit}`, roles: ["superadmin", "admin"] },
  {
    name: "account-connect-line",
    path: (i) => `/accounts/connect/line?unit=${i.unit}`,
    roles: ["superadmin", "admin"],
  },
  {
    // A pick that is not (or no longer) open: the page says so.
    name: "account-connect-pages",
    path: () => "/accounts/connect/pages?connection=00000000-0000-4000-8000-000000000000",
    roles: ["superadmin", "admin"],
  },
  {
    name: "account-connect-result",
    path: () => "/accounts/connect/result?outcome=refused&reason=denied&platform=x",
    roles: ["superadmin", "admin"],
  },
  { name: "users", path: () => "/users", roles: ["superadmin"] },
  { name: "user-new", path: () => "/users/new", roles: ["superadmin"] },
  { name: "user", path: (i) => `/users/${i.user}`, roles: ["superadmin"] },
  { name: "audit", path: () => "/audit", roles: all },
  // Interaksi Warga (issue 16): the messages are the subtree's Humas's and the function's, nobody else's.
  { name: "interactions", path: () => "/interactions", roles: humas },
  { name: "interaction", path: (i) => `/interactions/${i.interaction}`, roles: humas },
  { name: "interaction-settings", path: () => "/interactions/settings", roles: ["superadmin"] },
  { name: "interaction-privacy", path: () => "/interactions/privacy", roles: ["superadmin", "admin"] },
  { name: "dispositions", path: () => "/dispositions", roles: ["responder"] },
  { name: "disposition", path: (i) => `/dispositions/${i.disposition}`, roles: ["responder"], alsoOpens: humas },
  {
    name: "disposition-print",
    path: (i) => `/dispositions/${i.disposition}/print`,
    roles: ["responder", "admin"],
    alsoOpens: ["supervisor"],
  },
];

export const viewports = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;

/**
 * The ids the detail pages open. The post waiting for approval is made through the API by the ADMIN of
 * Polda Kaltim (once per run), so the approval queue, the post page and the editor have one to show.
 */
export async function deskIds(page: Page): Promise<Ids> {
  const unit = await db.unit.findUniqueOrThrow({ where: { code: "POLRES-BALIKPAPAN" } });
  const account = await db.socialAccount.findFirstOrThrow({
    where: { unitId: unit.id, platform: "INSTAGRAM" },
    orderBy: { handle: "asc" },
  });
  const user = await db.user.findUniqueOrThrow({ where: { email: "admin.balikpapan@siar.test" } });
  const post = await db.post.findFirstOrThrow({
    where: { unit: { path: { startsWith: unit.path } }, targets: { some: { status: "PUBLISHED" } } },
    orderBy: { createdAt: "desc" },
  });
  const marker = "Contoh unggahan menunggu persetujuan untuk tangkapan layar";
  let pending = await db.post.findFirst({ where: { baseText: { startsWith: marker } } });
  if (!pending) {
    await loginAs(page, roleUsers.admin);
    const targets = await db.socialAccount.findMany({
      where: { unitId: unit.id, platform: { in: ["X", "FACEBOOK_PAGE"] }, status: "ACTIVE" },
      select: { id: true },
    });
    const res = await page.request.post("/api/posts", {
      data: {
        unitId: unit.id,
        baseText: `${marker}: patroli malam di Balikpapan berjalan aman dan lancar.`,
        intent: "submit",
        targets: targets.map((t) => ({ accountId: t.id, scheduledAt: null })),
      },
    });
    if (res.status() !== 201) throw new Error(`Could not make the pending post: ${await res.text()}`);
    await page.context().clearCookies();
    pending = await db.post.findFirstOrThrow({ where: { baseText: { startsWith: marker } } });
  }
  // A seeded disposition to Ditlantas Polda Kaltim, and a new item of Polda Kaltim (the triage and forward forms).
  const disposition = await db.disposition.findFirstOrThrow({
    where: { toUnit: { code: "KALTIM-DITLANTAS" } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const interaction = await db.interaction.findFirstOrThrow({
    where: { unit: { code: "POLDA-KALTIM" }, state: "NEW", urgent: true },
    orderBy: { id: "asc" },
  });
  return {
    unit: unit.id,
    account: account.id,
    user: user.id,
    post: post.id,
    pendingPost: pending.id,
    interaction: interaction.id,
    disposition: disposition.id,
  };
}
