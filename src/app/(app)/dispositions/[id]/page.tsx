import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TextForm } from "@/components/interactions/forms";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/page-header";
import { isOverdue } from "@/lib/interactions";
import { formatInZone } from "@/lib/time";
import { runAction } from "@/server/action-result";
import { requireActorPage } from "@/server/auth/guards";
import { getDisposition } from "@/server/interactions/dispositions";
import { answerDispositionAction, askClarificationAction } from "../actions";

export async function generateMetadata() {
  return { title: (await getTranslations("dispositions"))("itemTitle") };
}

/** One disposition for the function it went to: the citizen's item, Humas's note, the answer or a question. */
export default async function DispositionPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActorPage();
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/.test(id)) notFound();
  const result = await runAction(() => getDisposition(actor, id));
  if (!result.ok) notFound();
  const { disposition: d, may } = result.data;
  const [t, ti, tp, locale] = await Promise.all([
    getTranslations("dispositions"),
    getTranslations("interactions"),
    getTranslations("platforms"),
    getLocale(),
  ]);
  const at = (date: Date) => formatInZone(date, d.toUnit.timeZone, locale);
  const late = isOverdue(d);
  const item = d.interaction;
  const post = item.target?.post;
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("itemHeading", { unit: d.toUnit.name })}
        subtitle={t("from", { unit: d.fromUnit.name })}
        actions={
          <>
            <Link href={`/dispositions/${d.id}/print`} className="text-sm text-brand-700 underline">
              {ti("printRecord")}
            </Link>
            {may.humas ? (
              <Link href={`/interactions/${item.id}`} className="text-sm text-brand-700 underline">
                {t("openItem")}
              </Link>
            ) : (
              <Link href="/dispositions" className="text-sm text-brand-700 underline">
                {t("backToList")}
              </Link>
            )}
          </>
        }
      />
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          <Card title={ti("message")}>
            <p className="flex flex-wrap gap-1.5">
              <Badge>{item.category ? ti(`categories.${item.category}`) : ti("uncategorised")}</Badge>
              {item.urgent && <Badge tone="red">{ti("urgent")}</Badge>}
            </p>
            <p className="mt-3 whitespace-pre-line break-words" data-testid="disposition-text">
              {item.text}
            </p>
            <p className="mt-2 text-xs text-slate-600">
              {item.authorName ?? item.authorHandle ?? ti("anonymous")} · {tp(item.platform)} @{item.account.handle} ·{" "}
              {at(item.receivedAt)}
            </p>
            {post && (
              <p className="mt-2 text-sm text-slate-700">
                {ti("onPost", { post: (post.title || post.baseText).slice(0, 120) })}
              </p>
            )}
          </Card>
          {d.note && (
            <Card title={t("noteFromHumas")}>
              <p className="whitespace-pre-line break-words text-sm">{d.note}</p>
            </Card>
          )}
          {d.answeredAt ? (
            <Card title={t("answer")}>
              <p className="whitespace-pre-line break-words text-sm" data-testid="disposition-answer">
                {d.answer}
              </p>
              <p className="mt-1 text-xs text-slate-600">
                {ti("answeredBy", { name: d.answeredBy?.name ?? "", at: at(d.answeredAt) })}
              </p>
            </Card>
          ) : may.answer ? (
            <Card title={t("answer")}>
              <TextForm
                action={answerDispositionAction}
                idField="dispositionId"
                id={d.id}
                field="answer"
                label={t("answerLabel")}
                submit={t("sendAnswer")}
                success={t("answerSent")}
                testId="answer-submit"
                rows={6}
              />
            </Card>
          ) : null}
        </div>
        <div className="space-y-4">
          <Card title={t("deadlineTitle")}>
            <p
              className={late ? "font-bold text-red-700" : "text-sm"}
              data-testid={late ? "deadline-overdue" : "deadline"}
            >
              {ti("deadline", { at: at(d.deadlineAt) })}
              {late ? ` — ${ti("overdue")}` : ""}
            </p>
            <p className="mt-1 text-xs text-slate-600">
              {ti("forwardedBy", { name: d.createdBy.name, at: at(d.createdAt) })}
            </p>
            {d.escalatedAt && (
              <p className="mt-1 text-sm text-red-700">
                {ti("escalatedTo", { unit: d.escalatedToUnit?.name ?? d.toUnit.name, at: at(d.escalatedAt) })}
              </p>
            )}
          </Card>
          <Card title={t("clarification")}>
            {d.clarification ? (
              <div className="text-sm">
                <p className="font-medium">{t("yourQuestion")}</p>
                <p className="break-words">{d.clarification}</p>
                <p className="mt-2 font-medium">{ti("clarificationReplyLabel")}</p>
                <p className="break-words">{d.clarificationReply ?? t("noReplyYet")}</p>
              </div>
            ) : (
              <p className="text-sm text-slate-600">{t("noClarification")}</p>
            )}
            {may.answer && !d.answeredAt && (
              <div className="mt-3">
                <TextForm
                  action={askClarificationAction}
                  idField="dispositionId"
                  id={d.id}
                  field="question"
                  label={t("askLabel")}
                  submit={t("ask")}
                  success={t("asked")}
                  testId="clarify-submit"
                  rows={3}
                />
              </div>
            )}
          </Card>
        </div>
      </div>
    </div>
  );
}
