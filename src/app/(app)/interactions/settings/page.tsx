import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DeadlineSettingsForm } from "@/components/interactions/forms";
import { ReplyApprovalForm } from "@/components/interactions/reply-form";
import { Card, PageHeader } from "@/components/ui/page-header";
import { actorCanAnywhere, requireActorPage } from "@/server/auth/guards";
import { RetentionForm } from "@/components/interactions/privacy-forms";
import { configurableRoots, deadlineHoursFor } from "@/server/interactions/deadlines";
import { retentionDaysFor } from "@/server/interactions/retention";
import { approvalCategories } from "@/server/interactions/replies";
import { deadlineSettingsAction, replyApprovalSettingsAction } from "../actions";
import { retentionAction } from "../privacy/actions";

export async function generateMetadata() {
  return { title: (await getTranslations("interactions"))("settingsTitle") };
}

/** Per organisation the person configures: the hours a function has to answer, and which replies need approval. */
export default async function InteractionSettingsPage() {
  const actor = await requireActorPage();
  if (!actorCanAnywhere(actor, "interaction.configure")) notFound();
  const roots = await configurableRoots(actor);
  if (!roots.length) notFound();
  const t = await getTranslations("interactions");
  const [hours, retention, approval] = await Promise.all([
    Promise.all(roots.map((r) => deadlineHoursFor(r))),
    Promise.all(roots.map((r) => retentionDaysFor(r))),
    Promise.all(roots.map((r) => approvalCategories(r))),
  ]);
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("settingsTitle")}
        subtitle={t("settingsSubtitle")}
        actions={
          actorCanAnywhere(actor, "interaction.read") ? (
            <Link href="/interactions" className="text-sm text-brand-700 underline">
              {t("backToInbox")}
            </Link>
          ) : undefined
        }
      />
      {roots.map((root, i) => (
        <Card key={root.id} title={root.name}>
          <DeadlineSettingsForm action={deadlineSettingsAction} rootUnitId={root.id} hours={hours[i]!} />
          <h3 className="mb-2 mt-6 font-semibold text-slate-900">{t("retentionTitle")}</h3>
          <RetentionForm action={retentionAction} rootUnitId={root.id} days={retention[i]!} />
          <div className="mt-6 border-t border-slate-200 pt-4">
            <ReplyApprovalForm action={replyApprovalSettingsAction} rootUnitId={root.id} categories={approval[i]!} />
          </div>
        </Card>
      ))}
    </div>
  );
}
