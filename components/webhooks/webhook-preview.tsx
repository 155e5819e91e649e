"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-button";
import { SelectField } from "@/components/ui/field";
import { JsonView } from "@/components/ui/json-view";
import { Spinner } from "@/components/ui/spinner";
import type { ActionResult } from "@/lib/action-result";
import { EVENT_TYPES, type EventType, type Language } from "@/lib/domain/event-catalog";
import type { WebhookType } from "@/lib/domain/webhook-types";
import type { WebhookPreviewInput } from "@/lib/validation/webhook";
import type { WebhookPreview as Preview } from "@/lib/webhooks/preview-webhook";
import { ChatMarkdown } from "./chat-markdown";

type Props = {
  preview: (input: WebhookPreviewInput) => Promise<ActionResult<Preview>>;
  type: WebhookType;
  language: Language;
  /** The events the form subscribes to: the preview shows one of them. */
  events: EventType[];
};

/** How long the form must stay unchanged before the preview is asked for again. */
const DEBOUNCE_MS = 300;

/**
 * The webhook form's live preview (docs/robots.md#preview): the headers and body a webhook with the form's
 * type and language would be sent for one of its events, built on the server by the sending code; for chat
 * robots also the message's text, raw and rendered about as the chat shows it.
 */
export function WebhookPreview({ preview, type, language, events }: Props) {
  const id = useId();
  const t = useTranslations("webhooks.preview");
  const tAll = useTranslations();
  const subscribed = EVENT_TYPES.filter((event) => events.includes(event));
  const [chosen, setChosen] = useState<EventType>(subscribed[0] ?? "updateVersion");
  const event = subscribed.includes(chosen) ? chosen : subscribed[0];
  const [result, setResult] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const latest = useRef(0);

  useEffect(() => {
    if (!event) return;
    const request = ++latest.current;
    setLoading(true);
    const timer = setTimeout(async () => {
      let answer: ActionResult<Preview>;
      try {
        answer = await preview({ type, language, event });
      } catch {
        answer = { ok: false, code: "server_error", error: tAll("errors.networkError") };
      }
      // Only the answer to the latest settings counts.
      if (request !== latest.current) return;
      setLoading(false);
      if (answer.ok) {
        setResult(answer.data);
        setError(null);
      } else {
        setError(answer.error);
      }
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [preview, type, language, event, tAll]);

  return (
    <section
      aria-labelledby={`${id}-title`}
      className="flex flex-col gap-4 rounded-lg border border-zinc-200 bg-zinc-50 p-4"
    >
      <div className="flex flex-col gap-1">
        <h3 id={`${id}-title`} className="text-sm font-semibold text-zinc-900">
          {t("title")}
        </h3>
        <p className="text-xs text-zinc-600">{t("description")}</p>
      </div>
      {!event ? (
        <p className="text-sm text-zinc-600">{t("noEvents")}</p>
      ) : (
        <>
          <SelectField
            label={t("event")}
            id={`${id}-event`}
            value={event}
            onChange={(e) => setChosen(e.target.value as EventType)}
            fieldClassName="w-full sm:w-64"
          >
            {subscribed.map((value) => (
              <option key={value} value={value}>
                {tAll(`events.${value}`)}
              </option>
            ))}
          </SelectField>
          <div aria-live="polite" className="flex flex-col gap-2 empty:hidden">
            {loading ? (
              <p className="flex items-center gap-2 text-sm text-zinc-600">
                <Spinner /> {t("loading")}
              </p>
            ) : null}
            {error && !loading ? (
              <Alert tone="danger" title={t("failed")}>
                {error}
              </Alert>
            ) : null}
          </div>
          {result && !error ? <PreviewView result={result} stale={loading} /> : null}
        </>
      )}
    </section>
  );
}

function PreviewView({ result, stale }: { result: Preview; stale: boolean }) {
  const t = useTranslations("webhooks.preview");
  const tAll = useTranslations();
  const body = JSON.parse(result.body) as unknown;
  return (
    <div aria-busy={stale} className={stale ? "flex flex-col gap-4 opacity-60" : "flex flex-col gap-4"}>
      <p className="text-xs text-zinc-700">
        {result.source.kind === "latestVersion"
          ? t("fromLatest", {
              version: result.source.version,
              build: result.source.build,
              zone: result.timeZone,
            })
          : t("fromCatalog", { zone: result.timeZone })}
      </p>

      <figure className="flex flex-col gap-1">
        <figcaption className="text-sm font-medium text-zinc-900">{t("headers")}</figcaption>
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 font-mono text-xs">
          {result.headers.map((header) => (
            <div key={header.name} className="contents">
              <dt className="text-zinc-500">{header.name}:</dt>
              <dd className="flex flex-wrap items-center gap-2 break-all">
                <span>{header.value}</span>
                {header.atSendTime ? <Badge tone="info">{t("atSendTime")}</Badge> : null}
              </dd>
            </div>
          ))}
        </dl>
        {result.type === "json" ? <p className="text-xs text-zinc-600">{t("signatureNote")}</p> : null}
        {result.type === "dingtalk" || result.type === "lark" ? (
          <p className="text-xs text-zinc-600">{t(`robotSigning.${result.type}`)}</p>
        ) : null}
      </figure>

      {result.robot ? (
        <div className="grid gap-4 lg:grid-cols-2">
          <figure className="flex min-w-0 flex-col gap-1">
            <figcaption className="text-sm font-medium text-zinc-900">{t("raw")}</figcaption>
            <pre className="max-h-72 overflow-auto rounded-md border border-zinc-200 bg-white p-3 font-mono text-xs whitespace-pre-wrap break-words">
              {result.robot.text}
            </pre>
          </figure>
          <figure className="flex min-w-0 flex-col gap-1">
            <figcaption className="text-sm font-medium text-zinc-900">
              {t("rendered", { service: tAll(`webhookTypes.${result.type}`) })}
            </figcaption>
            <div className="max-h-72 overflow-auto rounded-md border border-zinc-200 bg-white p-3">
              <ChatMarkdown text={result.robot.text} markup={result.robot.markup} />
            </div>
          </figure>
        </div>
      ) : null}

      {result.limit ? (
        <p
          className={
            result.limit.bytes > result.limit.limit ? "text-sm text-red-700" : "text-sm text-zinc-700"
          }
        >
          {t(`limit.${result.limit.measured}`, { bytes: result.limit.bytes, limit: result.limit.limit })}
        </p>
      ) : null}
      {result.truncated ? <p className="text-sm text-amber-800">{t("truncated")}</p> : null}

      <figure className="flex flex-col gap-1">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <figcaption className="text-sm font-medium text-zinc-900">
            {t("body", { bytes: result.bytes })}
          </figcaption>
          <CopyButton value={result.body} label={t("bodyLabel")}>
            {t("copy")}
          </CopyButton>
        </div>
        <section
          aria-label={t("bodyLabel")}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable code block must be reachable by keyboard
          tabIndex={0}
          className="max-h-96 overflow-auto rounded-md border border-zinc-200 bg-white p-3 focus-visible:outline-2 focus-visible:outline-indigo-600"
        >
          <JsonView value={body} />
        </section>
      </figure>
    </div>
  );
}
