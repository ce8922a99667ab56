"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, type ReactNode } from "react";
import type { Platform } from "@/generated/prisma/enums";
import type { FitNotice, MediaView } from "@/schemas/media";

type Upload = { key: string; name: string; progress: number; error: string | null };

/** Uploads with XMLHttpRequest so the progress of a large video is visible; images ask for alt text. */
export function MediaUploader({
  unitId,
  media,
  onChange,
  problems,
  describedBy,
  platforms = [],
}: {
  unitId: string;
  media: MediaView[];
  /** The platforms chosen so far: what was fitted for them is shown (everything while none is chosen). */
  platforms?: Platform[];
  onChange: (next: MediaView[]) => void;
  /** The composer's problems with the media and with alt text, shown here where they are fixed. */
  problems?: { media: ReactNode; alt: ReactNode };
  describedBy?: { media?: string; alt?: string };
}) {
  const t = useTranslations("composer");
  const fitText = (n: FitNotice) =>
    n.platform === "INSTAGRAM"
      ? t("fitInstagram", {
          from: n.from,
          converted: n.converted ? "yes" : "no",
          padded: n.padded ? "yes" : "no",
          width: n.width,
          height: n.height,
        })
      : n.generic
        ? t("fitLineVideo", { width: n.width, height: n.height })
        : t("fitLinePreview", { width: n.width, height: n.height, sizeKb: n.sizeKb, originalKb: n.originalKb });
  const input = useRef<HTMLInputElement>(null);
  const [uploads, setUploads] = useState<Upload[]>([]);
  // The media list as of the last render, for uploads that finish later.
  const latest = useRef(media);
  useEffect(() => {
    latest.current = media;
  }, [media]);

  function upload(file: File) {
    const key = crypto.randomUUID();
    setUploads((u) => [...u, { key, name: file.name, progress: 0, error: null }]);
    const update = (patch: Partial<Upload>) =>
      setUploads((u) => u.map((x) => (x.key === key ? { ...x, ...patch } : x)));
    const form = new FormData();
    form.set("file", file);
    form.set("unitId", unitId);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/media");
    xhr.upload.onprogress = (e) => e.lengthComputable && update({ progress: Math.round((e.loaded / e.total) * 100) });
    xhr.onload = () => {
      const body = JSON.parse(xhr.responseText || "{}") as {
        data?: MediaView;
        error?: { message: string; fieldErrors: Record<string, string> };
      };
      if (xhr.status === 201 && body.data) {
        // Kept here at once, not only after the next render: two uploads that finish before React renders again
        // would otherwise each add to the same old list, and the first file would be lost.
        const next = [...latest.current, body.data];
        latest.current = next;
        onChange(next);
        setUploads((u) => u.filter((x) => x.key !== key));
      } else {
        update({ error: body.error?.fieldErrors.file ?? body.error?.message ?? t("uploadFailed") });
      }
    };
    xhr.onerror = () => update({ error: t("uploadFailed") });
    xhr.send(form);
  }

  return (
    <section aria-labelledby="media-heading" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="media-heading" className="text-sm font-semibold">
          {t("media")}
        </h2>
        <button
          id="field-media"
          type="button"
          aria-describedby={describedBy?.media}
          onClick={() => input.current?.click()}
          className="rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50"
        >
          {t("addMedia")}
        </button>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          accept="image/jpeg,image/png,image/gif,video/mp4,video/quicktime"
          data-testid="media-input"
          onChange={(e) => {
            Array.from(e.target.files ?? []).forEach(upload);
            e.target.value = "";
          }}
        />
      </div>
      {uploads.map((u) => (
        <div key={u.key} className="text-sm">
          <div className="flex justify-between">
            <span>{u.name}</span>
            <span>{u.error ? "" : `${u.progress}%`}</span>
          </div>
          {u.error ? (
            <p role="alert" className="text-red-700">
              {u.error}
            </p>
          ) : (
            <div
              className="h-2 rounded bg-slate-200"
              role="progressbar"
              aria-valuenow={u.progress}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-label={u.name}
            >
              <div className="h-2 rounded bg-brand-600" style={{ width: `${u.progress}%` }} />
            </div>
          )}
        </div>
      ))}
      {problems?.media}
      {problems?.alt && (
        <div id="field-alt" tabIndex={-1} className="focus:outline-none">
          {problems.alt}
        </div>
      )}
      <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        {media.map((m) => (
          <li key={m.id} className="flex gap-3 rounded-lg border border-slate-200 p-2">
            {m.type === "VIDEO" ? (
              <video src={m.url} className="h-20 w-20 rounded bg-black object-cover" muted />
            ) : (
              // eslint-disable-next-line @next/next/no-img-element -- user uploads from our own /media route
              <img src={m.url} alt={m.altText ?? ""} className="h-20 w-20 rounded object-cover" />
            )}
            <div className="min-w-0 flex-1 space-y-1 text-xs">
              <p className="truncate font-medium">{m.fileName}</p>
              <p className="text-slate-600">
                {(m.sizeBytes / 1024 / 1024).toFixed(1)} MB{m.width ? ` · ${m.width}×${m.height}` : ""}
                {m.durationSec ? ` · ${Math.round(m.durationSec)} s` : ""}
              </p>
              {(() => {
                const shown = m.fitted.filter((n) => platforms.length === 0 || platforms.includes(n.platform));
                return shown.length > 0 ? (
                  <ul aria-label={t("fittedFor", { name: m.fileName })} className="space-y-0.5 text-slate-700">
                    {shown.map((n) => (
                      <li key={n.platform}>{fitText(n)}</li>
                    ))}
                  </ul>
                ) : null;
              })()}
              {m.type !== "VIDEO" && (
                <label className="block">
                  <span className="sr-only">{t("altText")}</span>
                  <input
                    value={m.altText ?? ""}
                    placeholder={t("altTextPlaceholder")}
                    aria-label={t("altTextFor", { name: m.fileName })}
                    aria-invalid={Boolean(describedBy?.alt && !m.altText?.trim())}
                    aria-describedby={m.altText?.trim() ? undefined : describedBy?.alt}
                    onChange={(e) =>
                      onChange(media.map((x) => (x.id === m.id ? { ...x, altText: e.target.value } : x)))
                    }
                    className={`w-full rounded border px-1.5 py-1 ${m.altText?.trim() ? "border-slate-300" : "border-amber-500 bg-amber-50"}`}
                  />
                </label>
              )}
              <button
                type="button"
                onClick={() => onChange(media.filter((x) => x.id !== m.id))}
                className="text-red-700 hover:underline"
              >
                {t("removeMedia")}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
