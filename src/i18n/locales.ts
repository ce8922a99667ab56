export const locales = ["id", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "id";
export const localeCookie = "siar-locale";

export function toLocale(value: string | undefined | null): Locale {
  return value === "en" ? "en" : defaultLocale;
}
