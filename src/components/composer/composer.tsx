"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import type { Platform } from "@/generated/prisma/enums";
import { commercialFlags } from "@/lib/commercial";
import { fromZonedInput, toZonedInput, zoneLabel } from "@/lib/time";
import { fieldOfIssue, groupProblems, textCount, type ProblemField, type ProblemInput } from "@/lib/composer-problems";
import { checkVideoLimits } from "@/lib/media-limits";
import { checkRules } from "@/platforms/rules";
import type { MediaView } from "@/schemas/media";
import type { ActionResult } from "@/lib/action-result";
import { MediaUploader } from "./media-uploader";
import { PlatformPreview } from "./platform-preview";
import { TargetPicker } from "./target-picker";
import type { ComposerAccount, ComposerGroup, ComposerInitial, ComposerUnit } from "@/schemas/composer";

type SaveInput = {
  postId?: string;
  unitId: string;
  baseText: string;
  title: string | null;
  intent: "draft" | "submit";
  media: { id: string; altText: string | null }[];
  targets: { accountId: string; textOverride: string | null; scheduledAt: string | null }[];
};
type Props = {
  accounts: ComposerAccount[];
  units: ComposerUnit[];
  ownerUnits: ComposerUnit[];
  groups: ComposerGroup[];
  /** ISO time a new schedule starts at, chosen by the server. */
  suggestedTime: string;
  initial: ComposerInitial | null;
  save: (input: SaveInput) => Promise<ActionResult<{ postId: string }>>;
  saveGroup: (input: { unitId: string; name: string; accountIds: string[] }) => Promise<ActionResult<ComposerGroup>>;
};

type ScheduleMode = "now" | "same" | "perTarget";

