"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

type Result = { ok: true } | { ok: false; message: string; fieldErrors: Record<string, string> };

export function PauseForm({
  units,
  pause,
}: {
  units: { id: string; name: string; level: number }[];
  pause: (input: unknown) => Promise<Result>;
}) {
  const t = useTranslations("pause");
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<Record<string, string> | null>(null);
  return (
    <form
      className="space-y-3 rounded-xl border border-red-200 bg-white p-4"
      onSubmit={(event) => {
        // onSubmit keeps what was typed when the server refuses (a form action would reset the form).
        event.preventDefault();
        const element = event.currentTarget;
        const form = new FormData(element);
        start(async () => {
          setError(null);
          const result = await pause({ unitId: form.get("unitId"), reason: form.get("reason") });
          if (!result.ok) setError({ _: result.message, ...result.fieldErrors });
          else {
            element.reset();
            router.refresh();
          }
        });
      }}
    >
      <h2 className="font-semibold text-red-800">{t("startTitle")}</h2>
      <label className="block text-sm">
        <span className="font-medium">{t("unit")}</span>
        <select
          name="unitId"
          aria-label={t("unit")}
          className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5"
        >
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {"\u2003".repeat(u.level)}
              {u.name}
            </option>
          ))}
        </select>
      </label>
      <label className="block text-sm">
        <span className="font-medium">{t("reason")}</span>
        <textarea
          name="reason"
          rows={2}
          maxLength={500}
          aria-invalid={Boolean(error?.reason)}
          className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5"
          placeholder={t("reasonPlaceholder")}
        />
        {error?.reason && (
          <span role="alert" className="text-xs text-red-700">
            {error.reason}
          </span>
        )}
      </label>
      {error?._ && (
        <p role="alert" className="text-sm text-red-700">
          {error._}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-red-700 px-4 py-2 text-sm font-semibold text-white hover:bg-red-800 disabled:opacity-60"
      >
        {t("start")}
      </button>
    </form>
  );
}
