"use client";

import { useTranslations } from "next-intl";
import type { Platform } from "@/generated/prisma/enums";
import type { MediaView } from "@/schemas/media";

type Props = {
  platform: Platform;
  name: string;
  handle: string;
  text: string;
  title: string | null;
  media: MediaView[];
};

// Close enough to each platform's own post that an admin notices a caption cut short or a missing image.
export function PlatformPreview(props: Props) {
  const { platform } = props;
  if (platform === "X") return <XPreview {...props} />;
  if (platform === "INSTAGRAM") return <InstagramPreview {...props} />;
  if (platform === "LINE_OA") return <LinePreview {...props} />;
  if (platform === "YOUTUBE") return <YouTubePreview {...props} />;
  if (platform === "TIKTOK") return <TikTokPreview {...props} />;
  return <FacebookPreview {...props} />;
}

function Avatar({ name, round = true }: { name: string; round?: boolean }) {
  return (
    <div
      className={`flex h-10 w-10 shrink-0 items-center justify-center bg-brand-900 text-xs font-bold text-white ${round ? "rounded-full" : "rounded-md"}`}
    >
      {name
        .replace(/^Humas /, "")
        .slice(0, 2)
        .toUpperCase()}
    </div>
  );
}

function MediaGrid({ media, square = false }: { media: MediaView[]; square?: boolean }) {
  if (!media.length) return null;
  const shown = media.slice(0, 4);
  return (
    <div className={`mt-2 grid gap-0.5 overflow-hidden rounded-xl ${shown.length > 1 ? "grid-cols-2" : "grid-cols-1"}`}>
      {shown.map((m) =>
        m.type === "VIDEO" ? (
          <video
            key={m.id}
            src={m.url}
            className={`w-full bg-black object-cover ${square ? "aspect-square" : "aspect-video"}`}
            muted
          />
        ) : (
          // eslint-disable-next-line @next/next/no-img-element -- preview of the user's own upload
          <img
            key={m.id}
            src={m.url}
            alt={m.altText ?? ""}
            className={`w-full object-cover ${square ? "aspect-square" : "aspect-video"}`}
          />
        ),
      )}
    </div>
  );
}

function XPreview({ name, handle, text, media }: Props) {
  const t = useTranslations("composer");
  return (
    <article
      aria-label={t("previewOf", { platform: "X" })}
      className="rounded-xl border border-slate-200 bg-white p-3 font-sans"
    >
      <div className="flex gap-2">
        <Avatar name={name} />
        <div className="min-w-0 flex-1">
          <p className="text-sm">
            <span className="font-bold">{name}</span>{" "}
            <span className="text-slate-600">
              @{handle} · {t("now")}
            </span>
          </p>
          <p className="whitespace-pre-wrap break-words text-[15px] leading-snug">{text}</p>
          <MediaGrid media={media} />
          <div className="mt-2 flex justify-between text-xs text-slate-600">
            <span>💬</span>
            <span>🔁</span>
            <span>♡</span>
            <span>📊</span>
          </div>
        </div>
      </div>
    </article>
  );
}

function FacebookPreview({ name, text, media }: Props) {
  const t = useTranslations("composer");
  return (
    <article
      aria-label={t("previewOf", { platform: "Facebook" })}
      className="rounded-lg border border-slate-200 bg-white p-3"
    >
      <div className="mb-2 flex items-center gap-2">
        <Avatar name={name} />
        <div>
          <p className="text-sm font-semibold text-[#050505]">{name}</p>
          <p className="text-xs text-slate-600">{t("now")} · 🌐</p>
        </div>
      </div>
      <p className="whitespace-pre-wrap break-words text-[15px]">{text}</p>
      <MediaGrid media={media} />
      <div className="mt-2 flex justify-around border-t border-slate-200 pt-2 text-sm text-slate-600">
        <span>👍 {t("like")}</span>
        <span>💬 {t("comment")}</span>
        <span>↗ {t("share")}</span>
      </div>
    </article>
  );
}

function InstagramPreview({ name, handle, text, media }: Props) {
  const t = useTranslations("composer");
  const first = media[0];
  return (
    <article
      aria-label={t("previewOf", { platform: "Instagram" })}
      className="overflow-hidden rounded-lg border border-slate-200 bg-white"
    >
      <div className="flex items-center gap-2 p-2">
        <Avatar name={name} />
        <span className="text-sm font-semibold">{handle}</span>
      </div>
      {first ? (
        <MediaGrid media={[first]} square />
      ) : (
        <div className="flex aspect-square items-center justify-center bg-slate-100 text-sm text-slate-600">
          {t("instagramNeedsImage")}
        </div>
      )}
      {media.length > 1 && (
        <p className="text-center text-xs text-slate-600">{t("carousel", { count: media.length })}</p>
      )}
      <p className="whitespace-pre-wrap break-words p-2 text-sm">
        <span className="font-semibold">{handle}</span> {text}
      </p>
    </article>
  );
}

function LinePreview({ name, text, media }: Props) {
  const t = useTranslations("composer");
  return (
    <article aria-label={t("previewOf", { platform: "LINE" })} className="space-y-2 rounded-lg bg-[#8cabd9] p-3">
      <div className="flex gap-2">
        <Avatar name={name} />
        <div className="space-y-1">
          <p className="text-xs text-white">{name}</p>
          {text && (
            <p className="max-w-xs whitespace-pre-wrap break-words rounded-2xl bg-white px-3 py-2 text-sm">{text}</p>
          )}
          {media.map((m) => (
            <MediaGrid key={m.id} media={[m]} />
          ))}
        </div>
      </div>
    </article>
  );
}

function YouTubePreview({ name, text, title, media }: Props) {
  const t = useTranslations("composer");
  const video = media.find((m) => m.type === "VIDEO");
  return (
    <article aria-label={t("previewOf", { platform: "YouTube" })} className="rounded-lg bg-white">
      {video ? (
        <video src={video.url} className="aspect-video w-full rounded-xl bg-black" muted />
      ) : (
        <div className="flex aspect-video items-center justify-center rounded-xl bg-slate-900 text-sm text-white">
          {t("videoNeeded")}
        </div>
      )}
      <p className="mt-2 font-semibold">{title || t("untitled")}</p>
      <p className="text-xs text-slate-600">{name}</p>
      <p className="mt-1 line-clamp-3 whitespace-pre-wrap rounded-lg bg-slate-100 p-2 text-xs">{text}</p>
    </article>
  );
}

function TikTokPreview({ handle, text, media }: Props) {
  const t = useTranslations("composer");
  const video = media.find((m) => m.type === "VIDEO");
  return (
    <article
      aria-label={t("previewOf", { platform: "TikTok" })}
      className="relative mx-auto aspect-[9/16] w-56 overflow-hidden rounded-xl bg-black text-white"
    >
      {video ? (
        <video src={video.url} className="h-full w-full object-cover" muted />
      ) : (
        <div className="flex h-full items-center justify-center text-sm">{t("videoNeeded")}</div>
      )}
      <div className="absolute inset-x-0 bottom-0 bg-gradient-to-t from-black/80 p-3 text-xs">
        <p className="font-semibold">@{handle}</p>
        <p className="line-clamp-3 whitespace-pre-wrap">{text}</p>
      </div>
    </article>
  );
}
