import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { LocaleSwitch } from "@/components/shell/locale-switch";
import { MenuBar } from "@/components/shell/menu-bar";
import { NavLink } from "@/components/shell/nav-link";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { actorCanAnywhere, requireActorPage } from "@/server/auth/guards";
import { countWaiting } from "@/server/posts/count-waiting";
import { activePausesFor } from "@/server/posts/pause-publishing";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActorPage();
  const t = await getTranslations();
  const [waiting, pauses] = await Promise.all([countWaiting(actor), activePausesFor(actor)]);
  const nav: { href: string; label: string; show: boolean; badge?: number; testId?: string }[] = [
    { href: "/", label: t("nav.home"), show: true },
    { href: "/dashboard", label: t("nav.dashboard"), show: actorCanAnywhere(actor, "leaderboard.read") },
    { href: "/leaderboard", label: t("nav.leaderboard"), show: actorCanAnywhere(actor, "leaderboard.read") },
    { href: "/compose", label: t("nav.compose"), show: actorCanAnywhere(actor, "post.compose") },
    {
      href: "/approvals",
      label: t("nav.approvals"),
      show: actorCanAnywhere(actor, "post.approve"),
      badge: waiting.approvals,
      testId: "badge-approvals",
    },
    {
      href: "/posts",
      label: t("nav.posts"),
      show: actorCanAnywhere(actor, "post.read"),
      badge: waiting.sentBack + waiting.failures,
      testId: "badge-posts",
    },
    { href: "/calendar", label: t("nav.calendar"), show: actorCanAnywhere(actor, "post.read") },
    { href: "/interactions", label: t("nav.interactions"), show: actorCanAnywhere(actor, "interaction.read") },
    { href: "/dispositions", label: t("nav.dispositions"), show: actorCanAnywhere(actor, "disposition.read") },
    // A SUPERADMIN reads no citizens' messages but answers their requests for their data (decision 0011).
    {
      href: "/interactions/privacy",
      label: t("nav.privacy"),
      show: actorCanAnywhere(actor, "interaction.privacy") && !actorCanAnywhere(actor, "interaction.read"),
    },
    { href: "/pause", label: t("nav.pause"), show: actorCanAnywhere(actor, "publishing.pause") },
    { href: "/units", label: t("nav.units"), show: actorCanAnywhere(actor, "unit.read") },
    { href: "/accounts", label: t("nav.accounts"), show: actorCanAnywhere(actor, "account.read") },
    { href: "/users", label: t("nav.users"), show: actorCanAnywhere(actor, "user.manage") },
    { href: "/audit", label: t("nav.audit"), show: actorCanAnywhere(actor, "audit.read") },
  ].filter((item) => item.show);
  const roles = [...new Set(actor.memberships.map((m) => t(`roles.${m.role}`)))].join(", ");

  return (
    <div className="flex min-h-screen">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-white px-4 py-2 font-semibold text-brand-900 shadow focus:not-sr-only focus:fixed focus:left-3 focus:top-3"
      >
        {t("nav.skipToContent")}
      </a>
      <aside className="hidden w-60 shrink-0 flex-col bg-brand-900 text-white md:flex print:hidden">
        <Link href="/" className="px-6 py-5 text-2xl font-bold tracking-tight">
          Siar
        </Link>
        <nav aria-label={t("nav.main")} className="flex flex-col gap-1 px-3">
          {nav.map((item) => (
            <NavLink key={item.href} href={item.href}>
              {item.label}
              {item.badge ? (
                <span
                  data-testid={item.testId}
                  className="ml-2 rounded-full bg-amber-400 px-1.5 text-xs font-bold text-brand-900"
                >
                  {item.badge}
                </span>
              ) : null}
            </NavLink>
          ))}
        </nav>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="relative flex items-center gap-4 border-b border-slate-200 bg-white px-4 py-3 md:px-6 print:hidden">
          <Link href="/" className="text-xl font-bold tracking-tight text-brand-900 md:hidden">
            Siar
          </Link>
          <MenuBar items={nav.map(({ href, label, badge }) => ({ href, label, badge }))}>
            <div className="min-w-0 leading-tight md:text-right">
              <p className="text-sm font-semibold" data-testid="current-user">
                {actor.name}
              </p>
              <p className="text-xs text-slate-600">{roles}</p>
            </div>
            <LocaleSwitch />
            <SignOutButton />
          </MenuBar>
        </header>
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 p-4 focus:outline-none md:p-6 print:p-0">
          {(pauses.length > 0 || waiting.sentBack > 0 || waiting.failures > 0) && (
            <div className="-mx-4 -mt-4 mb-4 md:-mx-6 md:-mt-6 md:mb-6 print:hidden">
              {pauses.map((p) => (
                <div
                  key={p.id}
                  role="alert"
                  data-testid="pause-banner"
                  className="border-b border-yellow-300 bg-yellow-100 px-4 py-2 text-sm text-yellow-900 md:px-6"
                >
                  <strong>{t("pause.bannerTitle", { unit: p.unit.name })}</strong> {p.reason}
                </div>
              ))}
              {(waiting.sentBack > 0 || waiting.failures > 0) && (
                <p
                  className="border-b border-slate-200 bg-white px-4 py-1.5 text-xs text-slate-700 md:px-6"
                  data-testid="waiting-summary"
                >
                  {t("nav.waitingLead")}{" "}
                  {[
                    waiting.sentBack > 0 && t("nav.waitingSentBack", { count: waiting.sentBack }),
                    waiting.approvals > 0 && t("nav.waitingApprovals", { count: waiting.approvals }),
                    waiting.failures > 0 && t("nav.waitingFailures", { count: waiting.failures }),
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                </p>
              )}
            </div>
          )}
          {children}
        </main>
      </div>
    </div>
  );
}
