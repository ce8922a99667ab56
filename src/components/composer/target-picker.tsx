"use client";

import { useTranslations } from "next-intl";
import { useMemo, useState, type ReactNode } from "react";
import type { Platform } from "@/generated/prisma/enums";
import { platforms } from "@/lib/platforms";
import type { ComposerAccount, ComposerGroup, ComposerUnit } from "@/schemas/composer";

type Props = {
  accounts: ComposerAccount[];
  units: ComposerUnit[];
  groups: ComposerGroup[];
  selected: ReadonlySet<string>;
  onChange: (next: Set<string>) => void;
  onSaveGroup: (name: string) => void;
  targetErrors: Record<string, string>;
  /** The composer's grouped problems with the chosen accounts. */
  problems?: ReactNode;
};

// Three ways to choose: a unit subtree and platforms ("every Instagram account under Polda Kaltim"),
// a saved group, or account by account.
export function TargetPicker({
  accounts,
  units,
  groups,
  selected,
  onChange,
  onSaveGroup,
  targetErrors,
  problems,
}: Props) {
  const t = useTranslations("composer");
  const tp = useTranslations("platforms");
  const [unitId, setUnitId] = useState(units[0]?.id ?? "");
  const [chosenPlatforms, setChosenPlatforms] = useState<Set<Platform>>(new Set());
  const [query, setQuery] = useState("");
  const [groupName, setGroupName] = useState("");

  const unit = units.find((u) => u.id === unitId);
  const usable = accounts.filter((a) => a.status !== "DISABLED");
  const bySubtree = useMemo(
    () =>
      usable.filter(
        (a) =>
          unit && a.unitPath.startsWith(unit.path) && (chosenPlatforms.size === 0 || chosenPlatforms.has(a.platform)),
      ),
    [usable, unit, chosenPlatforms],
  );
  const visible = usable.filter((a) => {
    const q = query.trim().toLowerCase();
    return (
      !q || a.handle.includes(q) || a.displayName.toLowerCase().includes(q) || a.unitName.toLowerCase().includes(q)
    );
  });

  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    onChange(next);
  };

  return (
    <section
      id="field-accounts"
      tabIndex={-1}
      aria-labelledby="targets-heading"
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-4"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="targets-heading" className="font-semibold">
          {t("targets")}
        </h2>
        <span className="text-sm text-slate-600" data-testid="selected-count">
          {t("selectedCount", { count: selected.size })}
        </span>
      </div>
      {problems}

      <fieldset className="space-y-2 rounded-lg bg-slate-50 p-3">
        <legend className="text-sm font-medium">{t("bySubtree")}</legend>
        <label className="block text-sm">
          <span className="sr-only">{t("subtreeUnit")}</span>
          <select
            aria-label={t("subtreeUnit")}
            value={unitId}
            onChange={(e) => setUnitId(e.target.value)}
            className="w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm"
          >
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {"\u2003".repeat(u.level)}
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <div className="flex flex-wrap gap-2" role="group" aria-label={t("platformFilter")}>
          {platforms.map((p) => (
            <label
              key={p}
              className="flex items-center gap-1 rounded-full border border-slate-300 bg-white px-2 py-0.5 text-xs"
            >
              <input
                type="checkbox"
                checked={chosenPlatforms.has(p)}
                onChange={() => {
                  const next = new Set(chosenPlatforms);
                  if (next.has(p)) next.delete(p);
                  else next.add(p);
                  setChosenPlatforms(next);
                }}
              />
              {tp(p)}
            </label>
          ))}
        </div>
        <div className="flex gap-2">
          <button
            type="button"
            className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700"
            onClick={() => onChange(new Set([...selected, ...bySubtree.map((a) => a.id)]))}
          >
            {t("addAll", { count: bySubtree.length })}
          </button>
          <button
            type="button"
            className="rounded-md border border-slate-300 px-3 py-1.5 text-sm"
            onClick={() => {
              const next = new Set(selected);
              bySubtree.forEach((a) => next.delete(a.id));
              onChange(next);
            }}
          >
            {t("removeAll")}
          </button>
        </div>
      </fieldset>

      {groups.length > 0 && (
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <span className="font-medium">{t("savedGroups")}:</span>
          {groups.map((g) => (
            <button
              key={g.id}
              type="button"
              onClick={() =>
                onChange(new Set([...selected, ...g.accountIds.filter((id) => usable.some((a) => a.id === id))]))
              }
              className="rounded-full border border-brand-600 px-2 py-0.5 text-brand-700 hover:bg-brand-50"
            >
              {g.name} ({g.accountIds.length})
            </button>
          ))}
        </div>
      )}

      <div>
        <input
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder={t("searchAccounts")}
          aria-label={t("searchAccounts")}
          className="mb-2 w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm"
        />
        <ul
          className="max-h-72 divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200"
          aria-label={t("accountList")}
        >
          {visible.map((a) => (
            <li key={a.id} className="px-2 py-1.5 text-sm">
              <label className="flex items-center gap-2">
                <input
                  type="checkbox"
                  checked={selected.has(a.id)}
                  onChange={() => toggle(a.id)}
                  aria-label={`${tp(a.platform)} @${a.handle}`}
                />
                <span className="w-20 shrink-0 text-xs font-semibold text-slate-600">{tp(a.platform)}</span>
                <span className="truncate">@{a.handle}</span>
                <span className="ml-auto truncate text-xs text-slate-600">{a.unitName}</span>
                {a.status === "NEEDS_RECONNECT" && (
                  <span className="rounded bg-amber-100 px-1 text-xs text-amber-800">{t("needsReconnect")}</span>
                )}
              </label>
              {targetErrors[a.id] && (
                <p className="ml-6 text-xs text-red-700" role="alert">
                  {targetErrors[a.id]}
                </p>
              )}
            </li>
          ))}
        </ul>
      </div>

      <div className="flex flex-wrap gap-2">
        <input
          value={groupName}
          onChange={(e) => setGroupName(e.target.value)}
          placeholder={t("groupName")}
          aria-label={t("groupName")}
          className="min-w-40 flex-1 rounded-md border border-slate-300 px-2 py-1.5 text-sm"
        />
        <button
          type="button"
          disabled={!groupName.trim() || selected.size === 0}
          onClick={() => {
            onSaveGroup(groupName.trim());
            setGroupName("");
          }}
          className="rounded-md border border-slate-300 px-3 py-1.5 text-sm disabled:opacity-50"
        >
          {t("saveGroup")}
        </button>
      </div>
    </section>
  );
}
