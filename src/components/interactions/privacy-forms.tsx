"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { text, useActionForm } from "@/components/ui/use-action-form";
import type { ActionResult } from "@/lib/action-result";
import { MAX_RETENTION_DAYS, MIN_RETENTION_DAYS } from "@/lib/interactions";

// Citizens' personal data (issue 16 item 7, docs/decisions/0011-interaksi-warga.md): the keeping period of an
// organisation and the export of one citizen's items on request.

type Action<T> = (input: unknown) => Promise<ActionResult<T>>;

export function RetentionForm({
  action,
  rootUnitId,
  days,
}: {
  action: Action<unknown>;
  rootUnitId: string;
  days: number;
}) {
  const t = useTranslations("interactions");
  const form = useActionForm(action, (f) => ({ rootUnitId, days: text(f, "days") ?? "" }));
  return (
    <form noValidate onSubmit={form.onSubmit} className="space-y-3" data-testid="retention-form">
      <FormStatus state={form.state} success={t("retentionSaved")} />
      <TextField
        name="days"
        type="number"
        inputMode="numeric"
        min={MIN_RETENTION_DAYS}
        max={MAX_RETENTION_DAYS}
        label={t("retentionDays")}
        hint={t("retentionHint")}
        defaultValue={days}
        error={form.error("days")}
      />
      <Button type="submit" disabled={form.pending}>
        {t("saveRetention")}
      </Button>
    </form>
  );
}

type ExportFile = { filename: string; mime: string; content: string; count: number };

export function CitizenExportForm({
  action,
  units,
  platforms,
}: {
  action: Action<ExportFile>;
  units: { value: string; label: string }[];
  platforms: { value: string; label: string }[];
}) {
  const t = useTranslations("interactions");
  const [done, setDone] = useState<number | null>(null);
  const form = useActionForm(
    action,
    (f) => ({
      unitId: text(f, "unitId") ?? "",
      by: text(f, "by") ?? "handle",
      value: text(f, "value") ?? "",
      platform: text(f, "platform") ?? "",
      format: text(f, "format") ?? "csv",
    }),
    (file) => {
      // The file is saved by the browser from memory: nothing of it stays on the server.
      const url = URL.createObjectURL(new Blob([file.content], { type: file.mime }));
      const link = document.createElement("a");
      link.href = url;
      link.download = file.filename;
      link.click();
      URL.revokeObjectURL(url);
      setDone(file.count);
    },
  );
  return (
    <form noValidate onSubmit={form.onSubmit} className="space-y-3" data-testid="citizen-export-form">
      <FormStatus state={form.state} success={t("exportDone", { count: done ?? 0 })} />
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <SelectField name="unitId" label={t("exportUnit")} options={units} error={form.error("unitId")} />
        <SelectField
          name="by"
          label={t("exportBy")}
          options={[
            { value: "handle", label: t("exportByHandle") },
            { value: "authorId", label: t("exportByAuthorId") },
          ]}
          error={form.error("by")}
        />
        <TextField name="value" label={t("exportValue")} hint={t("exportValueHint")} error={form.error("value")} />
        <SelectField
          name="platform"
          label={t("platform")}
          placeholder={t("allPlatforms")}
          options={platforms}
          error={form.error("platform")}
        />
        <SelectField
          name="format"
          label={t("exportFormat")}
          options={[
            { value: "csv", label: "CSV" },
            { value: "json", label: "JSON" },
          ]}
          error={form.error("format")}
        />
      </div>
      <Button type="submit" disabled={form.pending}>
        {t("exportSubmit")}
      </Button>
    </form>
  );
}
