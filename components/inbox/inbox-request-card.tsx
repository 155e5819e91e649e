"use client";

import { useTranslations } from "next-intl";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { JsonView, prettyBody } from "@/components/ui/json-view";
import { Time } from "@/components/ui/time";
import type { InboxSignature } from "@/lib/domain/test-inbox";
import type { InboxRequestJson } from "@/lib/inbox/test-inboxes";

const SIGNATURE_TONES: Record<InboxSignature, BadgeTone> = {
  valid: "success",
  invalid: "danger",
  unsigned: "neutral",
  unknown: "warning",
};

/** One request a test inbox received: when, how, whether its signature verified, what it answered, and what it held. */
export function InboxRequestCard({ request }: { request: InboxRequestJson }) {
  const t = useTranslations("inbox");
  const body = prettyBody(request.body);
  const answer =
    request.answerDelayMs > 0
      ? t("answeredAfter", { status: request.answerStatus, seconds: request.answerDelayMs / 1000 })
      : t("answered", { status: request.answerStatus });
  return (
    <Card>
      <article className="flex flex-col gap-3">
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <span className="font-mono text-xs">{request.method}</span>
          <Time value={request.receivedAt} />
          <Badge tone="info">{t(`via.${request.via}`)}</Badge>
          <Badge tone={SIGNATURE_TONES[request.signature]}>{t(`signature.${request.signature}`)}</Badge>
          <Badge tone={request.answerStatus < 300 ? "success" : "danger"}>{answer}</Badge>
        </div>
        <details>
          <summary className="cursor-pointer text-sm font-medium">{t("headers")}</summary>
          <dl className="mt-2 grid grid-cols-[minmax(8rem,max-content)_1fr] gap-x-4 gap-y-1 font-mono text-xs">
            {Object.entries(request.headers).map(([name, value]) => (
              <div key={name} className="contents">
                <dt className="text-zinc-500">{name}</dt>
                <dd className="break-all">{value}</dd>
              </div>
            ))}
          </dl>
        </details>
        <div className="flex flex-col gap-2">
          <div className="flex items-center justify-between gap-2">
            <h3 className="text-sm font-medium">{t("body")}</h3>
            <CopyButton value={request.body} label={t("requestBody")}>
              {t("copyBody")}
            </CopyButton>
          </div>
          <div className="overflow-x-auto rounded-md bg-zinc-50 p-3">
            {body.json ? (
              <JsonView value={body.value} />
            ) : (
              <pre className="font-mono text-xs whitespace-pre-wrap break-all">{body.text}</pre>
            )}
          </div>
        </div>
      </article>
    </Card>
  );
}
