import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { DataTable, type Column } from "@/components/ui/data-table";
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
  const entityLink = (type: string, id: string) =>
    type === "SocialAccount"
      ? `/accounts/${id}`
      : type === "User"
        ? `/users/${id}`
        : `/audit?entity=${type}&entityId=${id}`;
  type Entry = AuditPage["items"][number];
  const columns: Column<Entry>[] = [
    {
      key: "time",
      header: t("colTime"),
      className: "whitespace-nowrap text-slate-600",
      cell: (e) => format(e.createdAt, e.unit?.timeZone ?? "Asia/Jakarta"),
    },
    { key: "actor", header: t("colActor"), cell: (e) => e.actor?.name ?? t("system") },
    {
      key: "action",
      header: t("colAction"),
      className: "font-medium",
      cell: (e) => (t.has(`action.${e.action}`) ? t(`action.${e.action}`) : e.action),
    },
    {
      key: "entity",
      header: t("colEntity"),
      cell: (e) => (
        <>
          <div>{t.has(`entity.${e.entityType}`) ? t(`entity.${e.entityType}`) : e.entityType}</div>
          <Link
            href={entityLink(e.entityType, e.entityId)}
            className="font-mono text-xs text-brand-700 hover:underline"
          >
            {e.entityId.slice(0, 8)}
          </Link>
        </>
      ),
    },
    { key: "unit", header: t("colUnit"), cell: (e) => e.unit?.name ?? "—" },
    {
      key: "changes",
      header: t("colChanges"),
      className: "min-w-64",
      cell: (e) => (
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
          {changes(e.before, e.after).map(([k, b, a]) => (
            <div key={k} className="contents">
              <dt className="font-mono text-slate-600">{k}</dt>
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
      ),
    },
  ];
  return (
    <DataTable
      label={t("tableLabel")}
      rows={items}
      columns={columns}
      rowKey={(e) => String(e.id)}
      rowProps={(e) => ({ "data-testid": "audit-row", "data-action": e.action })}
      empty={t("empty")}
      testId="audit-table"
    />
  );
}
