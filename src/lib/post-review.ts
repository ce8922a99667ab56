import type { Platform } from "@/generated/prisma/enums";
import { diffWords, type DiffPart } from "@/lib/diff-words";

// What an approver reviews (issue 14, docs/decisions/0010-the-desk-on-phones.md): the post as it will go
// out, one group per platform and text, and what changed since the version they last saw: text per
// platform, media, accounts and times. Pure, so the queue and the post page show the same thing.

export type ReviewTarget = {
  accountId: string;
  platform: Platform;
  handle: string;
  displayName: string;
  unitName: string;
  timeZone: string;
  textOverride: string | null;
  scheduledAt: Date | null;
};

export type ReviewVersion = {
  version: number;
  baseText: string;
  title: string | null;
  mediaIds: string[];
  targets: ReviewTarget[];
};

export type ReviewAccount = ReviewTarget & {
  /** Set when the account was already a target of the base version and its time moved. */
  movedFrom?: { scheduledAt: Date | null };
  /** The account was not a target of the base version. */
  added: boolean;
};

export type ReviewGroup = {
  platform: Platform;
  text: string;
  /** Word diff against what this platform would have received in the base version; null when unchanged. */
  textDiff: DiffPart[] | null;
  accounts: ReviewAccount[];
};

export type PostReview = {
  /** The version changes are shown against, or null when the reader has seen no earlier version. */
  baseVersion: number | null;
  groups: ReviewGroup[];
  titleDiff: DiffPart[] | null;
  mediaAdded: string[];
  mediaRemoved: string[];
  removedAccounts: ReviewTarget[];
  /** How many changes there are in all (text groups, title, media, accounts and moved times). */
  changeCount: number;
};

const textOf = (v: Pick<ReviewVersion, "baseText">, t: Pick<ReviewTarget, "textOverride">) =>
  t.textOverride ?? v.baseText;

const sameTime = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

export function buildPostReview(current: ReviewVersion, base: ReviewVersion | null): PostReview {
  const before = new Map(base?.targets.map((t) => [t.accountId, t]));
  const groups = new Map<string, ReviewGroup>();
  for (const target of current.targets) {
    const text = textOf(current, target);
    const key = `${target.platform}\u0000${text}`;
    let group = groups.get(key);
    if (!group) {
      group = { platform: target.platform, text, textDiff: null, accounts: [] };
      if (base) {
        // What this platform got in the base version: the text of its accounts then, else the main text.
        const then = base.targets.find((t) => t.platform === target.platform);
        const previous = then ? textOf(base, then) : base.baseText;
        if (previous !== text) group.textDiff = diffWords(previous, text);
      }
      groups.set(key, group);
    }
    const old = before.get(target.accountId);
    group.accounts.push({
      ...target,
      added: Boolean(base) && !old,
      ...(old && !sameTime(old.scheduledAt, target.scheduledAt) ? { movedFrom: { scheduledAt: old.scheduledAt } } : {}),
    });
  }
  const currentIds = new Set(current.targets.map((t) => t.accountId));
  const removedAccounts = base ? base.targets.filter((t) => !currentIds.has(t.accountId)) : [];
  const mediaAdded = base ? current.mediaIds.filter((id) => !base.mediaIds.includes(id)) : [];
  const mediaRemoved = base ? base.mediaIds.filter((id) => !current.mediaIds.includes(id)) : [];
  const titleDiff =
    base && (base.title ?? "") !== (current.title ?? "") ? diffWords(base.title ?? "", current.title ?? "") : null;
  const list = [...groups.values()];
  const changeCount =
    list.filter((g) => g.textDiff).length +
    (titleDiff ? 1 : 0) +
    mediaAdded.length +
    mediaRemoved.length +
    removedAccounts.length +
    list.reduce((n, g) => n + g.accounts.filter((a) => a.added || a.movedFrom).length, 0);
  return {
    baseVersion: base?.version ?? null,
    groups: list,
    titleDiff,
    mediaAdded,
    mediaRemoved,
    removedAccounts,
    changeCount,
  };
}

/** The version to show changes against: the one seen before, if the reader has seen the current one already. */
export function reviewBaseVersion(
  view: { seenVersion: number; priorVersion: number | null } | null,
  version: number,
): number | null {
  if (!view) return null;
  if (view.seenVersion < version) return view.seenVersion;
  return view.priorVersion !== null && view.priorVersion < version ? view.priorVersion : null;
}
