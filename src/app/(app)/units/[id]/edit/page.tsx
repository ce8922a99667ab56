import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { UnitForm } from "@/components/units/unit-form";
import { indent } from "@/components/ui/field";
import { Card, PageHeader } from "@/components/ui/page-header";
import { runAction } from "@/server/action-result";
import { requireActorPage } from "@/server/auth/guards";
import { getUnitForEdit } from "@/server/units/get-unit";
import { listUnitOptions } from "@/server/units/list-unit-options";

export default async function EditUnitPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActorPage();
  const { id } = await params;
  const t = await getTranslations("units");
  const result = await runAction(() => getUnitForEdit(actor, id));
  // Refused or missing: 404, not 200 with a notice (decision 0009).
  if (!result.ok) notFound();
  const unit = result.data;
  // A unit cannot move below itself: its own subtree is not offered as a parent.
  const parents = (await listUnitOptions(actor, "unit.manage")).filter((u) => !u.path.startsWith(unit.path));
  return (
    <div>
      <PageHeader title={`${t("editTitle")}: ${unit.name}`} />
      <Card className="max-w-3xl">
        <UnitForm
          parents={parents.map((u) => ({ value: u.id, label: indent(u.level, `${u.name} (${u.code})`) }))}
          defaults={unit}
          root={unit.parentId === null}
        />
      </Card>
    </div>
  );
}
