"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { useAction } from "@/components/forms/use-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { SelectField } from "@/components/ui/field";
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
 * (status, HTTP code, duration, the receiver's answer) is shown here, and the test appears in the log.
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
      {result.responseBody !== null ? (
        <figure className="flex flex-col gap-1">
          <figcaption className="text-sm font-medium text-zinc-900">{t("responseBody")}</figcaption>
          <pre className="max-h-64 overflow-auto rounded-md border border-zinc-200 bg-zinc-50 p-3 text-xs whitespace-pre-wrap break-all">
            {result.responseBody || t("empty")}
          </pre>
        </figure>
      ) : null}
    </div>
  );
}
