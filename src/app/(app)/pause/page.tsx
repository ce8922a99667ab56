import { getLocale, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { PauseForm } from "@/components/pause/pause-form";
import { ActionButton } from "@/components/ui/action-button";
import { formatInZone } from "@/lib/time";
import { actorCan, actorCanAnywhere, requireActorPage } from "@/server/auth/guards";
import { listUnitOptions } from "@/server/units/list-unit-options";
import { pauseImpact } from "@/server/posts/pause-impact";
import { activePausesFor } from "@/server/posts/pause-publishing";
import { pauseAction, resumeAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("pause"))("title") };
}

export default async function PausePage() {
  const actor = await requireActorPage();
  // Without the role: 404, not a redirect to the desk that hides the refusal (decision 0009).
  if (!actorCanAnywhere(actor, "publishing.pause")) notFound();
  const [t, locale, pauses, units] = await Promise.all([
    getTranslations("pause"),
    getLocale(),
    activePausesFor(actor),
    listUnitOptions(actor, "publishing.pause"),
  ]);
  const [toPause, toResume] = await Promise.all([
    pauseImpact(actor, units, "SCHEDULED"),
    pauseImpact(
      actor,
      pauses.map((p) => p.unit),
      "PAUSED",
    ),
  ]);
  return (
    <div className="max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="text-sm text-slate-600">{t("explain")}</p>
      </div>
      <section className="space-y-2">
        <h2 className="font-semibold">{t("active")}</h2>
        {pauses.length === 0 && <p className="text-sm text-slate-600">{t("none")}</p>}
        <ul className="space-y-2">
          {pauses.map((p) => (
            <li
              key={p.id}
              className="flex items-start justify-between gap-4 rounded-lg border border-yellow-300 bg-yellow-50 p-3 text-sm"
              data-testid="active-pause"
            >
              <div>
                <p className="font-semibold">{p.unit.name}</p>
                <p>{p.reason}</p>
                <p className="text-xs text-slate-600">
                  {t("startedBy", { name: p.startedBy.name, at: formatInZone(p.startedAt, p.unit.timeZone, locale) })}
                </p>
              </div>
              {actorCan(actor, "publishing.pause", p.unit) && (
                <ActionButton
                  action={resumeAction}
                  input={{ unitId: p.unit.id }}
                  label={t("resume")}
                  variant="primary"
                  confirm={{
                    title: t("resumeTitle", { unit: p.unit.name }),
                    message: t("resumeMessage", {
                      posts: toResume[p.unit.id]?.posts ?? 0,
                      units: toResume[p.unit.id]?.units ?? 0,
                    }),
                    confirmLabel: t("confirmResume"),
                  }}
                />
              )}
            </li>
          ))}
        </ul>
      </section>
      <PauseForm units={units} impact={toPause} pause={pauseAction} />
    </div>
  );
}
