import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { UserStatusBadge } from "@/components/users/user-status-badge";
import { buttonClass } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { Notice, PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { runAction } from "@/server/action-result";
import { actorCanAnywhere, requireActorPage } from "@/server/auth/guards";
import { listUsers } from "@/server/users/list-users";

export async function generateMetadata() {
  return { title: (await getTranslations("users"))("title") };
}

export default async function UsersPage({ searchParams }: { searchParams: Promise<{ q?: string; page?: string }> }) {
  const actor = await requireActorPage();
  // No user to manage anywhere: 404, not 200 with a notice (decision 0009). A bad search keeps its message.
  if (!actorCanAnywhere(actor, "user.manage")) notFound();
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
      <form method="get" role="search" className="mb-4 flex max-w-xl flex-wrap items-end gap-2">
        <label className="min-w-48 flex-1 text-sm">
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
      <DataTable
        label={t("tableLabel")}
        rows={items}
        columns={[
          {
            key: "name",
            header: t("colName"),
            cell: (u) => (
              <Link href={`/users/${u.id}`} className="font-medium text-brand-700 hover:underline">
                {u.name}
              </Link>
            ),
          },
          { key: "email", header: t("colEmail"), className: "break-all", cell: (u) => u.email },
          {
            key: "memberships",
            header: t("colMemberships"),
            className: "min-w-48 text-xs",
            cell: (u) =>
              u.memberships.map((m) => (
                <div key={m.id}>
                  {tr(m.role)} · {m.unit.name}
                </div>
              )),
          },
          {
            key: "status",
            header: t("colStatus"),
            cell: (u) => <UserStatusBadge disabled={u.disabledAt !== null} lockedUntil={u.lockedUntil} />,
          },
        ]}
        rowKey={(u) => u.id}
        rowProps={(u) => ({ className: u.disabledAt ? "bg-slate-50 text-slate-600" : "" })}
        empty={t("empty")}
        testId="user-table"
      />
      <Pagination path="/users" params={{ q: sp.q }} page={page} pages={pages} />
    </div>
  );
}
