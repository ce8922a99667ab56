import { getTranslations } from "next-intl/server";
import Link from "next/link";

/** Previous/next links that keep the current filters in the query string. */
export async function Pagination({
  path,
  params,
  page,
  pages,
}: {
  path: string;
  params: Record<string, string | undefined>;
  page: number;
  pages: number;
}) {
  if (pages <= 1) return null;
  const t = await getTranslations("common");
  const href = (p: number) => {
    const q = new URLSearchParams(
      Object.entries({ ...params, page: String(p) }).filter((e): e is [string, string] => Boolean(e[1])),
    );
    return `${path}?${q}`;
  };
  const link = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50";
  return (
    <nav aria-label={t("page", { page, pages })} className="mt-4 flex items-center justify-between gap-4 text-sm">
      {page > 1 ? (
        <Link href={href(page - 1)} className={link} rel="prev">
          {t("previous")}
        </Link>
      ) : (
        <span />
      )}
      <span className="text-slate-600">{t("page", { page, pages })}</span>
      {page < pages ? (
        <Link href={href(page + 1)} className={link} rel="next">
          {t("next")}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
