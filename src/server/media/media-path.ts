import "server-only";
import path from "node:path";
import { env } from "@/server/env";

// Files live under MEDIA_DIR by storage key; keys are generated (uuid + extension), never user input.
export const storageKeyPattern = /^[0-9a-f-]{36}\.(jpg|png|gif|mp4|mov)$/;

export function mediaFilePath(storageKey: string): string {
  if (!storageKeyPattern.test(storageKey)) throw new Error("Invalid storage key");
  return path.resolve(env().MEDIA_DIR, storageKey);
}

/** The address platforms fetch the file from (Facebook, Instagram, LINE take URLs). */
export function mediaPublicUrl(storageKey: string): string {
  return `${env().PUBLIC_BASE_URL.replace(/\/$/, "")}/media/${storageKey}`;
}
