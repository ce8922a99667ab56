import { z } from "zod";
import { text } from "@/schemas/shared";

export const altTextSchema = text().trim().max(1000);

export const uploadMediaSchema = z.object({
  unitId: z.uuid(),
  fileName: text().trim().min(1).max(255),
  altText: altTextSchema.optional(),
});

export type MediaView = {
  id: string;
  type: "IMAGE" | "GIF" | "VIDEO";
  mimeType: string;
  fileName: string;
  sizeBytes: number;
  width: number | null;
  height: number | null;
  durationSec: number | null;
  altText: string | null;
  url: string;
  /** What Siar did so each platform accepts the image (docs/platforms.md "Media fitted to each platform"). */
  fitted: FitNotice[];
};

/** One platform's fitted copy of an image, as the composer tells the operator. */
export type FitNotice =
  | {
      platform: "INSTAGRAM";
      from: string;
      converted: boolean;
      padded: boolean;
      width: number;
      height: number;
    }
  | { platform: "LINE_OA"; width: number; height: number; sizeKb: number; originalKb: number; generic: boolean };
