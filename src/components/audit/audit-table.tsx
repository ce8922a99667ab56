import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { describeAudit, type AuditNames, type Translate } from "@/lib/audit-sentence";
import { formatInZone } from "@/lib/time";
import type { AuditPage } from "@/server/audit/list-audit";

/**
 * The audit log as sentences ("Admin Sistem menambahkan Bripka Rina Marlina sebagai Admin di Polresta
 * Balikpapan"), newest first, each time on the reader's own unit clock with its WIB/WITA/WIT label and the
 * changed fields, translated, folded under it (docs/decisions/0010-the-desk-on-phones.md).
 */
export async function AuditTable({
  items,
  names,
  timeZone,
}: {
  items: AuditPage["items"];
  names: AuditNames;
  timeZone: string;
}) {
  const [t, all, locale] = await Promise.all([getTranslations("audit"), getTranslations(), getLocale()]);
  const translate: Translate = Object.assign(
    (key: string, values?: Record<string, string | number>) => all(key as never, values as never),
    { has: (key: string) => all.has(key as never) },
  );
  const link = (type: string, id: string, postId?: string) =>
    type === "SocialAccount"
      ? `/accounts/${id}`
      : type === "Post"
        ? `/posts/${id}`
        : type === "PostTarget" && postId
          ? `/posts/${postId}`
          : `/audit?entity=${type}&entityId=${id}`;
  if (items.length === 0)
    return <p className="rounded-xl border border-slate-200 bg-white p-4 text-sm">{t("empty")}</p>;
  return (
    <ol
      aria-label={t("tableLabel")}
      data-testid="audit-table"
      className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white"
    >
      {items.map((e) => {
        const { sentence, details } = describeAudit(e, names, translate, { timeZone, locale });
        return (
          <li key={e.id} data-testid="audit-row" data-action={e.action} className="space-y-1 p-3 text-sm">
            <p className="flex flex-wrap items-baseline gap-x-3 gap-y-0.5 text-xs text-slate-600">
              <time dateTime={e.createdAt.toISOString()}>{formatInZone(e.createdAt, timeZone, locale)}</time>
              <span>{t.has(`entity.${e.entityType}`) ? t(`entity.${e.entityType}`) : e.entityType}</span>
              <Link
                href={link(e.entityType, e.entityId, names.targets.get(e.entityId)?.postId)}
                className="text-brand-700 underline"
              >
                {t("openEntity")}
              </Link>
            </p>
            <p data-testid="audit-sentence" className="font-medium break-words text-slate-900">
              {sentence}
            </p>
            {details.length > 0 && (
              <details className="text-xs">
                <summary className="cursor-pointer text-slate-700">
                  {t("details")} ({details.length})
                </summary>
                <dl className="mt-1 grid grid-cols-1 gap-x-3 gap-y-0.5 sm:grid-cols-[auto_1fr]">
                  {details.map((d) => (
                    <div key={d.field} className="contents">
                      <dt className="font-semibold text-slate-700">{d.label}</dt>
                      <dd className="break-words">
                        {d.before && (
                          <del className="text-red-700 decoration-red-300">
                            <span className="sr-only">{t("before")}: </span>
                            {d.before}
                          </del>
                        )}
                        {d.before && d.after && " → "}
                        {d.after && (
                          <ins className="text-green-800 no-underline">
                            <span className="sr-only">{t("after")}: </span>
                            {d.after}
                          </ins>
                        )}
                      </dd>
                    </div>
                  ))}
                </dl>
              </details>
            )}
          </li>
        );
      })}
    </ol>
  );
}
