"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { RichText } from "@/components/api-reference/rich-text";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { SelectField } from "@/components/ui/field";
import { JsonView } from "@/components/ui/json-view";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { LANGUAGES, type Language } from "@/lib/domain/event-catalog";
import { WEBHOOK_TYPES, type WebhookType } from "@/lib/domain/webhook-types";
import type { CatalogEntry } from "@/lib/webhooks/event-catalog";

/**
 * The event catalog (docs/events.md#catalog): one card per event type with its meaning, the fields of its JSON
 * body and the sample a webhook of the chosen format gets in the chosen language. The samples come from the
 * server, built by the sending code; nothing here writes a body.
 */
export function EventCatalogView({ entries }: { entries: CatalogEntry[] }) {
  const id = useId();
  const t = useTranslations();
  const [format, setFormat] = useState<WebhookType>("json");
  const [language, setLanguage] = useState<Language>("en");
  return (
    <div className="flex flex-col gap-6">
      <div className="sticky top-0 z-10 flex flex-wrap items-end gap-3 border-b border-zinc-200 bg-zinc-50/95 py-3">
        <SelectField
          label={t("eventCatalog.format")}
          id={`${id}-format`}
          value={format}
          onChange={(e) => setFormat(e.target.value as WebhookType)}
          fieldClassName="w-full sm:w-64"
        >
          {WEBHOOK_TYPES.map((value) => (
            <option key={value} value={value}>
              {t(`webhookTypes.${value}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("eventCatalog.language")}
          id={`${id}-language`}
          value={language}
          onChange={(e) => setLanguage(e.target.value as Language)}
          fieldClassName="w-full sm:w-64"
        >
          {LANGUAGES.map((value) => (
            <option key={value} value={value}>
              {t(`webhooks.form.languages.${value}`)}
            </option>
          ))}
        </SelectField>
      </div>
      {entries.map((entry) => (
        <EventCard key={entry.type} entry={entry} format={format} language={language} />
      ))}
    </div>
  );
}

function EventCard({
  entry,
  format,
  language,
}: {
  entry: CatalogEntry;
  format: WebhookType;
  language: Language;
}) {
  const t = useTranslations();
  const tc = useTranslations("eventCatalog");
  const sample = entry.samples.find((s) => s.format === format && s.language === language);
  const event = t(`events.${entry.type}`);
  const body = sample ? (JSON.parse(sample.body) as unknown) : null;
  const pretty = JSON.stringify(body, null, 2);
  return (
    <Card id={entry.type} aria-labelledby={`${entry.type}-title`} className="scroll-mt-24">
      <h2 id={`${entry.type}-title`} className="text-base font-semibold text-zinc-900">
        {event} <code className="ml-1 font-mono text-xs font-normal text-zinc-500">{entry.type}</code>
      </h2>
      <p className="mt-1 text-sm text-zinc-600">{t(`eventDescriptions.${entry.type}`)}</p>

      <details className="mt-4">
        <summary className="cursor-pointer py-2.5 text-sm font-medium text-zinc-900 sm:py-0">
          {tc("fields")}
        </summary>
        <div className="mt-3">
          <Table>
            <caption className="sr-only">{tc("fieldsOf", { event })}</caption>
            <THead>
              <TR>
                <TH>{tc("columns.name")}</TH>
                <TH>{tc("columns.type")}</TH>
                <TH>{tc("columns.example")}</TH>
                <TH>{tc("columns.meaning")}</TH>
                <TH>{tc("columns.whenEmpty")}</TH>
              </TR>
            </THead>
            <TBody>
              {entry.fields.map((field) => (
                <TR key={field.name}>
                  <TD className="align-top">
                    <code className="font-mono text-xs font-semibold break-all text-zinc-900">
                      {field.name}
                    </code>
                  </TD>
                  <TD label={tc("columns.type")} className="max-w-48 align-top">
                    <code className="font-mono text-xs break-words">{field.type}</code>
                  </TD>
                  <TD label={tc("columns.example")} className="max-w-64 align-top">
                    <code className="font-mono text-xs break-all">{field.examples[language] ?? "—"}</code>
                  </TD>
                  <TD label={tc("columns.meaning")} className="align-top text-xs">
                    {field.description ? <RichText text={field.description} /> : null}
                  </TD>
                  <TD label={tc("columns.whenEmpty")} className="align-top text-xs">
                    {field.whenEmpty ? <RichText text={field.whenEmpty} /> : tc("neverEmpty")}
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        </div>
      </details>

      {sample ? (
        <figure className="mt-4 flex flex-col gap-2">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <figcaption className="text-sm font-medium text-zinc-900">
              {tc("sample", {
                event,
                format: t(`webhookTypes.${format}`),
                language: t(`webhooks.form.languages.${language}`),
              })}
            </figcaption>
            <CopyButton value={pretty} label={tc("sampleBody", { event })}>
              {tc("copy")}
            </CopyButton>
          </div>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 font-mono text-xs">
            {Object.entries(sample.headers).map(([name, value]) => (
              <div key={name} className="contents">
                <dt className="text-zinc-500">{name}:</dt>
                <dd className="break-all">{value}</dd>
              </div>
            ))}
          </dl>
          <p className="text-xs text-zinc-500">{format === "json" ? tc("signedJson") : tc("signedRobot")}</p>
          <section
            aria-label={tc("sampleBody", { event })}
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable code block must be reachable by keyboard
            tabIndex={0}
            className="max-h-96 overflow-auto rounded-md border border-zinc-200 bg-zinc-50 p-3 focus-visible:outline-2 focus-visible:outline-indigo-600"
          >
            <JsonView value={body} />
          </section>
        </figure>
      ) : null}
    </Card>
  );
}
