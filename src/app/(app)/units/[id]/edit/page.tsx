import { getTranslations } from "next-intl/server";
import { UnitForm } from "@/components/units/unit-form";
import { indent } from "@/components/ui/field";
import { Card, Notice, PageHeader } from "@/components/ui/page-header";
import { runAction } from "@/server/action-result";
import { requireActorPage } from "@/server/auth/guards";
import { getUnitForEdit } from "@/server/units/get-unit";
import { listUnitOptions } from "@/server/units/list-unit-options";

export default async function EditUnitPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActorPage();
  const { id } = await params;
  const t = await getTranslations("units");
  const result = await runAction(() => getUnitForEdit(actor, id));
  if (!result.ok) return <Notice tone="error">{result.message}</Notice>;
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
