import type { Platform } from "@/generated/prisma/enums";
import type { MediaView } from "@/schemas/media";

// What the compose page hands to the browser: no tokens, only what the person may target.
export type ComposerAccount = {
  id: string;
  platform: Platform;
  handle: string;
  displayName: string;
  unitId: string;
  unitName: string;
  unitPath: string;
  timeZone: string;
  status: "ACTIVE" | "NEEDS_RECONNECT" | "DISABLED";
};

export type ComposerUnit = { id: string; name: string; path: string; level: number; timeZone: string };

export type ComposerGroup = { id: string; name: string; accountIds: string[] };

export type ComposerInitial = {
  postId: string;
  unitId: string;
  baseText: string;
  title: string | null;
  media: MediaView[];
  targets: { accountId: string; textOverride: string | null; scheduledAt: string | null }[];
};
