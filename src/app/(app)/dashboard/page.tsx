import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { KpiCard } from "@/components/dashboard/kpi-card";
import { PlatformChart } from "@/components/dashboard/platform-chart";
import { TopBottom } from "@/components/dashboard/top-bottom";
import { DailyHistoryChart } from "@/components/engagement/daily-history-chart";
import { formatDuration } from "@/components/interactions/durations";
import { BoardFilters } from "@/components/leaderboard/board-filters";
import { boardHref } from "@/components/leaderboard/href";
import { DataTable } from "@/components/ui/data-table";
import { Card, Notice, PageHeader } from "@/components/ui/page-header";
import { actorCanAnywhere, requireActorPage } from "@/server/auth/guards";
import { loadDashboard } from "@/server/dashboard/load-dashboard";
import { WEEKLY_AFTER_DAYS } from "@/server/dashboard/series";
import { dispositionFigures } from "@/server/interactions/disposition-figures";
import { dayToIso } from "@/server/engagement/days";
import { AppError } from "@/server/errors";
import { parseBoardSearch, type Search } from "@/server/leaderboard/parse-board-search";

export async function generateMetadata() {
  return { title: (await getTranslations("dashboard"))("title") };
}

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActorPage();
  if (!actorCanAnywhere(actor, "leaderboard.read")) notFound();
  const { query, errors, params } = await parseBoardSearch(await searchParams);
  const d = await loadDashboard(actor, query).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const [t, tp, ti, format, functions] = await Promise.all([
    getTranslations("dashboard"),
    getTranslations("platforms"),
    getTranslations("interactions"),
    getFormatter(),
    dispositionFigures(d.unit.path, d.period),
  ]);
  const durationUnits = { d: ti("unitDay"), h: ti("unitHour"), m: ti("unitMinute") };
  const duration = (seconds: number) => formatDuration(new Date(0), new Date(seconds * 1000), durationUnits);
  const responsive = d.responses.cur.due ? d.responses.cur.onTime / d.responses.cur.due : null;
  const prevResponsive = d.responses.prev.due ? d.responses.prev.onTime / d.responses.prev.due : null;
  const num = (v: number) => format.number(v);
  const pct = (v: number) => format.number(v, { style: "percent", maximumFractionDigits: 1 });
  const date = (day: number) =>
    format.dateTime(new Date(`${dayToIso(day)}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  const change = (cur: number, prev: number, asPercentPoints = false) => {
    if (asPercentPoints) {
      const diff = cur - prev;
      return {
        text: t("vsPrevPoints", { value: format.number(Math.abs(diff) * 100, { maximumFractionDigits: 1 }) }),
        direction: Math.abs(diff) < 0.0005 ? ("flat" as const) : diff > 0 ? ("up" as const) : ("down" as const),
      };
    }
    if (prev === 0) return null;
    const r = (cur - prev) / prev;
    return {
      text: t("vsPrev", { value: pct(Math.abs(r)) }),
      direction: Math.abs(r) < 0.0005 ? ("flat" as const) : r > 0 ? ("up" as const) : ("down" as const),
    };
  };
  const onTime = d.cur.published ? d.cur.onTime / d.cur.published : 0;
  const prevOnTime = d.prev.published ? d.prev.onTime / d.prev.published : 0;
  const keep = { ...params, parent: d.unit.id };
  return (
    <div>
      <PageHeader
        title={t("title")}
        subtitle={t("subtitle", { unit: d.unit.name, from: date(d.period.from), to: date(d.period.to) })}
        actions={
          <Link
            href={boardHref("/leaderboard", keep)}
            className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700"
          >
            {t("openLeaderboard")}
          </Link>
        }
      />
      {Object.keys(errors).length > 0 && (
        <div className="mb-3">
          <Notice tone="error">{t("invalidFilters")}</Notice>
        </div>
      )}
      <BoardFilters
        path="/dashboard"
        query={query}
        keep={{}}
        errors={errors}
        withPlatform={false}
        units={{ options: d.choices, selected: d.unit.id, label: t("chooseUnit") }}
      />
      <section className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-5" aria-label={t("summary")}>
        <KpiCard
          testId="kpi-published"
          label={t("published")}
          value={num(d.cur.published)}
          delta={change(d.cur.published, d.prev.published)}
        />
        <KpiCard
          testId="kpi-interactions"
          label={t("interactions")}
          value={num(d.cur.interactions)}
          delta={change(d.cur.interactions, d.prev.interactions)}
          hint={t("viewsHint", { views: num(d.cur.views) })}
        />
        <KpiCard
          testId="kpi-on-time"
          label={t("onTime")}
          value={pct(onTime)}
          delta={d.prev.published ? change(onTime, prevOnTime, true) : null}
          hint={t("onTimeHint")}
        />
        <KpiCard
          testId="kpi-failed"
          label={t("failed")}
          value={num(d.cur.failed)}
          delta={change(d.cur.failed, d.prev.failed)}
          better="down"
        />
        <KpiCard
          testId="kpi-dormant"
          label={t("dormant")}
          value={num(d.dormant)}
          hint={t("dormantHint", { accounts: num(d.accounts) })}
        />
      </section>
      <div className="mt-6 grid grid-cols-1 gap-6 xl:grid-cols-2">
        <Card title={d.seriesPer === "week" ? t("trendTitleWeekly") : t("trendTitle")}>
          {d.seriesPer === "week" && (
            <p className="mb-2 text-xs text-slate-600" data-testid="dashboard-trend-weekly">
              {t("weeklyNote", { days: WEEKLY_AFTER_DAYS })}
            </p>
          )}
          <DailyHistoryChart points={d.series} per={d.seriesPer} testId="dashboard-trend" />
        </Card>
        <Card title={t("byPlatform")}>
          <PlatformChart
            bars={d.platforms.map((p) => ({
              platform: tp(p.platform),
              published: p.published,
              interactions: p.interactions,
            }))}
          />
        </Card>
      </div>
      <div className="mt-6 grid grid-cols-1 gap-6 xl:grid-cols-2">
        <Card title={d.group ? t("peerGroup", { name: d.group.parent.name }) : t("peerGroupNone")}>
          {d.group ? (
            <TopBottom
              rows={d.group.rows}
              hrefFor={(r) => boardHref(`/leaderboard/units/${r.key}`, params, { parent: undefined })}
            />
          ) : (
            <p className="text-sm text-slate-600">{t("noData")}</p>
          )}
        </Card>
        <Card title={t("platformTable")}>
          <DataTable
            label={t("platformTable")}
            rows={d.platforms}
            bare
            dense
            testId="platform-table"
            rowKey={(p) => p.platform}
            empty={t("noData")}
            columns={[
              { key: "platform", header: t("platform"), className: "font-medium", cell: (p) => tp(p.platform) },
              {
                key: "accounts",
                header: t("accounts"),
                align: "right",
                className: "tabular-nums",
                cell: (p) => num(p.accounts),
              },
              {
                key: "published",
                header: t("published"),
                align: "right",
                className: "tabular-nums",
                cell: (p) => num(p.published),
              },
              {
                key: "interactions",
                header: t("interactions"),
                align: "right",
                className: "tabular-nums",
                cell: (p) => num(p.interactions),
              },
              {
                key: "onTime",
                header: t("onTime"),
                align: "right",
                className: "tabular-nums",
                cell: (p) => (p.published ? pct(p.onTime / p.published) : "—"),
              },
              {
                key: "failed",
                header: t("failed"),
                align: "right",
                className: "tabular-nums",
                cell: (p) => num(p.failed),
              },
              {
                key: "dormant",
                header: t("dormant"),
                align: "right",
                className: "tabular-nums",
                cell: (p) =>
                  p.dormant ? <span className="font-semibold text-amber-800">{num(p.dormant)}</span> : num(p.dormant),
              },
            ]}
          />
        </Card>
      </div>
      <section className="mt-6" aria-labelledby="responsiveness-title" data-testid="responsiveness">
        <h2 id="responsiveness-title" className="mb-3 text-lg font-semibold text-slate-900">
          {t("responsivenessTitle")}
        </h2>
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <KpiCard
            testId="kpi-responsiveness"
            label={t("responsiveness")}
            value={responsive === null ? "—" : pct(responsive)}
            delta={responsive !== null && prevResponsive !== null ? change(responsive, prevResponsive, true) : null}
            hint={t("responsivenessHint", { due: d.responses.cur.due })}
          />
          <KpiCard
            testId="kpi-first-reply"
            label={t("firstReplyMean")}
            value={d.responses.cur.replied ? duration(d.responses.cur.replySeconds / d.responses.cur.replied) : "—"}
            hint={t("firstReplyHint", { replied: d.responses.cur.replied })}
          />
        </div>
        <Card title={t("functionsTitle")}>
          <DataTable
            label={t("functionsTitle")}
            caption={t("functionsCaption")}
            rows={functions}
            bare
            dense
            testId="disposition-figures"
            rowKey={(f) => f.unitId}
            empty={t("functionsNone")}
            columns={[
              { key: "name", header: t("function"), className: "font-medium", cell: (f) => f.name },
              {
                key: "forwarded",
                header: t("forwarded"),
                align: "right",
                className: "tabular-nums",
                cell: (f) => num(f.forwarded),
              },
              {
                key: "onTime",
                header: t("answeredOnTime"),
                align: "right",
                className: "tabular-nums",
                cell: (f) =>
                  f.forwarded
                    ? `${num(f.answeredOnTime)} (${pct(f.answeredOnTime / f.forwarded)})`
                    : num(f.answeredOnTime),
              },
              {
                key: "late",
                header: t("late"),
                align: "right",
                className: "tabular-nums",
                cell: (f) => (f.late ? <span className="font-semibold text-red-700">{num(f.late)}</span> : num(f.late)),
              },
              {
                key: "open",
                header: t("dispositionsOpen"),
                align: "right",
                className: "tabular-nums",
                cell: (f) => num(f.open),
              },
              {
                key: "overdue",
                header: t("dispositionsOverdue"),
                align: "right",
                className: "tabular-nums",
                cell: (f) =>
                  f.overdue ? <span className="font-semibold text-red-700">{num(f.overdue)}</span> : num(f.overdue),
              },
              {
                key: "escalated",
                header: t("dispositionsEscalated"),
                align: "right",
                className: "tabular-nums",
                cell: (f) => num(f.escalated),
              },
              {
                key: "medianFirstReply",
                header: t("medianFirstReply"),
                align: "right",
                className: "tabular-nums whitespace-nowrap",
                cell: (f) => (f.medianFirstReplySeconds === null ? "—" : duration(f.medianFirstReplySeconds)),
              },
            ]}
          />
        </Card>
      </section>
    </div>
  );
}
