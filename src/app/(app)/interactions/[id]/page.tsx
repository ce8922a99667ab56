import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatDuration } from "@/components/interactions/durations";
import { AssignForm, ForwardForm, TextForm, TriageForm } from "@/components/interactions/forms";
import { ItemBadges } from "@/components/interactions/item-badges";
import { ReplyForm } from "@/components/interactions/reply-form";
import { ActionButton } from "@/components/ui/action-button";
import { Card, PageHeader } from "@/components/ui/page-header";
import { emergencyNumber, isOverdue, sensitiveCategories } from "@/lib/interactions";
import { replyLimit } from "@/lib/replies";
import { formatInZone } from "@/lib/time";
import { runAction } from "@/server/action-result";
import { requireActorPage } from "@/server/auth/guards";
import { getInteraction } from "@/server/interactions/get-interaction";
import {
  approveReplyAction,
  assignAction,
  clarificationReplyAction,
  closeInteractionAction,
  forwardAction,
  rejectReplyAction,
  replyAction,
  resolveReplyAction,
  triageAction,
} from "../actions";

export async function generateMetadata() {
  return { title: (await getTranslations("interactions"))("itemTitle") };
}

/** One citizen's item for the subtree's Humas: the post, the conversation, triage, disposisi, the times. */
export default async function InteractionPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActorPage();
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/.test(id)) notFound();
  const result = await runAction(() => getInteraction(actor, id));
  if (!result.ok) notFound();
  const { item, root, conversation, functions, operators, deadlines, views, replyNeedsApproval, may } = result.data;
  const [t, tp, locale] = await Promise.all([
    getTranslations("interactions"),
    getTranslations("platforms"),
    getLocale(),
  ]);
  const at = (d: Date) => formatInZone(d, item.unit.timeZone, locale);
  const units = { d: t("unitDay"), h: t("unitHour"), m: t("unitMinute") };
  const open = item.dispositions.find((d) => !d.answeredAt);
  const first = item.dispositions[0];
  const answered = item.dispositions.find((d) => d.answeredAt);
  const finished = item.state === "REPLIED" || item.state === "CLOSED";
  const who = item.anonymisedAt ? t("anonymised") : (item.authorName ?? item.authorHandle ?? t("anonymous"));
  const post = item.target?.post;

  return (
    <div className="space-y-4">
      <PageHeader
        title={t("itemHeading", { name: who })}
        subtitle={`${tp(item.platform)} @${item.account.handle} · ${item.unit.name} · ${t(`kinds.${item.kind}`)}`}
        actions={
          <Link href="/interactions" className="text-sm text-brand-700 underline">
            {t("backToInbox")}
          </Link>
        }
      />
      {item.urgent && (
        <div className="rounded-xl border-2 border-red-600 bg-red-50 p-4 text-red-900" data-testid="urgent-notice">
          <p className="font-bold">{t("urgentTitle")}</p>
          <p className="text-sm">{t("urgentBody", { number: emergencyNumber(root) })}</p>
        </div>
      )}
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          <Card title={t("message")}>
            <ItemBadges state={item.state} category={item.category} urgent={item.urgent} disposition={open ?? first} />
            {item.anonymisedAt ? (
              <p className="mt-3 italic text-slate-600" data-testid="item-text">
                {t("anonymisedText")}
              </p>
            ) : (
              <p className="mt-3 whitespace-pre-line break-words" data-testid="item-text">
                {item.text}
              </p>
            )}
            <p className="mt-2 text-xs text-slate-600">
              {item.authorHandle ? `@${item.authorHandle} · ` : ""}
              <time dateTime={item.receivedAt.toISOString()}>{at(item.receivedAt)}</time>
            </p>
          </Card>
          <Card title={t("post")}>
            {post ? (
              <div className="text-sm">
                {post.title && <p className="font-semibold">{post.title}</p>}
                <p className="whitespace-pre-line break-words">{post.baseText}</p>
                <p className="mt-2 flex flex-wrap gap-3">
                  <Link href={`/posts/${post.id}`} className="text-brand-700 underline">
                    {t("openPost")}
                  </Link>
                  {item.target?.platformUrl && (
                    <a
                      href={item.target.platformUrl}
                      className="text-brand-700 underline"
                      rel="noreferrer"
                      target="_blank"
                    >
                      {t("openOnPlatform", { platform: tp(item.platform) })}
                    </a>
                  )}
                </p>
              </div>
            ) : (
              <p className="text-sm text-slate-600">
                {item.externalParentId ? t("onOtherPost") : item.kind === "MESSAGE" ? t("directMessage") : t("mention")}
              </p>
            )}
          </Card>
          <Card title={t("conversation")}>
            {conversation.before.length + conversation.after.length === 0 ? (
              <p className="text-sm text-slate-600">{t("noConversation")}</p>
            ) : (
              <ol className="space-y-2 text-sm" data-testid="conversation">
                {[...conversation.before, { ...item, current: true }, ...conversation.after].map((c) => {
                  const current = "current" in c;
                  return (
                    <li
                      key={c.id}
                      aria-current={current ? "true" : undefined}
                      className={`rounded-md p-2 ${current ? "border-l-4 border-brand-600 bg-brand-50" : "bg-slate-50"}`}
                    >
                      <p className="text-xs text-slate-600">
                        {c.authorName ?? c.authorHandle ?? t("anonymous")} · {at(c.receivedAt)}
                        {current ? ` · ${t("thisItem")}` : ""}
                      </p>
                      {current ? (
                        <p className="break-words">{c.text}</p>
                      ) : (
                        <Link href={`/interactions/${c.id}`} className="break-words hover:underline">
                          {c.text}
                        </Link>
                      )}
                    </li>
                  );
                })}
              </ol>
            )}
          </Card>
          <Card title={t("dispositions")}>
            {item.dispositions.length === 0 ? (
              <p className="text-sm text-slate-600">{t("noDispositions")}</p>
            ) : (
              <ol className="space-y-4">
                {item.dispositions.map((d) => {
                  const late = isOverdue(d);
                  return (
                    <li key={d.id} className="rounded-md border border-slate-200 p-3 text-sm" data-testid="disposition">
                      <p className="font-semibold">
                        {t("forwardedTo", { unit: d.toUnit.name })}{" "}
                        <span className="font-normal text-slate-600">
                          {t("forwardedBy", { name: d.createdBy.name, at: at(d.createdAt) })}
                        </span>
                      </p>
                      <p
                        className={late ? "font-bold text-red-700" : "text-slate-700"}
                        data-testid={late ? "deadline-overdue" : "deadline"}
                      >
                        {t("deadline", { at: at(d.deadlineAt) })}
                        {late ? ` — ${t("overdue")}` : ""}
                      </p>
                      {d.escalatedAt && (
                        <p className="text-red-700">
                          {t("escalatedTo", { unit: d.escalatedToUnit?.name ?? d.toUnit.name, at: at(d.escalatedAt) })}
                        </p>
                      )}
                      {d.note && <p className="mt-1">{t("noteLabel", { note: d.note })}</p>}
                      {d.clarification && (
                        <div className="mt-2 rounded bg-amber-50 p-2">
                          <p className="font-medium">{t("clarificationAsked", { unit: d.toUnit.name })}</p>
                          <p className="break-words">{d.clarification}</p>
                          {d.clarificationReply ? (
                            <p className="mt-1 break-words">
                              <span className="font-medium">{t("clarificationReplyLabel")}</span> {d.clarificationReply}
                            </p>
                          ) : (
                            !d.answeredAt &&
                            may.forward && (
                              <div className="mt-2">
                                <TextForm
                                  action={clarificationReplyAction}
                                  idField="dispositionId"
                                  id={d.id}
                                  field="reply"
                                  label={t("clarificationReply")}
                                  submit={t("sendClarificationReply")}
                                  success={t("clarificationReplied")}
                                  testId="clarification-reply-submit"
                                  rows={2}
                                />
                              </div>
                            )
                          )}
                        </div>
                      )}
                      {d.answeredAt && (
                        <div className="mt-2 rounded bg-green-50 p-2" data-testid="disposition-answer">
                          <p className="font-medium">
                            {t("answeredBy", { name: d.answeredBy?.name ?? "", at: at(d.answeredAt) })}
                          </p>
                          <p className="whitespace-pre-line break-words">{d.answer}</p>
                        </div>
                      )}
                      <p className="mt-2">
                        <Link href={`/dispositions/${d.id}/print`} className="text-brand-700 underline">
                          {t("printRecord")}
                        </Link>
                      </p>
                    </li>
                  );
                })}
              </ol>
            )}
          </Card>
        </div>
        <div className="space-y-4">
          <Card title={t("times")}>
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm" data-testid="response-times">
              <dt className="text-slate-600">{t("receivedAt")}</dt>
              <dd>{at(item.receivedAt)}</dd>
              <dt className="text-slate-600">{t("timeToForward")}</dt>
              <dd>{first ? formatDuration(item.receivedAt, first.createdAt, units) : "—"}</dd>
              <dt className="text-slate-600">{t("timeToAnswer")}</dt>
              <dd data-testid="time-to-answer">
                {answered?.answeredAt ? formatDuration(answered.createdAt, answered.answeredAt, units) : "—"}
              </dd>
              <dt className="text-slate-600">{t("timeToFirstReply")}</dt>
              <dd data-testid="time-to-first-reply">
                {item.firstReplyAt ? formatDuration(item.receivedAt, item.firstReplyAt, units) : "—"}
              </dd>
              <dt className="text-slate-600">{t("timeToResolution")}</dt>
              <dd data-testid="time-to-resolution">
                {item.resolvedAt ? formatDuration(item.receivedAt, item.resolvedAt, units) : "—"}
              </dd>
            </dl>
          </Card>
          {views && item.category && sensitiveCategories.includes(item.category) && (
            <Card title={t("viewsTitle")}>
              <p className="mb-2 text-xs text-slate-600">{t("viewsHint")}</p>
              {views.length ? (
                <ol className="space-y-1 text-sm" data-testid="item-views">
                  {views.map((v) => (
                    <li key={v.id.toString()}>
                      {v.user.name} · <time dateTime={v.viewedAt.toISOString()}>{at(v.viewedAt)}</time>
                    </li>
                  ))}
                </ol>
              ) : (
                <p className="text-sm text-slate-600">{t("viewsNone")}</p>
              )}
            </Card>
          )}
          {may.triage && !finished && (
            <Card title={t("triageTitle")}>
              <TriageForm action={triageAction} interactionId={item.id} category={item.category} urgent={item.urgent} />
            </Card>
          )}
          {may.triage && (
            <Card title={t("assignTitle")}>
              <AssignForm
                action={assignAction}
                interactionId={item.id}
                assigneeId={item.assignee?.id ?? null}
                operators={operators}
              />
            </Card>
          )}
          {may.forward && !finished && !open && (
            <Card title={t("forwardTitle")}>
              <ForwardForm
                action={forwardAction}
                interactionId={item.id}
                category={item.category}
                functions={functions.map((f) => ({ id: f.id, name: f.name, parent: f.parent?.name ?? null }))}
                deadlines={deadlines}
              />
            </Card>
          )}
          {may.triage && !finished && !open && (
            <Card title={t("closeTitle")}>
              <p className="mb-2 text-sm text-slate-600">{t("closeHint")}</p>
              <ActionButton action={closeInteractionAction} input={{ interactionId: item.id }} label={t("close")} />
            </Card>
          )}
          <Card title={t("reply")}>
            <div data-testid="public-reply" className="space-y-3 text-sm">
              {item.reply && (
                <div className="space-y-1">
                  <p className="whitespace-pre-line break-words">{item.reply.text}</p>
                  <p className="font-semibold" role="status" data-testid="reply-state">
                    {t(`replyStates.${item.reply.state}`)}
                  </p>
                  <p className="text-xs text-slate-600">
                    {t("replyBy", { name: item.reply.author.name })}
                    {item.reply.approvedBy ? ` · ${t("replyApprovedBy", { name: item.reply.approvedBy.name })}` : ""}
                    {item.reply.sentAt ? ` · ${at(item.reply.sentAt)}` : ""}
                  </p>
                  {item.reply.externalUrl && (
                    <a
                      href={item.reply.externalUrl}
                      className="text-brand-700 underline"
                      rel="noreferrer"
                      target="_blank"
                      data-testid="reply-link"
                    >
                      {t("openOnPlatform", { platform: tp(item.platform) })}
                    </a>
                  )}
                  {(item.reply.state === "FAILED" || item.reply.state === "UNCONFIRMED") && item.reply.lastError && (
                    <p className="text-red-700">{t("replyError", { error: item.reply.lastError })}</p>
                  )}
                </div>
              )}
              {item.reply?.state === "PENDING_APPROVAL" && may.approveReply && item.reply.authorId !== actor.id && (
                <div className="flex flex-wrap gap-2">
                  <ActionButton
                    action={approveReplyAction}
                    input={{ replyId: item.reply.id }}
                    label={t("replyApprove")}
                    variant="primary"
                    testId="reply-approve"
                  />
                  <ActionButton
                    action={rejectReplyAction}
                    input={{ replyId: item.reply.id }}
                    label={t("replyReject")}
                    variant="danger"
                    testId="reply-reject"
                  />
                </div>
              )}
              {item.reply?.state === "UNCONFIRMED" && may.reply && (
                <div className="space-y-2">
                  <p className="text-slate-700">{t("replyUnconfirmedHint", { platform: tp(item.platform) })}</p>
                  <div className="flex flex-wrap gap-2">
                    <ActionButton
                      action={resolveReplyAction}
                      input={{ replyId: item.reply.id, outcome: "sent" }}
                      label={t("replyIsThere")}
                    />
                    <ActionButton
                      action={resolveReplyAction}
                      input={{ replyId: item.reply.id, outcome: "resend" }}
                      label={t("replyNotThere")}
                      confirm={{
                        title: t("replyNotThere"),
                        message: t("replyResendConfirm", { platform: tp(item.platform) }),
                        confirmLabel: t("replyResend"),
                      }}
                    />
                  </div>
                </div>
              )}
              {may.reply &&
                item.state !== "CLOSED" &&
                (!item.reply || item.reply.state === "FAILED" || item.reply.state === "CANCELLED") &&
                (replyLimit[item.platform] === null ||
                (item.kind === "MESSAGE" && (item.platform === "FACEBOOK_PAGE" || item.platform === "INSTAGRAM")) ? (
                  <p className="text-slate-600">{t("replyUnsupported", { platform: tp(item.platform) })}</p>
                ) : (
                  <ReplyForm
                    action={replyAction}
                    interactionId={item.id}
                    initial={item.reply?.text ?? answered?.answer ?? ""}
                    platform={item.platform}
                    limit={replyLimit[item.platform] ?? 0}
                    needsApproval={replyNeedsApproval}
                  />
                ))}
              {!item.reply && !may.reply && <p className="text-slate-600">{t("noReply")}</p>}
            </div>
          </Card>
        </div>
      </div>
    </div>
  );
}
