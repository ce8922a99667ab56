import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { MembershipForm, RemoveMembershipButton } from "@/components/users/membership-form";
import { ResetPasswordForm, UserStatusButton } from "@/components/users/user-controls";
import { UserStatusBadge } from "@/components/users/user-status-badge";
import { indent } from "@/components/ui/field";
import { Card, Notice, PageHeader } from "@/components/ui/page-header";
import { runAction } from "@/server/action-result";
import { actorCan, requireActorPage } from "@/server/auth/guards";
import { listUnitOptions } from "@/server/units/list-unit-options";
import { getUser } from "@/server/users/get-user";

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActorPage();
  const { id } = await params;
  const [t, tr] = await Promise.all([getTranslations("users"), getTranslations("roles")]);
  const result = await runAction(() => getUser(actor, id));
  // Refused or missing: 404, not 200 with a notice (decision 0009).
  if (!result.ok) notFound();
  const user = result.data;
  const units = await listUnitOptions(actor, "user.manage");
  return (
    <div className="space-y-6">
      <PageHeader
        title={
          <span className="flex items-center gap-3">
            {user.name} <UserStatusBadge disabled={user.disabledAt !== null} lockedUntil={user.lockedUntil} />
          </span>
        }
        subtitle={user.email}
        actions={
          user.id !== actor.id && (
            <UserStatusButton
              userId={user.id}
              disabled={user.disabledAt !== null}
              name={user.name}
              memberships={user.memberships.length}
            />
          )
        }
      />
      {user.disabledAt && <Notice tone="warn">{t("disabledNote")}</Notice>}
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card title={t("memberships")}>
          <p className="mb-3 text-xs text-slate-600">{t("membershipsHint")}</p>
          {user.memberships.length === 0 ? (
            <p className="mb-4 text-sm text-slate-600">{t("noMemberships")}</p>
          ) : (
            <ul className="mb-4 divide-y divide-slate-100 text-sm" data-testid="memberships">
              {user.memberships.map((m) => (
                <li key={m.id} className="flex items-center justify-between gap-3 py-2">
                  <span>
                    <span className="font-medium">{tr(m.role)}</span> · {m.unit.name}{" "}
                    <code className="text-xs text-slate-600">{m.unit.code}</code>
                  </span>
                  {actorCan(actor, "user.manage", m.unit) && user.id !== actor.id && (
                    <RemoveMembershipButton
                      membershipId={m.id}
                      name={user.name}
                      membership={`${tr(m.role)} · ${m.unit.name}`}
                    />
                  )}
                </li>
              ))}
            </ul>
          )}
          <MembershipForm
            userId={user.id}
            units={units.map((u) => ({ value: u.id, label: indent(u.level, `${u.name} (${u.code})`) }))}
          />
        </Card>
        <Card title={t("resetPassword")}>
          <ResetPasswordForm userId={user.id} />
        </Card>
      </div>
    </div>
  );
}
