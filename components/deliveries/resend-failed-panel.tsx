"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { type FormEvent, useId, useState } from "react";
import { useAction } from "@/components/forms/use-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { toast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action-result";
import type { ResendFailedResult } from "@/lib/delivery-log/resend-failed";
import type { ResendFailedInput } from "@/lib/validation/delivery";
import { LOG_QUERY_KEY } from "./delivery-log";

type Props = {
  resendFailed: (input: ResendFailedInput) => Promise<ActionResult<ResendFailedResult>>;
  logUrl: string;
};

/** `YYYY-MM-DDTHH:mm` of a time in the viewer's zone: a datetime-local field's value. */
function localValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * "Resend failed since…" (admins): after the receiver's outage, one more attempt of every failed delivery since
 * a time in the viewer's zone (the last 24 hours by default). The log shows them pending, then their outcome;
 * over 10,000 the answer says how many remain, and the button queues the next ones.
 */
export function ResendFailedPanel({ resendFailed, logUrl }: Props) {
  const id = useId();
  const t = useTranslations("deliveries.resendFailed");
  const queryClient = useQueryClient();
  const [since, setSince] = useState(() => localValue(new Date(Date.now() - 24 * 3_600_000)));
  const [result, setResult] = useState<ResendFailedResult | null>(null);
  const action = useAction(resendFailed);

  function submit(event: FormEvent) {
    event.preventDefault();
    setResult(null);
    const instant = new Date(since);
    action.run({ since: Number.isNaN(instant.getTime()) ? since : instant.toISOString() }, (data) => {
      setResult(data);
      toast({
        title: t("queued", { count: data.requeued }),
        description: data.remaining > 0 ? t("remaining", { count: data.remaining }) : undefined,
        tone: data.requeued > 0 ? "success" : "info",
      });
      void queryClient.invalidateQueries({ queryKey: [LOG_QUERY_KEY, logUrl] });
    });
  }

  return (
    <Card>
      <CardHeader as="h3" title={t("title")} description={t("description")} />
      <form className="flex flex-wrap items-end gap-3" onSubmit={submit} noValidate>
        <TextField
          label={t("since")}
          id={`${id}-since`}
          type="datetime-local"
          value={since}
          max={localValue(new Date())}
          required
          error={action.fieldError("since")}
          onChange={(e) => setSince(e.target.value)}
          fieldClassName="w-full sm:w-64"
        />
        <Button type="submit" variant="secondary" pending={action.pending} className="mb-0.5">
          {action.pending ? t("pending") : t("submit")}
        </Button>
      </form>
      {action.error ? (
        <Alert tone="danger" title={t("failedTitle")} className="mt-3">
          {action.error}
        </Alert>
      ) : null}
      {result ? (
        <p className="mt-3 text-sm text-zinc-700" role="status">
          {t("queued", { count: result.requeued })}
          {result.remaining > 0 ? ` ${t("remaining", { count: result.remaining })}` : ""}
        </p>
      ) : null}
    </Card>
  );
}
