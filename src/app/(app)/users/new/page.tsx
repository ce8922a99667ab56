import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { UserForm } from "@/components/users/user-form";
import { indent } from "@/components/ui/field";
import { Card, PageHeader } from "@/components/ui/page-header";
import { actorCanAnywhere, requireActorPage } from "@/server/auth/guards";
import { listUnitOptions } from "@/server/units/list-unit-options";

export default async function NewUserPage() {
  const actor = await requireActorPage();
  const t = await getTranslations("users");
  // Refused pages answer 404, not 200 with a notice (decision 0009).
  if (!actorCanAnywhere(actor, "user.manage")) notFound();
  const units = await listUnitOptions(actor, "user.manage");
  return (
    <div>
      <PageHeader title={t("newTitle")} />
      <Card className="max-w-3xl">
        <UserForm units={units.map((u) => ({ value: u.id, label: indent(u.level, `${u.name} (${u.code})`) }))} />
      </Card>
    </div>
  );
}
