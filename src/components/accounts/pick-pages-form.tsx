"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { pickFacebookPagesAction } from "@/app/(app)/accounts/connect/actions";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/ui/form-status";
import { useActionForm } from "@/components/ui/use-action-form";

type Choice = {
  id: string;
  name: string;
  handle: string;
  canPost: boolean;
  registeredUnder: { unitName: string; here: boolean } | null;
};

/** The Pages the person manages on Facebook: the operator ticks the ones to register under the unit. */
export function PickPagesForm({ connectionId, pages }: { connectionId: string; pages: Choice[] }) {
  const t = useTranslations("connect");
  const router = useRouter();
  const { state, pending, onSubmit, error } = useActionForm(
    pickFacebookPagesAction,
    (f) => ({ connectionId, pageIds: f.getAll("pageIds").filter((v) => typeof v === "string") }),
    (data) => {
      const u = new URLSearchParams({ outcome: data.connected.length > 0 ? "connected" : "refused" });
      for (const id of data.connected) u.append("account", id);
      const first = data.refused[0];
      if (first) u.set("reason", first.reason);
      u.set("platform", "FACEBOOK_PAGE");
      router.push(`/accounts/connect/result?${u.toString()}`);
    },
  );
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" data-testid="pick-pages-form">
      <FormStatus state={state} />
      <fieldset aria-describedby={error("pageIds") ? "pageIds-error" : undefined}>
        <legend className="mb-2 font-medium">{t("pagesLegend")}</legend>
        <ul className="space-y-2">
          {pages.map((p) => {
            const elsewhere = p.registeredUnder && !p.registeredUnder.here;
            return (
              <li key={p.id}>
                <label className="flex items-start gap-2 break-words">
                  <input
                    type="checkbox"
                    name="pageIds"
                    value={p.id}
                    disabled={!p.canPost || Boolean(elsewhere)}
                    className="mt-1"
                  />
                  <span className="min-w-0">
                    <span className="font-medium">{p.name}</span> <span className="text-slate-600">@{p.handle}</span>
                    {!p.canPost && <span className="block text-sm text-slate-700">{t("pageCannotPost")}</span>}
                    {p.registeredUnder && (
                      <span className="block text-sm text-slate-700">
                        {p.registeredUnder.here
                          ? t("pageReconnect")
                          : t("pageElsewhere", { unit: p.registeredUnder.unitName })}
                      </span>
                    )}
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
      </fieldset>
      {error("pageIds") && (
        <p id="pageIds-error" className="text-sm text-red-700">
          {error("pageIds")}
        </p>
      )}
      <Button type="submit" disabled={pending}>
        {pending ? t("saving") : t("registerPages")}
      </Button>
    </form>
  );
}
