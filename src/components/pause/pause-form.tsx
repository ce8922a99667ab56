"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

type Result = { ok: true } | { ok: false; message: string; fieldErrors: Record<string, string> };

/**
 * Starts a crisis pause. The unit starts unchosen; a complete form asks first, naming what the pause
 * touches ("Menjeda 37 unggahan terjadwal di 12 unit"), and an incomplete one goes to the server, which
 * answers with each field's message.
 */
export function PauseForm({
  units,
  impact,
  pause,
}: {
  units: { id: string; name: string; level: number }[];
  impact: Record<string, { posts: number; units: number }>;
  pause: (input: unknown) => Promise<Result>;
}) {
  const t = useTranslations("pause");
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<Record<string, string> | null>(null);
  const [asking, setAsking] = useState<{ form: HTMLFormElement; unitId: string; reason: string } | null>(null);
  // onSubmit keeps what was typed when the server refuses (a form action would reset the form).
  const send = (element: HTMLFormElement, input: { unitId: unknown; reason: unknown }) =>
    start(async () => {
      setError(null);
      const result = await pause(input);
      if (!result.ok) setError({ _: result.message, ...result.fieldErrors });
      else {
        element.reset();
        router.refresh();
      }
    });
  const unit = asking && units.find((u) => u.id === asking.unitId);
  const touched = asking ? (impact[asking.unitId] ?? { posts: 0, units: 0 }) : null;
  return (
    <form
      noValidate
      className="space-y-3 rounded-xl border border-red-200 bg-white p-4"
      onSubmit={(event) => {
        event.preventDefault();
        const element = event.currentTarget;
        const form = new FormData(element);
        const field = (name: string) => {
          const value = form.get(name);
          return typeof value === "string" ? value : "";
        };
        const unitId = field("unitId");
        const reason = field("reason");
        if (unitId && reason.trim()) setAsking({ form: element, unitId, reason });
        else send(element, { unitId, reason });
      }}
    >
      <h2 className="font-semibold text-red-800">{t("startTitle")}</h2>
      <label className="block text-sm">
        <span className="font-medium">{t("unit")}</span>
        <select
          name="unitId"
          aria-label={t("unit")}
          required
          defaultValue=""
          aria-invalid={Boolean(error?.unitId)}
          className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5"
        >
          <option value="">{t("chooseUnit")}</option>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {"\u2003".repeat(u.level)}
              {u.name}
            </option>
          ))}
        </select>
        {error?.unitId && (
          <span role="alert" className="text-xs text-red-700">
            {error.unitId}
          </span>
        )}
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
      <ConfirmDialog
        open={asking !== null}
        title={t("confirmTitle", { unit: unit?.name ?? "" })}
        message={t("confirmMessage", {
          posts: touched?.posts ?? 0,
          units: touched?.units ?? 0,
          unit: unit?.name ?? "",
        })}
        confirmLabel={t("confirmStart")}
        onClose={() => setAsking(null)}
        onConfirm={() => {
          if (asking) send(asking.form, { unitId: asking.unitId, reason: asking.reason });
          setAsking(null);
        }}
      />
    </form>
  );
}