export function Composer({
  accounts,
  units,
  ownerUnits,
  groups: initialGroups,
  suggestedTime,
  initial,
  save,
  saveGroup,
}: Props) {
  const t = useTranslations("composer");
  const tr = useTranslations("rules");
  const tp = useTranslations("platforms");
  const router = useRouter();
  const [pending, start] = useTransition();

  const [unitId, setUnitId] = useState(initial?.unitId ?? ownerUnits[0]?.id ?? "");
  const owner = ownerUnits.find((u) => u.id === unitId) ?? units.find((u) => u.id === unitId);
  const [selected, setSelected] = useState<Set<string>>(new Set(initial?.targets.map((x) => x.accountId) ?? []));
  const [baseText, setBaseText] = useState(initial?.baseText ?? "");
  const [title, setTitle] = useState(initial?.title ?? "");
  const [media, setMedia] = useState<MediaView[]>(initial?.media ?? []);
  const [overrides, setOverrides] = useState<Partial<Record<Platform, string>>>(() => {
    const o: Partial<Record<Platform, string>> = {};
    for (const target of initial?.targets ?? []) {
      const account = accounts.find((a) => a.id === target.accountId);
      if (account && target.textOverride !== null) o[account.platform] = target.textOverride;
    }
    return o;
  });
  const firstTime = initial?.targets.find((x) => x.scheduledAt)?.scheduledAt;
  const distinctTimes = new Set(initial?.targets.map((x) => x.scheduledAt ?? "now"));
  const [mode, setMode] = useState<ScheduleMode>(
    !initial || !firstTime ? "now" : distinctTimes.size > 1 ? "perTarget" : "same",
  );
  const defaultTime = (tz: string) => toZonedInput(new Date(suggestedTime), tz);
  const [sameTime, setSameTime] = useState(
    firstTime && owner
      ? toZonedInput(new Date(firstTime), owner.timeZone)
      : defaultTime(owner?.timeZone ?? "Asia/Jakarta"),
  );
  const [perTarget, setPerTarget] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      (initial?.targets ?? [])
        .filter((x) => x.scheduledAt)
        .map((x) => {
          const a = accounts.find((acc) => acc.id === x.accountId);
          return [x.accountId, toZonedInput(new Date(x.scheduledAt!), a?.timeZone ?? "Asia/Jakarta")];
        }),
    ),
  );
  const [groups, setGroups] = useState(initialGroups);
  const [errors, setErrors] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  const [previewPlatform, setPreviewPlatform] = useState<Platform | null>(null);
  // Rule problems are shown at their fields once the person tries to submit, then follow the typing.
  const [checked, setChecked] = useState(false);
  const summary = useRef<HTMLDivElement>(null);

  const chosen = accounts.filter((a) => selected.has(a.id));
  const chosenPlatforms = [...new Set(chosen.map((a) => a.platform))];
  const shownPreview =
    previewPlatform && chosenPlatforms.includes(previewPlatform) ? previewPlatform : chosenPlatforms[0];
  const textFor = (p: Platform) => overrides[p] ?? baseText;
  const ruleMedia = media.map((m) => ({
    kind: m.type,
    mimeType: m.mimeType,
    altText: m.altText,
    sizeBytes: m.sizeBytes,
  }));
  // Pure and cheap (a few string and list checks per platform), so computed on every render.
  const issues = Object.fromEntries(
    chosenPlatforms.map((p) => [p, checkRules(p, { text: textFor(p), title, media: ruleMedia })]),
  );
  const flags = commercialFlags(baseText, title, ...Object.values(overrides));

  // Every problem at once, one line per problem with the accounts it affects, at the field that fixes it.
  const ruleProblems: ProblemInput[] = chosenPlatforms.flatMap((p) => {
    const accountIds = chosen.filter((a) => a.platform === p).map((a) => a.id);
    return [...(issues[p] ?? []), ...checkVideoLimits(p, media)].map((issue) => ({
      field: fieldOfIssue(issue.key, p, overrides[p] !== undefined),
      message: tr(issue.key, issue.params),
      platform: p,
      accountIds,
    }));
  });
  const serverProblems: ProblemInput[] = Object.entries(errors?.fields ?? {}).map(([k, message]) => {
    const account = k.startsWith("target.") ? accounts.find((a) => a.id === k.slice(7)) : undefined;
    if (account) return { field: "accounts", message, platform: account.platform, accountIds: [account.id] };
    const field: ProblemField =
      k === "baseText" || k === "title" || k === "media" || k === "schedule"
        ? k
        : k === "targets"
          ? "accounts"
          : "form";
    return { field, message, platform: null, accountIds: [] };
  });
  const problems = groupProblems([...(checked ? ruleProblems : []), ...serverProblems]);
  const problemText = (p: (typeof problems)[number]) =>
    p.platforms.length === 0
      ? p.message
      : p.platforms.length === 1
        ? t("problemOnePlatform", { count: p.total, platform: tp(p.platforms[0]!.platform), problem: p.message })
        : t("problemPlatforms", {
            count: p.total,
            platforms: p.platforms.map((x) => `${tp(x.platform)} ${x.count}`).join(", "),
            problem: p.message,
          });
  const problemsAt = (field: ProblemField) => problems.filter((p) => p.field === field);
  const describedBy = (field: ProblemField) => (problemsAt(field).length ? `problems-${field}` : undefined);
  const fieldProblems = (field: ProblemField) => {
    const here = problemsAt(field);
    if (!here.length) return null;
    return (
      <ul id={`problems-${field}`} className="mt-1 space-y-0.5 text-sm text-red-700" data-testid={`problems-${field}`}>
        {here.map((p) => (
          <li key={p.message} data-testid="field-problem">
            {problemText(p)}
          </li>
        ))}
      </ul>
    );
  };
  const targetErrors = Object.fromEntries(
    Object.entries(errors?.fields ?? {})
      .filter(([k]) => k.startsWith("target."))
      .map(([k, v]) => [k.slice(7), v]),
  );

  function scheduledAtFor(account: ComposerAccount): string | null {
    if (mode === "now") return null;
    const value = mode === "same" ? sameTime : (perTarget[account.id] ?? "");
    const tz = mode === "same" ? (owner?.timeZone ?? account.timeZone) : account.timeZone;
    return fromZonedInput(value, tz)?.toISOString() ?? "invalid";
  }

  function submit(intent: "draft" | "submit") {
    setErrors(null);
    if (intent === "submit" && ruleProblems.length > 0) {
      // Nothing is sent: every problem is listed at once, and focus moves to the list so it is read out.
      setChecked(true);
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    start(async () => {
      const result = await save({
        postId: initial?.postId,
        unitId,
        baseText,
        title: title.trim() || null,
        intent,
        media: media.map((m) => ({ id: m.id, altText: m.altText })),
        targets: chosen.map((a) => ({
          accountId: a.id,
          textOverride: overrides[a.platform] ?? null,
          scheduledAt: scheduledAtFor(a),
        })),
      });
      if (!result.ok) {
        setErrors({ message: result.message, fields: result.fieldErrors });
        requestAnimationFrame(() => summary.current?.focus());
        return;
      }
      router.push(`/posts/${result.data.postId}`);
      router.refresh();
    });
  }

  async function onSaveGroup(name: string) {
    const result = await saveGroup({ unitId, name, accountIds: [...selected] });
    if (result.ok) setGroups([...groups.filter((g) => g.name !== name), result.data]);
    else setErrors({ message: result.message, fields: result.fieldErrors });
  }

  return (
    <div className="grid grid-cols-1 gap-6 xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)] xl:items-start">
      <div className="space-y-5">
        {(errors || problems.length > 0) && (
          <div
            ref={summary}
            role="alert"
            tabIndex={-1}
            aria-labelledby="composer-problems-title"
            className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-600"
            data-testid="composer-errors"
          >
            <p id="composer-problems-title" className="font-semibold">
              {problems.length > 0 ? t("problemsTitle", { count: problems.length }) : errors?.message}
            </p>
            <ul className="mt-1 list-disc pl-5">
              {problems.map((p) => (
                <li key={`${p.field}-${p.message}`} data-testid="composer-problem">
                  <a href={`#field-${p.field}`} className="underline">
                    {problemText(p)}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        )}

        <label className="block text-sm">
          <span className="font-medium">{t("ownerUnit")}</span>
          <select
            value={unitId}
            onChange={(e) => setUnitId(e.target.value)}
            name="unitId"
            className="mt-1 w-full rounded-md border border-slate-300 px-2 py-2"
          >
            {ownerUnits.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
          <span className="text-xs text-slate-600">{t("ownerUnitHint")}</span>
        </label>

        <label className="block text-sm">
          <span className="font-medium">{t("baseText")}</span>
          <textarea
            id="field-baseText"
            value={baseText}
            onChange={(e) => setBaseText(e.target.value)}
            rows={6}
            name="baseText"
            aria-invalid={problemsAt("baseText").length > 0}
            aria-describedby={describedBy("baseText")}
            className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2"
            placeholder={t("baseTextPlaceholder")}
          />
          <span className="flex flex-wrap justify-between gap-x-3 text-xs text-slate-600">
            <span>{t("characters", { count: Array.from(baseText).length })}</span>
            <span className="flex flex-wrap gap-x-3">
              {chosenPlatforms
                .filter((p) => overrides[p] === undefined)
                .map((p) => (
                  <Counter key={p} platform={p} text={baseText} />
                ))}
            </span>
          </span>
          {fieldProblems("baseText")}
        </label>

        {chosenPlatforms.includes("YOUTUBE") && (
          <label className="block text-sm">
            <span className="font-medium">{t("videoTitle")}</span>
            <input
              id="field-title"
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              maxLength={150}
              name="title"
              aria-invalid={problemsAt("title").length > 0}
              aria-describedby={describedBy("title")}
              className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2"
            />
            {fieldProblems("title")}
          </label>
        )}

        {chosenPlatforms.length > 0 && (
          <details
            className="rounded-lg border border-slate-200 bg-white p-3 text-sm"
            open={Object.keys(overrides).length > 0 || problems.some((p) => p.field.startsWith("text-"))}
          >
            <summary className="cursor-pointer font-medium">{t("overrides")}</summary>
            <div className="mt-2 space-y-3">
              {chosenPlatforms.map((p) => (
                <div key={p}>
                  <label className="flex items-center gap-2">
                    <input
                      type="checkbox"
                      checked={overrides[p] !== undefined}
                      onChange={(e) =>
                        setOverrides((o) => {
                          const next = { ...o };
                          if (e.target.checked) next[p] = baseText;
                          else delete next[p];
                          return next;
                        })
                      }
                    />
                    {t("overrideFor", { platform: tp(p) })}
                  </label>
                  {overrides[p] !== undefined && (
                    <textarea
                      id={`field-text-${p}`}
                      aria-label={t("overrideFor", { platform: tp(p) })}
                      aria-invalid={problemsAt(`text-${p}`).length > 0}
                      aria-describedby={describedBy(`text-${p}`)}
                      value={overrides[p]}
                      rows={3}
                      onChange={(e) => setOverrides((o) => ({ ...o, [p]: e.target.value }))}
                      className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2"
                    />
                  )}
                  {overrides[p] !== undefined && (
                    <span className="block text-xs text-slate-600">
                      <Counter platform={p} text={overrides[p]} />
                    </span>
                  )}
                  {fieldProblems(`text-${p}`)}
                </div>
              ))}
            </div>
          </details>
        )}

        <MediaUploader
          unitId={unitId}
          media={media}
          onChange={setMedia}
          platforms={chosenPlatforms}
          problems={{ media: fieldProblems("media"), alt: fieldProblems("alt") }}
          describedBy={{ media: describedBy("media"), alt: describedBy("alt") }}
        />

        <TargetPicker
          problems={fieldProblems("accounts")}
          accounts={accounts}
          units={units}
          groups={groups}
          selected={selected}
          onChange={setSelected}
          onSaveGroup={onSaveGroup}
          targetErrors={targetErrors}
        />
      </div>

      <div className="space-y-5 xl:sticky xl:top-4">
        <fieldset
          id="field-schedule"
          className="space-y-2 rounded-lg border border-slate-200 bg-white p-3 text-sm"
          aria-describedby={describedBy("schedule")}
        >
          <legend className="px-1 font-medium">{t("schedule")}</legend>
          {(["now", "same", "perTarget"] as const).map((m) => (
            <label key={m} className="flex items-center gap-2">
              <input type="radio" name="schedule-mode" checked={mode === m} onChange={() => setMode(m)} />
              {t(`scheduleMode.${m}`)}
            </label>
          ))}
          {mode === "same" && owner && (
            <label className="block">
              <span className="sr-only">{t("scheduledAt")}</span>
              <span className="flex items-center gap-2">
                <input
                  type="datetime-local"
                  value={sameTime}
                  onChange={(e) => setSameTime(e.target.value)}
                  aria-label={t("scheduledAt")}
                  name="scheduledAt"
                  className="rounded-md border border-slate-300 px-2 py-1.5"
                />
                <span className="font-semibold text-slate-600">{zoneLabel(owner.timeZone)}</span>
              </span>
              <span className="block text-xs text-slate-600">
                {t("sameTimeHint", { zone: zoneLabel(owner.timeZone) })}
              </span>
            </label>
          )}
          {mode === "perTarget" && (
            <ul className="max-h-60 space-y-1 overflow-y-auto">
              {chosen.map((a) => (
                <li key={a.id} className="flex flex-wrap items-center gap-x-2 gap-y-1">
                  <span className="w-48 max-w-full truncate">
                    {tp(a.platform)} @{a.handle}
                  </span>
                  <input
                    type="datetime-local"
                    aria-label={t("timeFor", { handle: a.handle })}
                    value={perTarget[a.id] ?? defaultTime(a.timeZone)}
                    onChange={(e) => setPerTarget((x) => ({ ...x, [a.id]: e.target.value }))}
                    className="rounded-md border border-slate-300 px-2 py-1"
                  />
                  <span className="text-xs font-semibold text-slate-600">{zoneLabel(a.timeZone)}</span>
                </li>
              ))}
            </ul>
          )}
          {fieldProblems("schedule")}
        </fieldset>

        {chosenPlatforms.length > 0 && (
          <section
            aria-labelledby="preview-heading"
            className="space-y-3 rounded-xl border border-slate-200 bg-slate-100 p-4"
          >
            <h2 id="preview-heading" className="font-semibold">
              {t("preview")}
            </h2>
            <div role="tablist" aria-label={t("preview")} className="flex flex-wrap gap-1">
              {chosenPlatforms.map((p, i) => (
                <button
                  key={p}
                  id={`preview-tab-${p}`}
                  role="tab"
                  type="button"
                  aria-selected={p === shownPreview}
                  aria-controls="preview-panel"
                  tabIndex={p === shownPreview ? 0 : -1}
                  onClick={() => setPreviewPlatform(p)}
                  onKeyDown={(e) => {
                    // The tab pattern of WAI-ARIA: arrows move between platforms, Home and End to the ends.
                    const to =
                      e.key === "ArrowRight"
                        ? (i + 1) % chosenPlatforms.length
                        : e.key === "ArrowLeft"
                          ? (i - 1 + chosenPlatforms.length) % chosenPlatforms.length
                          : e.key === "Home"
                            ? 0
                            : e.key === "End"
                              ? chosenPlatforms.length - 1
                              : null;
                    if (to === null) return;
                    e.preventDefault();
                    const next = chosenPlatforms[to]!;
                    setPreviewPlatform(next);
                    document.getElementById(`preview-tab-${next}`)?.focus();
                  }}
                  className={`rounded-full px-3 py-1 text-xs font-semibold ${p === shownPreview ? "bg-brand-900 text-white" : "bg-white text-slate-700"} ${issues[p]?.length ? "ring-2 ring-red-400" : ""}`}
                >
                  {tp(p)} {issues[p]?.length ? `(${issues[p].length})` : "✓"}
                </button>
              ))}
            </div>
            {shownPreview &&
              (() => {
                const account = chosen.find((a) => a.platform === shownPreview)!;
                return (
                  <div
                    role="tabpanel"
                    id="preview-panel"
                    aria-labelledby={`preview-tab-${shownPreview}`}
                    className="space-y-3"
                  >
                    <PlatformPreview
                      platform={shownPreview}
                      name={account.displayName}
                      handle={account.handle}
                      text={textFor(shownPreview)}
                      title={title || null}
                      media={media}
                    />
                    <ul className="space-y-1 text-sm" aria-label={t("ruleChecks")}>
                      {(issues[shownPreview] ?? []).map((issue) => (
                        <li key={issue.key} className="text-red-700" data-testid="rule-issue">
                          ⚠ {tr(issue.key, issue.params)}
                        </li>
                      ))}
                      {!issues[shownPreview]?.length && (
                        <li className="text-emerald-700">{t("rulesOk", { platform: tp(shownPreview) })}</li>
                      )}
                    </ul>
                  </div>
                );
              })()}
          </section>
        )}
        {flags.length > 0 && (
          <p
            className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900"
            data-testid="commercial-flag"
          >
            {t("commercialWarning", { flags: flags.map((f) => t(`commercial.${f}`)).join(", ") })}
          </p>
        )}

        <div className="flex flex-wrap gap-3">
          <button
            type="button"
            disabled={pending}
            onClick={() => submit("submit")}
            className="rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700 disabled:opacity-60"
          >
            {mode === "now" ? t("publishNow") : t("submitForApproval")}
          </button>
          <button
            type="button"
            disabled={pending}
            onClick={() => submit("draft")}
            className="rounded-md border border-slate-300 bg-white px-4 py-2 font-semibold hover:bg-slate-50 disabled:opacity-60"
          >
            {t("saveDraft")}
          </button>
          {mode === "now" && <p className="w-full text-xs text-slate-600">{t("publishNowHint")}</p>}
        </div>
      </div>
    </div>
  );
}

/** A platform's count for the text it gets, red and said in words when over the limit. */
function Counter({ platform, text }: { platform: Platform; text: string }) {
  const t = useTranslations("composer");
  const tp = useTranslations("platforms");
  const { length, max } = textCount(platform, text);
  const over = length > max;
  return (
    <span
      data-testid={`counter-${platform}`}
      data-over={over}
      className={over ? "font-semibold text-red-700" : undefined}
    >
      {tp(platform)}: {length.toLocaleString("id-ID")}/{max.toLocaleString("id-ID")}
      {over && <> · {t("overBy", { count: length - max })}</>}
    </span>
  );
}
