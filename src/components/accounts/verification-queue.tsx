"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { verifyAccountsAction } from "@/app/(app)/accounts/verification/actions";
import { RejectAccountForm } from "@/components/accounts/reject-account-form";
import { Button } from "@/components/ui/button";

export type QueueRow = {
  id: string;
  platformLabel: string;
  handle: string;
  displayName: string;
  profileUrl: string | null;
  unitName: string;
  unitCode: string;
  registeredBy: string | null;
  mine: boolean;
};

/** The accounts awaiting this supervisor: tick what was checked and verify them together, or reject one. */
export function VerificationQueue({ rows, emptyMessage }: { rows: QueueRow[]; emptyMessage: string }) {
  const t = useTranslations("verification");
  const router = useRouter();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [pending, start] = useTransition();
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);
  const choosable = rows.filter((r) => !r.mine).map((r) => r.id);
  const all = choosable.length > 0 && choosable.every((id) => chosen.has(id));

  function toggle(id: string) {
    setChosen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  function verify() {
    start(async () => {
      const result = await verifyAccountsAction({ ids: [...chosen] });
      if (result.ok) {
        setOutcome({ ok: true, message: t("verifiedDone", { count: result.data.verified }) });
        setChosen(new Set());
        router.refresh();
      } else {
        setOutcome({ ok: false, message: [result.message, ...Object.values(result.fieldErrors)].join(" ") });
      }
    });
  }

  const outcomeLine = outcome && (
    <p
      role={outcome.ok ? "status" : "alert"}
      className={`text-sm ${outcome.ok ? "text-green-800" : "text-red-700"}`}
      data-testid="verify-outcome"
    >
      {outcome.message}
    </p>
  );

  // Verifying the last rows empties the queue; the outcome stays above the empty message.
  if (rows.length === 0)
    return (
      <div className="space-y-3">
        {outcomeLine}
        <p className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
          {emptyMessage}
        </p>
      </div>
    );

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <label className="inline-flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            className="h-4 w-4"
            checked={all}
            disabled={choosable.length === 0}
            onChange={() => setChosen(all ? new Set() : new Set(choosable))}
          />
          {t("selectAll")}
        </label>
        <Button type="button" onClick={verify} disabled={pending || chosen.size === 0} data-testid="verify-selected">
          {pending ? t("verifying") : t("verifySelected", { count: chosen.size })}
        </Button>
        {outcomeLine}
      </div>
      <ul
        className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white"
        data-testid="verification-queue"
      >
        {rows.map((r) => (
          <li
            key={r.id}
            className="grid grid-cols-1 gap-2 p-3 text-sm sm:grid-cols-[auto_minmax(0,2fr)_minmax(0,2fr)_minmax(0,1fr)]"
            data-testid="queue-row"
            data-handle={r.handle}
          >
            <div className="pt-0.5">
              <input
                type="checkbox"
                className="h-4 w-4"
                id={`choose-${r.id}`}
                checked={chosen.has(r.id)}
                disabled={r.mine}
                onChange={() => toggle(r.id)}
                aria-label={`${t("colSelect")} @${r.handle} (${r.platformLabel})`}
              />
            </div>
            <div className="min-w-0">
              <label htmlFor={`choose-${r.id}`} className="font-medium text-slate-900">
                {r.platformLabel} · @{r.handle}
              </label>
              <div className="truncate text-xs text-slate-600">{r.displayName}</div>
              {r.profileUrl && (
                <a
                  href={r.profileUrl}
                  target="_blank"
                  rel="noreferrer"
                  className="break-all text-xs text-brand-700 hover:underline"
                >
                  {r.profileUrl}
                </a>
              )}
            </div>
            <div className="min-w-0">
              <div>{r.unitName}</div>
              <code className="text-xs text-slate-600">{r.unitCode}</code>
              {r.registeredBy && (
                <div className="text-xs text-slate-600">
                  {t("colRegistered")}: {r.registeredBy}
                </div>
              )}
              {r.mine && <div className="text-xs text-amber-800">{t("mine")}</div>}
            </div>
            <div>{!r.mine && <RejectAccountForm accountId={r.id} handle={r.handle} />}</div>
          </li>
        ))}
      </ul>
    </div>
  );
}
