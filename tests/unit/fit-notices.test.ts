import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import id from "@/messages/id.json";

// The composer's sentences telling the operator what each platform gets (src/components/composer/media-uploader.tsx),
// in both languages: every combination reads as a sentence with the numbers in it.

const t = {
  id: createTranslator({ locale: "id", messages: id, namespace: "composer" }),
  en: createTranslator({ locale: "en", messages: en, namespace: "composer" }),
};

describe("fitted-media notices", () => {
  it("says a PNG was converted to JPEG for Instagram, and margins when they were added", () => {
    const png = { from: "PNG", converted: "yes", padded: "no", width: 1080, height: 1350 };
    expect(t.id("fitInstagram", png)).toBe("Instagram: gambar PNG diubah ke JPEG (1080×1350).");
    expect(t.en("fitInstagram", png)).toBe("Instagram: the PNG image was converted to JPEG (1080×1350).");
    const tall = { from: "JPEG", converted: "no", padded: "yes", width: 768, height: 960 };
    expect(t.id("fitInstagram", tall)).toBe(
      "Instagram: gambar JPEG, diberi tepi putih agar rasionya antara 4:5 dan 1,91:1 (768×960).",
    );
    expect(t.en("fitInstagram", { ...tall, converted: "yes", from: "PNG" })).toBe(
      "Instagram: the PNG image was converted to JPEG, with white margins so its aspect ratio is between 4:5 and 1.91:1 (768×960).",
    );
  });

  it("says LINE gets a smaller preview and the original, or a plain preview for a video", () => {
    const preview = { width: 1024, height: 768, sizeKb: 512, originalKb: 3120 };
    expect(t.id("fitLinePreview", preview)).toBe(
      "LINE: gambar pratinjau diperkecil menjadi JPEG 1024×768 (512 KB; LINE membatasi pratinjau 1 MB). Gambar asli (3120 KB) tetap dikirim.",
    );
    expect(t.en("fitLinePreview", preview)).toContain("The original (3120 KB) is still sent.");
    expect(t.id("fitLineVideo", { width: 640, height: 360 })).toContain(
      "gambar pratinjau polos bertanda putar (640×360)",
    );
  });
});
