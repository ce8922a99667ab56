"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { importFates, type ImportFate, type ImportKind, type PreviewView } from "@/schemas/imports";

type ApiError = { message: string; fieldErrors: Record<string, string> };
type Outcome = { counts: Record<ImportFate, number> };

const tone = { new: "blue", changed: "amber", unchanged: "slate", error: "red" } as const;
// Enough rows to read on screen; a 5,000-row file is looked at by filter.
const MAX_SHOWN = 300;

async function send(kind: ImportKind, form: FormData): Promise<{ data?: unknown; error?: ApiError }> {
  const res = await fetch(`/api/imports/${kind}`, { method: "POST", body: form });
  return (await res.json()) as { data?: unknown; error?: ApiError };
}

/**
 * Upload, preview, confirm (decision 0013): the preview lists every row with its fate and the message of each
 * bad cell; nothing is written until the operator confirms, which sends the same file with the preview's hash.
 */
export function ImportPanel({ kind, columns }: { kind: ImportKind; columns: readonly string[] }) {
  const t = useTranslations("imports");
  const ids = useId();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<PreviewView | null>(null);
  const [filter, setFilter] = useState<ImportFate | "all">("all");
  const [busy, setBusy] = useState<"preview" | "commit" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<Outcome | null>(null);

  async function run(mode: "preview" | "commit") {
    if (!file) {
      setError(t("chooseFile"));
      return;
    }
    setBusy(mode);
    setError(null);
    setDone(null);
    const form = new FormData();
    form.set("file", file);
    form.set("mode", mode);
    if (mode === "commit" && preview) form.set("planHash", preview.planHash);
    try {
      const body = await send(kind, form);
      if (body.error) {
        setError(body.error.fieldErrors.file ?? body.error.message);
        if (mode === "preview") setPreview(null);
      } else if (mode === "preview") {
        const p = body.data as PreviewView;
        setPreview(p);
        setFilter(p.rows.length > MAX_SHOWN && p.counts.error ? "error" : "all");
      } else {
        setDone(body.data as Outcome);
        setPreview(null);
      }
    } catch {
      setError(t("failed"));
    } finally {
      setBusy(null);
    }
  }

  const rows = preview ? preview.rows.filter((r) => filter === "all" || r.fate === filter) : [];
  const toWrite = preview ? preview.counts.new + preview.counts.changed : 0;

  return (
    <div className="space-y-4">
      <section aria-labelledby={`${ids}-upload`} className="space-y-3">
        <h2 id={`${ids}-upload`} className="text-base font-semibold">
          {t("stepUpload")}
        </h2>
        <div>
          <label htmlFor={`${ids}-file`} className="block text-sm font-medium">
            {t("fileLabel")}
          </label>
          <input
            id={`${ids}-file`}
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby={`${ids}-hint`}
            className="mt-1 block w-full max-w-md text-sm"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setPreview(null);
              setDone(null);
              setError(null);
            }}
          />
          <p id={`${ids}-hint`} className="mt-1 text-xs text-slate-600">
            {t("fileHint")}
          </p>
        </div>
        <Button onClick={() => void run("preview")} disabled={busy !== null}>
          {busy === "preview" ? t("previewing") : t("preview")}
        </Button>
      </section>

      {error && (
        <p
          role="alert"
          className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
          data-testid="import-error"
        >
          {error}
        </p>
      )}
      {done && (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800" data-testid="import-done">
          {t("done", done.counts)}
        </p>
      )}

      {preview && (
        <section aria-labelledby={`${ids}-preview`} className="space-y-3">
          <h2 id={`${ids}-preview`} className="sr-only">
            {t("preview")}
          </h2>
          <p role="status" className="text-sm font-medium" data-testid="import-summary">
            {t("summary", preview.counts)}
          </p>
          <div className="flex flex-wrap items-end gap-3">
            <div>
              <label htmlFor={`${ids}-filter`} className="block text-sm font-medium">
                {t("filter")}
              </label>
              <select
                id={`${ids}-filter`}
                value={filter}
                onChange={(e) => setFilter(e.target.value as ImportFate | "all")}
                className="mt-1 rounded-md border border-slate-300 px-2 py-1 text-sm"
              >
                <option value="all">{t("filterAll")}</option>
                {importFates.map((f) => (
                  <option key={f} value={f}>
                    {t(`fate.${f}`)} ({preview.counts[f]})
                  </option>
                ))}
              </select>
            </div>
            {toWrite > 0 ? (
              <Button onClick={() => void run("commit")} disabled={busy !== null} data-testid="import-confirm">
                {busy === "commit" ? t("committing") : t("confirm", { count: toWrite })}
              </Button>
            ) : (
              <p className="text-sm text-slate-600">{t("nothingToWrite")}</p>
            )}
          </div>
          {toWrite > 0 && preview.counts.error > 0 && (
            <p className="text-sm text-amber-800">{t("skipped", { count: preview.counts.error })}</p>
          )}
          {rows.length > MAX_SHOWN && (
            <p className="text-xs text-slate-600">{t("shown", { shown: MAX_SHOWN, total: rows.length })}</p>
          )}
          <div className="overflow-x-auto rounded-md border border-slate-200">
            <table className="min-w-full text-left text-sm">
              <thead className="bg-slate-50 text-xs uppercase text-slate-600">
                <tr>
                  <th scope="col" className="px-2 py-2">
                    {t("colLine")}
                  </th>
                  <th scope="col" className="px-2 py-2">
                    {t("colFate")}
                  </th>
                  {columns.map((c) => (
                    <th key={c} scope="col" className="px-2 py-2 font-mono normal-case">
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.slice(0, MAX_SHOWN).map((r) => (
                  <tr
                    key={r.line}
                    className="border-t border-slate-100 align-top"
                    data-testid="import-row"
                    data-line={r.line}
                    data-fate={r.fate}
                  >
                    <th scope="row" className="px-2 py-1 font-normal text-slate-600">
                      {r.line}
                    </th>
                    <td className="px-2 py-1">
                      <Badge tone={tone[r.fate]}>{t(`fate.${r.fate}`)}</Badge>
                    </td>
                    {columns.map((c) => {
                      const message = r.errors[c];
                      return (
                        <td
                          key={c}
                          className={`px-2 py-1 ${message ? "bg-red-50" : r.changed.includes(c) ? "bg-amber-50" : ""}`}
                          data-column={c}
                        >
                          <span className="break-all">{r.cells[c] ?? ""}</span>
                          {r.previous?.[c] !== undefined && (
                            <span className="mt-0.5 block text-xs text-amber-800" data-testid="cell-previous">
                              {t("previous", { value: r.previous[c] || "—" })}
                            </span>
                          )}
                          {message && (
                            <span className="mt-0.5 block text-xs text-red-700" data-testid="cell-error">
                              {message}
                            </span>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </div>
  );
}
