import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { AccountForm } from "@/components/accounts/account-form";
import { indent } from "@/components/ui/field";
import { Card, PageHeader } from "@/components/ui/page-header";
import { runAction } from "@/server/action-result";
import { getAccount } from "@/server/accounts/get-account";
import { requireActorPage } from "@/server/auth/guards";
import { listUnitOptions } from "@/server/units/list-unit-options";

export default async function EditAccountPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActorPage();
  const { id } = await params;
  const t = await getTranslations("accounts");
  const result = await runAction(() => getAccount(actor, id));
  // Missing, outside the person's tree, or theirs to read only: 404, not 200 with a notice (decision 0009).
  if (!result.ok) notFound();
  const account = result.data;
  if (!account.can.update) notFound();
  const units = await listUnitOptions(actor, "account.update");
  return (
    <div>
      <PageHeader title={`${t("editTitle")}: @${account.handle}`} />
      <Card className="max-w-3xl">
        <AccountForm
          units={units.map((u) => ({ value: u.id, label: indent(u.level, `${u.name} (${u.code})`) }))}
          defaults={{
            id: account.id,
            unitId: account.unit.id,
            handle: account.handle,
            displayName: account.displayName,
            platformAccountId: account.platformAccountId,
            profileUrl: account.profileUrl,
            verified: account.verified,
          }}
        />
      </Card>
    </div>
  );
}
