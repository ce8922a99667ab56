"use client";

import { useTranslations } from "next-intl";

// A small mark per platform: its own letters on its own colour, so the platform is told by the mark's
// shape as well as its colour, and an accessible name (the platform as people write it) for screen readers.
const marks: Record<string, { glyph: string; className: string }> = {
  X: { glyph: "X", className: "bg-slate-900" },
  FACEBOOK_PAGE: { glyph: "f", className: "bg-blue-700" },
  INSTAGRAM: { glyph: "IG", className: "bg-pink-700" },
  LINE_OA: { glyph: "L", className: "bg-green-700" },
  YOUTUBE: { glyph: "YT", className: "bg-red-700" },
  TIKTOK: { glyph: "TT", className: "bg-slate-700" },
};

export function PlatformIcon({ platform }: { platform: string }) {
  const t = useTranslations("platforms");
  const mark = marks[platform] ?? { glyph: platform.slice(0, 2), className: "bg-slate-700" };
  const name = t.has(platform) ? t(platform) : platform;
  return (
    <span
      role="img"
      aria-label={name}
      title={name}
      data-platform={platform}
      className={`platform-mark ${mark.className}`}
    >
      <span aria-hidden="true">{mark.glyph}</span>
    </span>
  );
}
