import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Notice, PageHeader } from "@/components/ui/page-header";
import { isOverdue } from "@/lib/interactions";
import { formatInZone } from "@/lib/time";
import { runAction } from "@/server/action-result";
import { actorCanAnywhere, requireActorPage } from "@/server/auth/guards";
import { listDispositions } from "@/server/interactions/dispositions";

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export async function generateMetadata() {
  return { title: (await getTranslations("dispositions"))("title") };
}

/** The function's screen (RESPONDER): only what was forwarded to its unit, the nearest deadline first. */
export default async function DispositionsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActorPage();
  if (!actorCanAnywhere(actor, "disposition.read")) notFound();
  const sp = await searchParams;
  const values = { show: one(sp.show), after: one(sp.after) };
  const [t, ti, locale] = await Promise.all([
    getTranslations("dispositions"),
    getTranslations("interactions"),
    getLocale(),
  ]);
  const result = await runAction(() => listDispositions(actor, values));
  if (!result.ok && result.code === "FORBIDDEN") notFound();
  const show = result.ok ? result.data.query.show : "open";
  const tabs = ["open", "answered", "all"] as const;
  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <nav aria-label={t("filter")} className="flex flex-wrap gap-2">
        {tabs.map((tab) => (
          <Link
            key={tab}
            href={`/dispositions?show=${tab}`}
            aria-current={tab === show ? "page" : undefined}
            className={buttonClass(tab === show ? "primary" : "secondary", "sm")}
          >
            {t(`show.${tab}`)}
          </Link>
        ))}
      </nav>
      {!result.ok ? (
        <Notice tone="error">{result.message}</Notice>
      ) : result.data.items.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 p-8 text-center text-slate-600">{t("empty")}</p>
      ) : (
        <ol className="space-y-3">
          {result.data.items.map((d) => {
            const late = isOverdue(d);
            return (
              <li
                key={d.id}
                data-testid="disposition-item"
                className={`rounded-xl border bg-white p-4 ${late ? "border-red-500" : "border-slate-200"}`}
              >
                <article aria-labelledby={`d-${d.id}`}>
                  <h2 id={`d-${d.id}`} className="font-semibold">
                    <Link href={`/dispositions/${d.id}`} className="text-brand-700 hover:underline">
                      {d.interaction.category ? ti(`categories.${d.interaction.category}`) : ti("uncategorised")} ·{" "}
                      {t("from", { unit: d.fromUnit.name })}
                    </Link>
                  </h2>
                  <p className="mt-1 line-clamp-3 break-words text-sm">{d.interaction.text}</p>
                  <p className="mt-2 flex flex-wrap items-center gap-2 text-xs">
                    <span className={late ? "font-bold text-red-700" : "text-slate-700"}>
                      {ti("deadline", { at: formatInZone(d.deadlineAt, d.toUnit.timeZone, locale) })}
                      {late ? ` — ${ti("overdue")}` : ""}
                    </span>
                    {d.interaction.urgent && <Badge tone="red">{ti("urgent")}</Badge>}
                    {d.answeredAt ? (
                      <Badge tone="green">{t("answered")}</Badge>
                    ) : (
                      <Badge tone="amber">{t("open")}</Badge>
                    )}
                    {d.clarification && !d.clarificationReply && !d.answeredAt && (
                      <Badge tone="amber">{t("waitingClarification")}</Badge>
                    )}
                    {d.escalatedAt && <Badge tone="red">{ti("escalated")}</Badge>}
                  </p>
                </article>
              </li>
            );
          })}
        </ol>
      )}
      {result.ok && (result.data.next || values.after) && (
        <nav aria-label={ti("pages")} className="flex items-center justify-between gap-4 text-sm">
          {values.after ? (
            <Link href={`/dispositions?show=${show}`} className={buttonClass("secondary")}>
              {ti("firstPage")}
            </Link>
          ) : (
            <span />
          )}
          {result.data.next && (
            <Link
              href={`/dispositions?show=${show}&after=${encodeURIComponent(result.data.next)}`}
              className={buttonClass("secondary")}
              rel="next"
            >
              {ti("nextPage")}
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
