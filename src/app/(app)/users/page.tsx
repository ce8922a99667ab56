import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { UserStatusBadge } from "@/components/users/user-status-badge";
import { buttonClass } from "@/components/ui/button";
import { Notice, PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { runAction } from "@/server/action-result";
import { requireActorPage } from "@/server/auth/guards";
import { listUsers } from "@/server/users/list-users";

export async function generateMetadata() {
  return { title: (await getTranslations("users"))("title") };
}

export default async function UsersPage({ searchParams }: { searchParams: Promise<{ q?: string; page?: string }> }) {
  const actor = await requireActorPage();
  const sp = await searchParams;
  const [t, tc, tr] = await Promise.all([
    getTranslations("users"),
    getTranslations("common"),
    getTranslations("roles"),
  ]);
  const result = await runAction(() => listUsers(actor, sp));
  if (!result.ok) return <Notice tone="error">{result.message}</Notice>;
  const { items, total, page, pages } = result.data;
  return (
    <div>
      <PageHeader
        title={t("title")}
        subtitle={t("subtitle")}
        actions={
          <Link href="/users/new" className={buttonClass()}>
            {t("newUser")}
          </Link>
        }
      />
      <form method="get" role="search" className="mb-4 flex max-w-xl items-end gap-2">
        <label className="flex-1 text-sm">
          <span className="font-medium text-slate-700">{t("searchLabel")}</span>
          <input
            type="search"
            name="q"
            defaultValue={sp.q ?? ""}
            maxLength={100}
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
          />
        </label>
        <button type="submit" className={buttonClass()}>
          {tc("search")}
        </button>
      </form>
      <p className="mb-2 text-sm text-slate-600">{t("total", { count: total })}</p>
      {items.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-slate-500">
          {t("empty")}
        </p>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="user-table">
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-3">
                  {t("colName")}
                </th>
                <th scope="col" className="px-4 py-3">
                  {t("colEmail")}
                </th>
                <th scope="col" className="px-4 py-3">
                  {t("colMemberships")}
                </th>
                <th scope="col" className="px-4 py-3">
                  {t("colStatus")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((u) => (
                <tr key={u.id} className={u.disabledAt ? "bg-slate-50 text-slate-400" : ""}>
                  <td className="px-4 py-3">
                    <Link href={`/users/${u.id}`} className="font-medium text-brand-700 hover:underline">
                      {u.name}
                    </Link>
                  </td>
                  <td className="px-4 py-3">{u.email}</td>
                  <td className="px-4 py-3 text-xs">
                    {u.memberships.map((m) => (
                      <div key={m.id}>
                        {tr(m.role)} · {m.unit.name}
                      </div>
                    ))}
                  </td>
                  <td className="px-4 py-3">
                    <UserStatusBadge disabled={u.disabledAt !== null} lockedUntil={u.lockedUntil} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination path="/users" params={{ q: sp.q }} page={page} pages={pages} />
    </div>
  );
}
