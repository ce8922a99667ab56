"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

type Result = { ok: true } | { ok: false; message: string; fieldErrors: Record<string, string> };

/** A decision for more accounts than this asks first (issue 14). */
const CONFIRM_ABOVE = 10;

/**
 * Approve the version shown (decision 0009), or send back with a comment the author will read. The comment
 * typed before approving goes with the approval. A post for more than ten accounts asks first.
 */
export function DecisionPanel({
  postId,
  version,
  accounts,
  platforms,
  approve,
  reject,
}: {
  postId: string;
  version: number;
  /** How many accounts and platforms the decision touches. */
  accounts: number;
  platforms: number;
  approve: (input: unknown) => Promise<Result>;
  reject: (input: unknown) => Promise<Result>;
}) {
  const t = useTranslations("approvals");
  const router = useRouter();
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const [asking, setAsking] = useState<"approve" | "reject" | null>(null);
  const run = (fn: () => Promise<Result>) =>
    start(async () => {
      setError(null);
      const result = await fn();
      if (!result.ok) setError([result.message, ...Object.values(result.fieldErrors)].join(" "));
      else {
        setComment("");
        router.refresh();
      }
    });
  const decide = (what: "approve" | "reject") =>
    run(() => (what === "approve" ? approve({ postId, version, comment }) : reject({ postId, comment })));
  return (
    <div className="space-y-2" data-testid={`decision-${postId}`}>
      <label className="block text-sm">
        <span className="font-medium">{t("comment")}</span>
        <textarea
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          rows={2}
          className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1"
          placeholder={t("commentPlaceholder")}
        />
      </label>
      <div className="flex gap-2">
        <button
          type="button"
          disabled={pending}
          onClick={() => (accounts > CONFIRM_ABOVE ? setAsking("approve") : decide("approve"))}
          className="rounded-md bg-emerald-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-emerald-800 disabled:opacity-60"
        >
          {t("approve")}
        </button>
        <button
          type="button"
          disabled={pending}
          onClick={() => (accounts > CONFIRM_ABOVE ? setAsking("reject") : decide("reject"))}
          className="rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm font-semibold text-red-700 hover:bg-red-50 disabled:opacity-60"
        >
          {t("reject")}
        </button>
      </div>
      {asking !== null && (
        <ConfirmDialog
          open
          variant={asking === "approve" ? "primary" : "danger"}
          title={t(asking === "reject" ? "confirmRejectTitle" : "confirmApproveTitle", { count: accounts })}
          message={t(asking === "reject" ? "confirmRejectMessage" : "confirmApproveMessage", {
            count: accounts,
            platforms,
          })}
          confirmLabel={t(asking === "reject" ? "confirmReject" : "confirmApprove")}
          onClose={() => setAsking(null)}
          onConfirm={() => {
            const what = asking ?? "approve";
            setAsking(null);
            decide(what);
          }}
        />
      )}
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
