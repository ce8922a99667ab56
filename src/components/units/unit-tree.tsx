import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { UnitTreeNode } from "@/server/units/list-unit-tree";

const grid = "grid grid-cols-[minmax(0,1fr)_10rem_4rem_6rem_6rem_9rem] items-center gap-3 px-4 py-2";

/** The organisation tree; the top two levels start open, deeper ones fold away. */
export async function UnitTree({ roots }: { roots: UnitTreeNode[] }) {
  const [t, tz] = await Promise.all([getTranslations("units"), getTranslations("zones")]);
  const [tc, tv] = await Promise.all([getTranslations("common"), getTranslations("verification")]);

  // Links never sit inside a <summary> (a control inside a control): on a foldable row they are laid over
  // the row's last cell from outside the <details>.
  function Links({ node, className = "" }: { node: UnitTreeNode; className?: string }) {
    return (
      <span className={`flex justify-end gap-3 text-xs ${className}`}>
        <Link href={`/accounts?unit=${node.id}`} className="text-brand-700 hover:underline">
          {t("accountsLink")}
        </Link>
        {node.canManage && (
          <Link href={`/units/${node.id}/edit`} className="text-brand-700 hover:underline">
            {tc("edit")}
          </Link>
        )}
      </span>
    );
  }

  function Row({ node, level, foldable }: { node: UnitTreeNode; level: number; foldable: boolean }) {
    return (
      <div className={`${grid} text-sm hover:bg-slate-50`} data-testid="unit-row" data-code={node.code}>
        <div className="flex min-w-0 items-center gap-2" style={{ paddingLeft: `${level * 1.25}rem` }}>
          <span aria-hidden className="w-3 text-slate-600 transition-transform [details[open]>summary_&]:rotate-90">
            {foldable ? "▸" : ""}
          </span>
          <span className="truncate font-medium text-slate-900">{node.name}</span>
          <code className="hidden truncate rounded bg-slate-100 px-1.5 text-xs text-slate-600 xl:inline">
            {node.code}
          </code>
          {node.subtreeAwaiting > 0 && (
            <span data-testid="unit-awaiting" className="shrink-0">
              <Badge tone="amber">{tv("awaitingShort", { count: node.subtreeAwaiting })}</Badge>
            </span>
          )}
        </div>
        <span className="truncate text-slate-600">{node.kind}</span>
        <span className="text-slate-600">{tz.has(node.timeZone) ? tz(node.timeZone) : node.timeZone}</span>
        <span className="text-right tabular-nums" data-testid="unit-accounts">
          {node.accounts}
        </span>
        <span className="text-right font-semibold tabular-nums" data-testid="subtree-accounts">
          {node.subtreeAccounts}
        </span>
        {foldable ? <span /> : <Links node={node} />}
      </div>
    );
  }

  function Node({ node, level }: { node: UnitTreeNode; level: number }) {
    if (!node.children.length)
      return (
        <li>
          <Row node={node} level={level} foldable={false} />
        </li>
      );
    return (
      <li className="relative">
        <details open={level < 1} className="group">
          <summary className="cursor-pointer list-none [&::-webkit-details-marker]:hidden">
            <Row node={node} level={level} foldable />
          </summary>
          <ul>
            {node.children.map((c) => (
              <Node key={c.id} node={c} level={level + 1} />
            ))}
          </ul>
        </details>
        <Links node={node} className="absolute right-4 top-0 h-9 items-center" />
      </li>
    );
  }

  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
      <div className="min-w-[44rem]">
        <div
          className={`${grid} border-b border-slate-200 bg-slate-50 text-xs font-semibold uppercase tracking-wide text-slate-600`}
          aria-hidden
        >
          <span>{t("colName")}</span>
          <span>{t("colKind")}</span>
          <span>{t("colZone")}</span>
          <span className="text-right">{t("colAccounts")}</span>
          <span className="text-right">{t("colSubtree")}</span>
          <span />
        </div>
        <ul className="divide-y divide-slate-100" data-testid="unit-tree">
          {roots.map((r) => (
            <Node key={r.id} node={r} level={0} />
          ))}
        </ul>
      </div>
    </div>
  );
}
