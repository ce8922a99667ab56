import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ItemBadges } from "@/components/interactions/item-badges";
import { buttonClass } from "@/components/ui/button";
import { FilterActions, FilterField, FilterSelect, filterControl } from "@/components/ui/filter-form";
import { indent } from "@/components/ui/field";
import { Notice, PageHeader } from "@/components/ui/page-header";
import { interactionCategories, interactionStates, readsThePublic } from "@/lib/interactions";
import { platforms } from "@/lib/platforms";
import { formatInZone } from "@/lib/time";
import { runAction } from "@/server/action-result";
import { actorCanAnywhere, requireActorPage } from "@/server/auth/guards";
import { mayConfigureDeadlines } from "@/server/interactions/deadlines";
import { listInbox, loadInboxOptions } from "@/server/interactions/list-inbox";

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export async function generateMetadata() {
  return { title: (await getTranslations("interactions"))("title") };
}

/** Interaksi Warga: the inbox of the subtrees where the person is Humas (issue 16 item 3, decision 0011). */
export default async function InteractionsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActorPage();
  // Without the role: 404 (decision 0009). LEADERSHIP and SUPERADMIN see figures, never the messages.
  if (!actorCanAnywhere(actor, "interaction.read")) notFound();
  const sp = await searchParams;
  const values = {
    unitId: one(sp.unit),
    accountId: one(sp.account),
    platform: one(sp.platform),
    category: one(sp.category),
    state: one(sp.state),
    functionId: one(sp.function),
    q: one(sp.q),
    order: one(sp.order),
    after: one(sp.after),
  };
  const [t, tc, tp, locale] = await Promise.all([
    getTranslations("interactions"),
    getTranslations("common"),
    getTranslations("platforms"),
    getLocale(),
  ]);
  const result = await runAction(() => listInbox(actor, values));
  if (!result.ok && (result.code === "FORBIDDEN" || result.code === "NOT_FOUND")) notFound();
  const options = await loadInboxOptions(actor, result.ok ? result.data.unitPath : null);
  const params = Object.fromEntries(
    Object.entries({
      unit: values.unitId,
      account: values.accountId,
      platform: values.platform,
      category: values.category,
      state: values.state,
      function: values.functionId,
      q: values.q,
      order: values.order,
    }).filter((e): e is [string, string] => Boolean(e[1])),
  );
  // The filters besides the search that this page applies: the fold opens by itself when there are any.
  const folded = [values.unitId, values.accountId, values.platform, values.category, values.state, values.functionId]
    .concat(values.order === "oldest" ? ["oldest"] : [])
    .filter(Boolean).length;
  const arrivalsNeedAction =
    options.arrivals.some(
      (a) =>
        a.arrival === "lineNoWebhook" ||
        a.arrival === "metaPending" ||
        // The installation's secret is one channel's: with two or more leaning on it, some surely receive nothing.
        (a.arrival === "lineSharedSecret" && a.count > 1),
    ) || options.reconnect.length > 0;
  const href = (extra: Record<string, string>) => `/interactions?${new URLSearchParams({ ...params, ...extra })}`;
  // A platform (or one of its accounts) whose API gives the public's items to no official account: said so.
  const chosenAccount = [...options.accounts, ...options.unreadable].find((a) => a.id === values.accountId);
  const unreadablePlatform =
    (values.platform && readsThePublic[values.platform] === false ? values.platform : null) ??
    (chosenAccount && !readsThePublic[chosenAccount.platform] ? chosenAccount.platform : null);
  const grouped = new Map<string, typeof options.unreadable>();
  for (const a of options.unreadable) grouped.set(a.platform, [...(grouped.get(a.platform) ?? []), a]);
  const unreadableByPlatform = [...grouped.entries()];

  return (
    <div className="space-y-4">
      <PageHeader
        title={t("title")}
        subtitle={t("subtitle")}
        actions={
          <>
            {actorCanAnywhere(actor, "interaction.privacy") && (
              <Link href="/interactions/privacy" className={buttonClass("secondary")}>
                {t("privacyLink")}
              </Link>
            )}
            {mayConfigureDeadlines(actor) && (
              <Link href="/interactions/settings" className={buttonClass("secondary")}>
                {t("settingsLink")}
              </Link>
            )}
          </>
        }
      />
      <form
        method="get"
        action="/interactions"
        className="grid grid-cols-1 gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4"
        aria-label={t("filters")}
      >
        <FilterField id="q" label={t("search")}>
          <input id="q" name="q" type="search" defaultValue={values.q ?? ""} className={filterControl} />
        </FilterField>
        {/* On a phone the eight other filters fold under one line, so the first items are on the first screen;
            from 640 px on they are laid out in the form's grid as before (globals.css, .filter-fold). */}
        <details className="filter-fold text-sm" open={folded > 0}>
          <summary className="cursor-pointer rounded-md border border-slate-300 px-3 py-2 font-medium text-slate-700">
            {t("moreFilters", { count: folded })}
          </summary>
          <div className="mt-3 grid grid-cols-1 gap-3">
            <FilterSelect
              id="unit"
              name="unit"
              label={t("unit")}
              value={values.unitId}
              allLabel={t("allUnits")}
              options={options.units.map((u) => ({ value: u.id, label: indent(u.level, u.name) }))}
            />
            <FilterSelect
              id="account"
              name="account"
              label={t("account")}
              value={values.accountId}
              allLabel={t("allAccounts")}
              options={[...options.accounts, ...options.unreadable].map((a) => ({
                value: a.id,
                label: `${tp(a.platform)} @${a.handle} (${a.unit.name})`,
              }))}
            />
            <FilterSelect
              id="platform"
              name="platform"
              label={t("platform")}
              value={values.platform}
              allLabel={t("allPlatforms")}
              options={platforms.map((p) => ({ value: p, label: tp(p) }))}
            />
            <FilterSelect
              id="category"
              name="category"
              label={t("category")}
              value={values.category}
              allLabel={t("allCategories")}
              options={[
                ...interactionCategories.map((c) => ({ value: c, label: t(`categories.${c}`) })),
                { value: "NONE", label: t("uncategorised") },
              ]}
            />
            <FilterSelect
              id="state"
              name="state"
              label={t("state")}
              value={values.state}
              allLabel={t("allStates")}
              options={[
                ...interactionStates.map((s) => ({ value: s, label: t(`states.${s}`) })),
                { value: "OVERDUE", label: t("overdue") },
              ]}
            />
            <FilterSelect
              id="function"
              name="function"
              label={t("function")}
              value={values.functionId}
              allLabel={t("allFunctions")}
              options={options.functions.map((f) => ({ value: f.id, label: f.name }))}
            />
            <FilterSelect
              id="order"
              name="order"
              label={t("order")}
              value={values.order === "oldest" ? "oldest" : undefined}
              allLabel={t("newest")}
              options={[{ value: "oldest", label: t("oldest") }]}
            />
          </div>
        </details>
        <FilterActions applyLabel={tc("filter")} resetLabel={tc("reset")} resetHref="/interactions" />
      </form>

      {unreadableByPlatform.length > 0 && (
        <Notice tone="warn">
          <div data-testid="unreadable-accounts">
            {unreadableByPlatform.map(([platform, accounts]) => (
              <p key={platform}>
                {t("unreadable", { platform: tp(platform), count: accounts.length })}{" "}
                <span className="text-xs">{accounts.map((a) => `@${a.handle}`).join(", ")}</span>
              </p>
            ))}
          </div>
        </Notice>
      )}

      {(options.arrivals.length > 0 || options.reconnect.length > 0) && (
        <Notice tone={arrivalsNeedAction ? "warn" : "info"}>
          {/* How each platform's items arrive: folded to its heading unless something needs a person (a LINE
              channel without its webhook, an account to reconnect), so the items start on a phone's first screen. */}
          <details data-testid="inbox-arrivals" open={arrivalsNeedAction}>
            <summary className="cursor-pointer font-medium">{t("arrivals.heading")}</summary>
            <ul className="mt-1 list-disc space-y-0.5 pl-5">
              {options.arrivals.map((a) => (
                <li key={`${a.platform}-${a.arrival}`}>
                  {t(`arrivals.${a.arrival}`, { platform: tp(a.platform), count: a.count })}
                </li>
              ))}
              {options.reconnect.length > 0 && (
                <li>
                  {t("arrivals.reconnect", { count: options.reconnect.length })}{" "}
                  <span className="text-xs">
                    {options.reconnect.map((a) => `${tp(a.platform)} @${a.handle}`).join(", ")}
                  </span>
                </li>
              )}
            </ul>
          </details>
        </Notice>
      )}

      {!result.ok ? (
        <Notice tone="error">
          {result.message} {Object.values(result.fieldErrors).join(" ")}
        </Notice>
      ) : unreadablePlatform ? (
        <p
          className="rounded-xl border border-dashed border-slate-300 p-8 text-center text-slate-700"
          data-testid="inbox-unreadable"
        >
          {t("unreadableChosen", { platform: tp(unreadablePlatform) })}
        </p>
      ) : result.data.items.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 p-8 text-center text-slate-600">{t("empty")}</p>
      ) : (
        <ol className="space-y-3" aria-label={t("listLabel")}>
          {result.data.items.map((item) => {
            const d = item.dispositions[0];
            const post = item.target?.post;
            return (
              <li key={item.id} className="rounded-xl border border-slate-200 bg-white p-4" data-testid="inbox-item">
                <article aria-labelledby={`item-${item.id}`}>
                  <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-slate-600">
                    <span>
                      {tp(item.platform)} @{item.account.handle} · {item.unit.name} · {t(`kinds.${item.kind}`)}
                    </span>
                    <time dateTime={item.receivedAt.toISOString()}>
                      {formatInZone(item.receivedAt, item.unit.timeZone, locale)}
                    </time>
                  </div>
                  <h2 id={`item-${item.id}`} className="mt-1 font-semibold">
                    <Link href={`/interactions/${item.id}`} className="text-brand-700 hover:underline">
                      {item.anonymisedAt ? t("anonymised") : (item.authorName ?? item.authorHandle ?? t("anonymous"))}
                      {item.authorHandle ? ` (@${item.authorHandle})` : ""}
                    </Link>
                  </h2>
                  {item.anonymisedAt ? (
                    <p className="mt-1 text-sm italic text-slate-600" data-testid="anonymised">
                      {t("anonymisedText")}
                    </p>
                  ) : (
                    <p className="mt-1 whitespace-pre-line break-words text-sm text-slate-900">{item.text}</p>
                  )}
                  <p className="mt-2 text-xs text-slate-600">
                    {post
                      ? t("onPost", { post: excerpt(post.title || post.baseText) })
                      : item.externalParentId
                        ? t("onOtherPost")
                        : item.kind === "MESSAGE"
                          ? t("directMessage")
                          : t("mention")}
                  </p>
                  <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs">
                    <ItemBadges state={item.state} category={item.category} urgent={item.urgent} disposition={d} />
                    {d && <span className="text-slate-600">{t("forwardedTo", { unit: d.toUnit.name })}</span>}
                    {item.assignee && (
                      <span className="text-slate-600">{t("assignedTo", { name: item.assignee.name })}</span>
                    )}
                  </div>
                </article>
              </li>
            );
          })}
        </ol>
      )}
      {result.ok && (result.data.next || values.after) && (
        <nav aria-label={t("pages")} className="flex items-center justify-between gap-4 text-sm">
          {values.after ? (
            <Link href={href({})} className={buttonClass("secondary")}>
              {t("firstPage")}
            </Link>
          ) : (
            <span />
          )}
          {result.data.next && (
            <Link
              href={href({ after: result.data.next })}
              className={buttonClass("secondary")}
              rel="next"
              data-testid="inbox-next"
            >
              {t("nextPage")}
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}

function excerpt(text: string) {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
