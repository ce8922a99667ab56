import { getLocale, getTranslations } from "next-intl/server";
import { PlatformPreview } from "@/components/composer/platform-preview";
import type { DiffPart } from "@/lib/diff-words";
import type { ReviewAccount } from "@/lib/post-review";
import { formatInZone } from "@/lib/time";
import type { LoadedReview } from "@/server/posts/load-post-reviews";

/** Accounts listed openly per platform; more than this fold into a list the approver opens. */
const OPEN_ACCOUNTS = 6;

/**
 * What the approver approves (docs/decisions/0010-the-desk-on-phones.md): per platform the preview with the
 * post's media and that platform's own text, its accounts and their times, and what changed since the
 * version the approver saw (text per platform, title, media, accounts, moved times), marked as changes.
 */
export async function PostReview({ loaded, idPrefix }: { loaded: LoadedReview; idPrefix: string }) {
  const [t, tp, locale] = await Promise.all([getTranslations("approvals"), getTranslations("platforms"), getLocale()]);
  const { review, media, removedMediaNames } = loaded;
  const at = (a: { scheduledAt: Date | null; timeZone: string }) =>
    a.scheduledAt ? formatInZone(a.scheduledAt, a.timeZone, locale) : t("asap");
  const changedAccounts = review.groups.flatMap((g) => g.accounts.filter((a) => a.added || a.movedFrom));
  const addedMedia = media.filter((m) => review.mediaAdded.includes(m.id));

  return (
    <div className="space-y-3" data-testid="post-review">
      {review.baseVersion !== null && (
        <section
          aria-labelledby={`${idPrefix}-changes`}
          className="rounded-lg border border-purple-300 bg-purple-50 p-3 text-sm"
          data-testid="review-changes"
        >
          <h3 id={`${idPrefix}-changes`} className="font-semibold text-purple-950">
            {review.changeCount > 0
              ? t("changesSince", { version: review.baseVersion, count: review.changeCount })
              : t("noChangesSince", { version: review.baseVersion })}
          </h3>
          <ul className="mt-1 space-y-1">
            {review.titleDiff && (
              <li data-testid="change-title">
                {t("titleChanged")}: <Diff parts={review.titleDiff} />
              </li>
            )}
            {review.groups
              .filter((g) => g.textDiff)
              .map((g) => (
                <li key={`${g.platform}-${g.text}`} data-testid="change-text" data-platform={g.platform}>
                  {t("textChanged", { platform: tp(g.platform) })}
                </li>
              ))}
            {addedMedia.map((m) => (
              <li key={m.id} data-testid="change-media">
                <Mark>{t("mediaAdded", { name: m.fileName })}</Mark>
              </li>
            ))}
            {removedMediaNames.map((name, i) => (
              <li key={`removed-${i}`} data-testid="change-media">
                <Mark removed>{t("mediaRemoved", { name })}</Mark>
              </li>
            ))}
            {changedAccounts.map((a) => (
              <li key={a.accountId} data-testid={a.added ? "change-account" : "time-moved"}>
                {a.added ? (
                  <Mark>{t("accountAdded", { account: `${tp(a.platform)} @${a.handle}`, at: at(a) })}</Mark>
                ) : (
                  <MovedTime account={a} label={`${tp(a.platform)} @${a.handle}`} at={at} />
                )}
              </li>
            ))}
            {review.removedAccounts.map((a) => (
              <li key={a.accountId} data-testid="change-account">
                <Mark removed>{t("accountRemoved", { account: `${tp(a.platform)} @${a.handle}` })}</Mark>
              </li>
            ))}
          </ul>
        </section>
      )}

      <ul className="grid grid-cols-1 gap-3 lg:grid-cols-2 2xl:grid-cols-3">
        {review.groups.map((g, i) => {
          const first = g.accounts[0]!;
          const times = new Map<string, number>();
          for (const a of g.accounts) times.set(at(a), (times.get(at(a)) ?? 0) + 1);
          return (
            <li
              key={`${g.platform}-${i}`}
              className="min-w-0 space-y-2 rounded-lg border border-slate-200 bg-slate-50 p-3"
              data-testid="review-platform"
              data-platform={g.platform}
            >
              <h3 className="text-sm font-semibold">
                {tp(g.platform)} · {t("accountCount", { count: g.accounts.length })}
              </h3>
              <PlatformPreview
                platform={g.platform}
                name={first.displayName}
                handle={first.handle}
                text={g.text}
                title={null}
                media={media}
              />
              {g.textDiff && (
                <p className="rounded border border-purple-200 bg-white p-2 text-sm" data-testid="review-text-diff">
                  <span className="block text-xs font-semibold text-purple-900">
                    {t("textChanged", { platform: tp(g.platform) })}
                  </span>
                  <Diff parts={g.textDiff} />
                </p>
              )}
              <p className="text-xs text-slate-700" data-testid="review-times">
                {[...times].map(([time, n]) => `${time} (${t("accountCount", { count: n })})`).join(" · ")}
              </p>
              <AccountList accounts={g.accounts} at={at} fold={g.accounts.length > OPEN_ACCOUNTS} />
            </li>
          );
        })}
      </ul>
    </div>
  );
}

