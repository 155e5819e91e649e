"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { useAction } from "@/components/forms/use-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { SelectField } from "@/components/ui/field";
import { JsonView, prettyBody } from "@/components/ui/json-view";
import type { ActionResult } from "@/lib/action-result";
import type { TestResult } from "@/lib/delivery-log/send-test";
import { EVENT_TYPES, type EventType } from "@/lib/domain/event-catalog";
import type { SendTestInput } from "@/lib/validation/delivery";
import { LOG_QUERY_KEY } from "./delivery-log";

type Props = {
  sendTest: (input: SendTestInput) => Promise<ActionResult<TestResult>>;
  logUrl: string;
};

/**
 * "Send test": a realistic sample of the chosen event type for this app, sent to this webhook now; the result
 * (status, HTTP code, duration, the request sent beside the receiver's answer) is shown here, and the test
 * appears in the log.
 */
export function SendTestPanel({ sendTest, logUrl }: Props) {
  const id = useId();
  const queryClient = useQueryClient();
  const [event, setEvent] = useState<EventType>("updateVersion");
  const [result, setResult] = useState<TestResult | null>(null);
  const action = useAction(sendTest);
  const t = useTranslations();

  function send() {
    setResult(null);
    action.run({ event }, (data) => {
      setResult(data);
      void queryClient.invalidateQueries({ queryKey: [LOG_QUERY_KEY, logUrl] });
    });
  }

  return (
    <Card>
      <CardHeader
        as="h3"
        title={t("deliveries.sendTest.title")}
        description={t("deliveries.sendTest.description")}
      />
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          send();
        }}
      >
        <SelectField
          label={t("deliveries.sendTest.eventType")}
          id={`${id}-event`}
          value={event}
          onChange={(e) => setEvent(e.target.value as EventType)}
          error={action.fieldError("event")}
          fieldClassName="w-full sm:w-56"
        >
          {EVENT_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`events.${type}`)}
            </option>
          ))}
        </SelectField>
        <Button type="submit" pending={action.pending}>
          {t("deliveries.sendTest.submit")}
        </Button>
      </form>
      <div aria-live="polite" className="mt-4 empty:mt-0">
        {action.pending ? <p className="text-sm text-zinc-600">{t("deliveries.sendTest.sending")}</p> : null}
        {action.error ? <Alert tone="danger">{action.error}</Alert> : null}
        {result ? <TestResultView result={result} /> : null}
      </div>
    </Card>
  );
}

function TestResultView({ result }: { result: TestResult }) {
  const ok = result.status === "succeeded";
  const t = useTranslations("deliveries.sendTest");
  return (
    <div className="flex flex-col gap-3">
      <Alert tone={ok ? "success" : "danger"} title={ok ? t("delivered") : t("failed")}>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
          <dt className="font-medium">{t("httpStatus")}</dt>
          <dd>{result.responseStatus ?? t("noAnswer")}</dd>
          <dt className="font-medium">{t("duration")}</dt>
          <dd>{result.durationMs} ms</dd>
          <dt className="font-medium">webhook-id</dt>
          <dd className="font-mono text-xs break-all">{result.eventId}</dd>
          {result.error ? (
            <>
              <dt className="font-medium">{t("error")}</dt>
              <dd>{result.error}</dd>
            </>
          ) : null}
        </dl>
      </Alert>
      <div className="grid gap-3 lg:grid-cols-2">
        <SentRequestView request={result.request} />
        {result.responseBody !== null ? (
          <figure className="flex min-w-0 flex-col gap-1">
            <figcaption className="text-sm font-medium text-zinc-900">{t("responseBody")}</figcaption>
            <pre className="max-h-96 overflow-auto rounded-md border border-zinc-200 bg-zinc-50 p-3 text-xs whitespace-pre-wrap break-all">
              {result.responseBody || t("empty")}
            </pre>
          </figure>
        ) : null}
      </div>
    </div>
  );
}

/** The request the test sent: the URL masked as in the log, the headers with the real signature, the body. */
function SentRequestView({ request }: { request: TestResult["request"] }) {
  const t = useTranslations("deliveries.sendTest");
  const body = prettyBody(request.body);
  return (
    <figure className="flex min-w-0 flex-col gap-2">
      <figcaption className="text-sm font-medium text-zinc-900">{t("request")}</figcaption>
      <p className="font-mono text-xs break-all">
        <span className="font-semibold">POST</span> {request.url}
      </p>
      <dl
        aria-label={t("requestHeaders")}
        className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 font-mono text-xs"
      >
        {Object.entries(request.headers).map(([name, value]) => (
          <div key={name} className="contents">
            <dt className="text-zinc-500">{name}:</dt>
            <dd className="break-all">{value}</dd>
          </div>
        ))}
      </dl>
      <section
        aria-label={t("requestBody")}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable code block must be reachable by keyboard
        tabIndex={0}
        className="max-h-96 overflow-auto rounded-md border border-zinc-200 bg-zinc-50 p-3 focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        {body.json ? (
          <JsonView value={body.value} />
        ) : (
          <pre className="text-xs whitespace-pre-wrap break-all">{body.text || t("empty")}</pre>
        )}
      </section>
    </figure>
  );
}
