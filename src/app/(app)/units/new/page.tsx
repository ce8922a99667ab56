import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { UnitForm } from "@/components/units/unit-form";
import { indent } from "@/components/ui/field";
import { Card, PageHeader } from "@/components/ui/page-header";
import { requireActorPage } from "@/server/auth/guards";
import { listUnitOptions } from "@/server/units/list-unit-options";

export default async function NewUnitPage({ searchParams }: { searchParams: Promise<{ parent?: string }> }) {
  const actor = await requireActorPage();
  const [t, units, { parent }] = await Promise.all([
    getTranslations("units"),
    listUnitOptions(actor, "unit.manage"),
    searchParams,
  ]);
  // Refused pages answer 404, not 200 with a notice (decision 0009).
  if (!units.length) notFound();
  const parentUnit = units.find((u) => u.id === parent);
  return (
    <div>
      <PageHeader title={t("newTitle")} />
      <Card className="max-w-3xl">
        <UnitForm
          parents={units.map((u) => ({ value: u.id, label: indent(u.level, `${u.name} (${u.code})`) }))}
          defaults={{ parentId: parentUnit?.id ?? units[0]!.id, timeZone: parentUnit?.timeZone ?? units[0]!.timeZone }}
        />
      </Card>
    </div>
  );
}
