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
};
