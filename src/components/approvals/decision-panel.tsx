"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

type Result = { ok: true } | { ok: false; message: string; fieldErrors: Record<string, string> };

/** Approve the version shown (decision 0009), or send back with a comment the author will read. */
export function DecisionPanel({
  postId,
  version,
  approve,
  reject,
}: {
  postId: string;
  version: number;
  approve: (input: unknown) => Promise<Result>;
  reject: (input: unknown) => Promise<Result>;
}) {
  const t = useTranslations("approvals");
  const router = useRouter();
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
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
          onClick={() => run(() => approve({ postId, version, comment }))}
          className="rounded-md bg-emerald-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-emerald-800 disabled:opacity-60"
        >
          {t("approve")}
        </button>
        <button
          type="button"
          disabled={pending}
          onClick={() => run(() => reject({ postId, comment }))}
          className="rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm font-semibold text-red-700 hover:bg-red-50 disabled:opacity-60"
        >
          {t("reject")}
        </button>
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
