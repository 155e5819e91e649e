"use client";

import { QueryClient, QueryClientProvider, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { type FormEvent, useId, useState } from "react";
import { useAction } from "@/components/forms/use-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { SelectField, TextField } from "@/components/ui/field";
import { toast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action-result";
import { INBOX_LIMITS, INBOX_MODES, type InboxMode } from "@/lib/domain/test-inbox";
import type { InboxRequestJson } from "@/lib/inbox/test-inboxes";
import { InboxRequestCard } from "./inbox-request-card";

type Props = {
  inbox: { token: string; url: string; mode: InboxMode };
  canEdit: boolean;
  saveMode: (mode: InboxMode) => Promise<ActionResult<{ mode: InboxMode }>>;
  requestsUrl: string;
  initial: InboxRequestJson[];
};

const POLL_MS = 2000;

async function fetchRequests(url: string): Promise<InboxRequestJson[]> {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (!response.ok || !response.headers.get("content-type")?.includes("application/json")) {
    throw new Error(String(response.status));
  }
  return (await response.json()) as InboxRequestJson[];
}

/** A test inbox: its URL, what it answers, and what arrived, refreshed every 2 s (its own react-query client). */
export function InboxView(props: Props) {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: 1 } } }));
  return (
    <QueryClientProvider client={client}>
      <InboxLive {...props} />
    </QueryClientProvider>
  );
}

function InboxLive({ inbox, canEdit, saveMode, requestsUrl, initial }: Props) {
  const id = useId();
  const t = useTranslations("inbox");
  const tc = useTranslations("common");
  const [mode, setMode] = useState<InboxMode>(inbox.mode);
  const action = useAction(saveMode);
  const query = useQuery({
    queryKey: ["test-inbox", requestsUrl],
    queryFn: () => fetchRequests(requestsUrl),
    initialData: initial,
    refetchInterval: POLL_MS,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    action.run(mode, (data) =>
      toast({ title: t("modeSaved", { mode: t(`modes.${data.mode}`) }), tone: "success" }),
    );
  }

  return (
    <>
      <Card>
        <div className="flex flex-col gap-4">
          <div className="flex flex-wrap items-end gap-3">
            <TextField
              label={t("url")}
              id={`${id}-url`}
              value={inbox.url}
              readOnly
              fieldClassName="w-full sm:flex-1"
              className="font-mono text-xs"
            />
            <CopyButton value={inbox.url} label={t("url")}>
              {t("copyUrl")}
            </CopyButton>
          </div>
          {canEdit ? (
            <form className="flex flex-wrap items-end gap-3" onSubmit={submit}>
              <SelectField
                label={t("mode")}
                id={`${id}-mode`}
                value={mode}
                onChange={(e) => setMode(e.target.value as InboxMode)}
                error={action.fieldError("mode")}
                fieldClassName="w-full sm:w-80"
              >
                {INBOX_MODES.map((value) => (
                  <option key={value} value={value}>
                    {t(`modes.${value}`)}
                  </option>
                ))}
              </SelectField>
              <Button type="submit" variant="secondary" pending={action.pending}>
                {t("saveMode")}
              </Button>
            </form>
          ) : (
            <p className="text-sm text-zinc-600">
              {t("mode")}: {t(`modes.${inbox.mode}`)}. {t("modeReadOnly")}
            </p>
          )}
          {action.error ? <Alert tone="danger">{action.error}</Alert> : null}
        </div>
      </Card>

      <section aria-labelledby={`${id}-requests`} className="flex flex-col gap-3">
        <div>
          <h2 id={`${id}-requests`} className="text-lg font-semibold">
            {t("requests")}
          </h2>
          <p className="text-sm text-zinc-600">{t("requestsHint", { max: INBOX_LIMITS.requests })}</p>
        </div>
        {query.isError ? (
          <Alert tone="danger" title={t("loadFailed")}>
            <Button size="sm" variant="secondary" onClick={() => query.refetch()}>
              {tc("tryAgain")}
            </Button>
          </Alert>
        ) : null}
        {query.data.length === 0 ? (
          <Card>
            <CardHeader as="h3" title={t("emptyTitle")} description={t("emptyDescription")} />
          </Card>
        ) : (
          <ol className="flex flex-col gap-3" aria-live="polite">
            {query.data.map((request) => (
              <li key={request.id}>
                <InboxRequestCard request={request} />
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
