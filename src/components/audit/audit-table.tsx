import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { zonedFormatter } from "@/components/ui/zoned-time";
import type { AuditPage } from "@/server/audit/list-audit";

type Json = unknown;

/** Only the fields that changed, "before → after"; a creation or removal shows its whole record. */
function changes(before: Json, after: Json): [string, string, string][] {
  const b = (before && typeof before === "object" ? before : {}) as Record<string, Json>;
  const a = (after && typeof after === "object" ? after : {}) as Record<string, Json>;
  const show = (v: Json) => (v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v));
  return [...new Set([...Object.keys(b), ...Object.keys(a)])]
    .filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .map((k) => [k, show(b[k]), show(a[k])]);
}

export async function AuditTable({ items }: { items: AuditPage["items"] }) {
  const [t, format] = await Promise.all([getTranslations("audit"), zonedFormatter()]);
  if (!items.length)
    return (
      <p className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-slate-500">
        {t("empty")}
      </p>
    );
  const entityLink = (type: string, id: string) =>
    type === "SocialAccount"
      ? `/accounts/${id}`
      : type === "User"
        ? `/users/${id}`
        : `/audit?entity=${type}&entityId=${id}`;
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="audit-table">
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-3">
              {t("colTime")}
            </th>
            <th scope="col" className="px-4 py-3">
              {t("colActor")}
            </th>
            <th scope="col" className="px-4 py-3">
              {t("colAction")}
            </th>
            <th scope="col" className="px-4 py-3">
              {t("colEntity")}
            </th>
            <th scope="col" className="px-4 py-3">
              {t("colUnit")}
            </th>
            <th scope="col" className="px-4 py-3">
              {t("colChanges")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">
          {items.map((e) => (
            <tr key={e.id} data-testid="audit-row" data-action={e.action}>
              <td className="whitespace-nowrap px-4 py-3 text-slate-600">
                {format(e.createdAt, e.unit?.timeZone ?? "Asia/Jakarta")}
              </td>
              <td className="px-4 py-3">{e.actor?.name ?? t("system")}</td>
              <td className="px-4 py-3 font-medium">
                {t.has(`action.${e.action}`) ? t(`action.${e.action}`) : e.action}
              </td>
              <td className="px-4 py-3">
                <div>{t.has(`entity.${e.entityType}`) ? t(`entity.${e.entityType}`) : e.entityType}</div>
                <Link
                  href={entityLink(e.entityType, e.entityId)}
                  className="font-mono text-xs text-brand-700 hover:underline"
                >
                  {e.entityId.slice(0, 8)}
                </Link>
              </td>
              <td className="px-4 py-3">{e.unit?.name ?? "—"}</td>
              <td className="px-4 py-3">
                <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
                  {changes(e.before, e.after).map(([k, b, a]) => (
                    <div key={k} className="contents">
                      <dt className="font-mono text-slate-500">{k}</dt>
                      <dd className="break-all">
                        {b && (
                          <del className="text-red-700 decoration-red-300" aria-label={t("before")}>
                            {b}
                          </del>
                        )}
                        {b && a && " → "}
                        {a && (
                          <ins className="text-green-800 no-underline" aria-label={t("after")}>
                            {a}
                          </ins>
                        )}
                      </dd>
                    </div>
                  ))}
                </dl>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
