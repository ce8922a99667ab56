import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { StatusBadge } from "@/components/posts/status-badge";
import { formatInZone } from "@/lib/time";
import { requireActorPage } from "@/server/auth/guards";
import { loadHomeSummary } from "@/server/home/load-home-summary";
import { countOpenDispositions } from "@/server/interactions/dispositions";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { AccountsToReconnect } from "@/components/accounts/accounts-to-reconnect";

export default async function HomePage() {
  const actor = await requireActorPage();
  const t = await getTranslations("home");
  const [{ counts, memberships, desk, toReconnect }, dispositions, tr, tp, locale] = await Promise.all([
    loadHomeSummary(actor),
    countOpenDispositions(actor),
    getTranslations("roles"),
    getTranslations("platforms"),
    getLocale(),
  ]);
  const excerpt = (text: string) => (text.length > 90 ? `${text.slice(0, 90)}…` : text);
  return (
    <div className="space-y-6">
      <AutoRefresh seconds={15} />
      <div>
        <h1 className="text-2xl font-bold">{t("greeting", { name: actor.name })}</h1>
        <p className="text-slate-600">{memberships.map((m) => `${tr(m.role)} · ${m.unit.name}`).join(" — ")}</p>
      </div>
      {dispositions && (
        <section className="rounded-xl border border-slate-200 bg-white p-5" aria-labelledby="my-dispositions">
          <h2 id="my-dispositions" className="mb-1 font-semibold">
            {t("dispositionsTitle")}
          </h2>
          <p className="text-sm" data-testid="home-dispositions">
            {t("dispositionsOpen", { open: dispositions.open })}{" "}
            {dispositions.overdue > 0 && (
              <strong className="text-red-700">{t("dispositionsOverdue", { overdue: dispositions.overdue })}</strong>
            )}
          </p>
          <Link href="/dispositions" className="mt-2 inline-block text-sm font-medium text-brand-700 underline">
            {t("dispositionsLink")}
          </Link>
        </section>
      )}
      <dl className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        {[
          [t("unitsInScope"), counts.units],
          [t("activeAccounts"), counts.accounts],
          [t("needsReconnect"), counts.needsReconnect],
        ].map(([label, value]) => (
          <div key={String(label)} className="rounded-xl border border-slate-200 bg-white p-5">
            <dt className="text-sm text-slate-600">{label}</dt>
            <dd className="mt-1 text-3xl font-bold">{value}</dd>
          </div>
        ))}
      </dl>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        <section className="rounded-xl border border-slate-200 bg-white p-5" aria-labelledby="sent-back">
          <h2 id="sent-back" className="mb-3 font-semibold">
            {t("sentBack")}
          </h2>
          {desk.sentBack.length === 0 ? (
            <p className="text-sm text-slate-600">{t("nothing")}</p>
          ) : (
            <ul className="space-y-3 text-sm">
              {desk.sentBack.map((p) => (
                <li key={p.id}>
                  <Link href={`/posts/${p.id}`} className="font-medium text-brand-700 hover:underline">
                    {excerpt(p.title || p.baseText)}
                  </Link>
                  {p.decisions[0] && (
                    <p className="text-slate-600">
                      “{p.decisions[0].comment}” — {p.decisions[0].decider.name}
                    </p>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="rounded-xl border border-slate-200 bg-white p-5" aria-labelledby="failures">
          <h2 id="failures" className="mb-3 font-semibold">
            {t("failures")}
          </h2>
          {desk.failures.length === 0 ? (
            <p className="text-sm text-slate-600">{t("nothing")}</p>
          ) : (
            <ul className="space-y-3 text-sm">
              {desk.failures.map((f) => (
                <li key={f.id}>
                  <Link href={`/posts/${f.post.id}`} className="hover:underline">
                    <StatusBadge status={f.status} /> {tp(f.account.platform)} @{f.account.handle}
                  </Link>
                  {f.lastError && <p className="truncate text-xs text-red-800">{f.lastError}</p>}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="rounded-xl border border-slate-200 bg-white p-5" aria-labelledby="upcoming">
          <h2 id="upcoming" className="mb-3 font-semibold">
            {t("upcoming")}
          </h2>
          {desk.upcoming.length === 0 ? (
            <p className="text-sm text-slate-600">{t("nothing")}</p>
          ) : (
            <ul className="space-y-3 text-sm">
              {desk.upcoming.map((u) => (
                <li key={u.id}>
                  <span className="text-xs font-semibold text-slate-600">
                    {formatInZone(u.scheduledAt!, u.account.unit.timeZone, locale)}
                  </span>{" "}
                  <Link href={`/posts/${u.post.id}`} className="hover:underline">
                    {tp(u.account.platform)} @{u.account.handle}
                  </Link>
                  <p className="truncate text-xs text-slate-600">{excerpt(u.post.title || u.post.baseText)}</p>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <AccountsToReconnect items={toReconnect} headingId="reconnect" />
    </div>
  );
}
