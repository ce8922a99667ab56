import { getLocale, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { PrintButton } from "@/components/interactions/forms";
import { formatInZone, zoneLabel } from "@/lib/time";
import { runAction } from "@/server/action-result";
import { requireActorPage } from "@/server/auth/guards";
import { getDisposition } from "@/server/interactions/dispositions";

export async function generateMetadata() {
  return { title: (await getTranslations("dispositions"))("letterTitle") };
}

/**
 * The letter-style record of one disposition (Lembar Disposisi): who forwarded what to whom, when, by when,
 * and the answer. Printed, or saved as PDF from the browser's print dialog; the print style sheet leaves the
 * desk's menus out (globals.css, `print:` classes).
 */
export default async function DispositionPrintPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActorPage();
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/.test(id)) notFound();
  const result = await runAction(() => getDisposition(actor, id));
  if (!result.ok) notFound();
  const d = result.data.disposition;
  const [t, ti, tp, locale] = await Promise.all([
    getTranslations("dispositions"),
    getTranslations("interactions"),
    getTranslations("platforms"),
    getLocale(),
  ]);
  const zone = d.fromUnit.timeZone;
  const at = (date: Date) => `${formatInZone(date, zone, locale)}`;
  const item = d.interaction;
  const rows: [string, string][] = [
    [t("letter.number"), d.id.slice(0, 8).toUpperCase()],
    [t("letter.from"), `${d.fromUnit.name} (${d.createdBy.name})`],
    [t("letter.to"), d.toUnit.parent ? `${d.toUnit.name}, ${d.toUnit.parent.name}` : d.toUnit.name],
    [t("letter.date"), at(d.createdAt)],
    [t("letter.deadline"), at(d.deadlineAt)],
    [t("letter.subject"), item.category ? ti(`categories.${item.category}`) : ti("uncategorised")],
    [
      t("letter.source"),
      `${tp(item.platform)} @${item.account.handle} · ${item.authorName ?? item.authorHandle ?? ti("anonymous")} · ${at(item.receivedAt)}`,
    ],
  ];
  return (
    <article
      className="mx-auto max-w-3xl bg-white p-6 text-slate-900 print:max-w-none print:p-0"
      data-testid="disposition-letter"
    >
      <div className="mb-4 flex justify-end print:hidden">
        <PrintButton label={t("print")} />
      </div>
      <header className="border-b-2 border-slate-900 pb-3 text-center">
        <p className="text-sm font-semibold uppercase tracking-wide">{d.fromUnit.name}</p>
        <h1 className="mt-1 text-xl font-bold uppercase">{t("letterTitle")}</h1>
        <p className="text-xs text-slate-600">{t("letter.zone", { zone: zoneLabel(zone) })}</p>
      </header>
      <table className="mt-4 w-full border-collapse text-sm">
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label} className="border-b border-slate-300">
              <th scope="row" className="w-40 py-2 pr-3 text-left align-top font-semibold">
                {label}
              </th>
              <td className="py-2 align-top break-words">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <section className="mt-4 break-inside-avoid">
        <h2 className="font-semibold">{t("letter.content")}</h2>
        <p className="mt-1 whitespace-pre-line break-words rounded border border-slate-300 p-3 text-sm">{item.text}</p>
      </section>
      <section className="mt-4 break-inside-avoid">
        <h2 className="font-semibold">{t("letter.note")}</h2>
        <p className="mt-1 whitespace-pre-line break-words rounded border border-slate-300 p-3 text-sm">
          {d.note ?? "—"}
        </p>
      </section>
      {d.clarification && (
        <section className="mt-4 break-inside-avoid">
          <h2 className="font-semibold">{t("clarification")}</h2>
          <p className="mt-1 text-sm break-words">{d.clarification}</p>
          <p className="mt-1 text-sm break-words">
            {ti("clarificationReplyLabel")} {d.clarificationReply ?? "—"}
          </p>
        </section>
      )}
      <section className="mt-4 break-inside-avoid">
        <h2 className="font-semibold">{t("letter.answer")}</h2>
        <p
          className="mt-1 min-h-16 whitespace-pre-line break-words rounded border border-slate-300 p-3 text-sm"
          data-testid="letter-answer"
        >
          {d.answer ?? t("letter.notAnswered")}
        </p>
        {d.answeredAt && (
          <p className="mt-1 text-sm">{ti("answeredBy", { name: d.answeredBy?.name ?? "", at: at(d.answeredAt) })}</p>
        )}
        {d.escalatedAt && (
          <p className="mt-1 text-sm">
            {ti("escalatedTo", { unit: d.escalatedToUnit?.name ?? d.toUnit.name, at: at(d.escalatedAt) })}
          </p>
        )}
      </section>
      <footer className="mt-8 grid grid-cols-2 gap-8 text-center text-sm">
        <div>
          <p>{t("letter.sender")}</p>
          <p className="mt-12 font-semibold">{d.createdBy.name}</p>
        </div>
        <div>
          <p>{t("letter.receiver")}</p>
          <p className="mt-12 font-semibold">{d.answeredBy?.name ?? "………………………"}</p>
        </div>
      </footer>
    </article>
  );
}