async function AccountList({
  accounts,
  at,
  fold,
}: {
  accounts: ReviewAccount[];
  at: (a: { scheduledAt: Date | null; timeZone: string }) => string;
  fold: boolean;
}) {
  const t = await getTranslations("approvals");
  const list = (
    <ul className="mt-1 space-y-0.5 text-xs">
      {accounts.map((a) => (
        <li key={a.accountId} data-testid="review-account">
          <span className="font-semibold">@{a.handle}</span> · {a.unitName} ·{" "}
          {a.movedFrom ? <MovedTime account={a} at={at} /> : at(a)}
          {a.added && <span className="ml-1 rounded bg-emerald-100 px-1 text-emerald-900">{t("newAccount")}</span>}
        </li>
      ))}
    </ul>
  );
  if (!fold) return list;
  return (
    <details className="text-xs">
      <summary className="cursor-pointer text-slate-700">{t("showAccounts", { count: accounts.length })}</summary>
      {list}
    </details>
  );
}

async function MovedTime({
  account,
  label,
  at,
}: {
  account: ReviewAccount;
  label?: string;
  at: (a: { scheduledAt: Date | null; timeZone: string }) => string;
}) {
  const t = await getTranslations("approvals");
  const before = at({ scheduledAt: account.movedFrom!.scheduledAt, timeZone: account.timeZone });
  return (
    <span className="rounded bg-amber-100 px-1 text-amber-950" data-testid="moved-time">
      {label && <>{label}: </>}
      <span className="sr-only">{t("timeMoved")} </span>
      <del className="text-slate-700">{before}</del> → <ins className="font-semibold no-underline">{at(account)}</ins>
    </span>
  );
}

function Mark({ children, removed = false }: { children: React.ReactNode; removed?: boolean }) {
  return (
    <span className={removed ? "rounded bg-red-100 px-1 text-red-900" : "rounded bg-emerald-100 px-1 text-emerald-900"}>
      {children}
    </span>
  );
}

async function Diff({ parts }: { parts: DiffPart[] }) {
  const t = await getTranslations("approvals");
  return (
    <span className="whitespace-pre-wrap">
      {parts.map((part, i) =>
        part.kind === "added" ? (
          <ins key={i} className="bg-emerald-100 text-emerald-900 no-underline">
            <span className="sr-only">[{t("added")}] </span>
            {part.text}
          </ins>
        ) : part.kind === "removed" ? (
          <del key={i} className="bg-red-100 text-red-900">
            <span className="sr-only">[{t("removed")}] </span>
            {part.text}
          </del>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </span>
  );
}
