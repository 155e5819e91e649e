import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { JsonView, prettyBody } from "@/components/ui/json-view";
import { Time } from "@/components/ui/time";
import type { AttemptView } from "@/lib/delivery-log/get-delivery";

function Headers({ headers, label }: { headers: Record<string, string>; label: string }) {
  const t = useTranslations("deliveries.attempt");
  const entries = Object.entries(headers);
  if (entries.length === 0) return <p className="text-xs text-zinc-500">{t("noHeaders")}</p>;
  return (
    <dl aria-label={label} className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 font-mono text-xs">
      {entries.map(([name, value]) => (
        <div key={name} className="contents">
          <dt className="text-zinc-500">{name}</dt>
          <dd className="break-all text-zinc-800">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A request or response body: JSON pretty-printed and foldable, anything else as sent; with Copy. */
function Body({ text, label }: { text: string; label: string }) {
  const t = useTranslations("deliveries.attempt");
  const body = prettyBody(text);
  return (
    <figure className="flex flex-col gap-1">
      <figcaption className="text-xs font-medium text-zinc-700">{label}</figcaption>
      <div className="relative">
        {text ? (
          <div className="absolute top-2 right-2">
            <CopyButton value={body.json ? JSON.stringify(body.value, null, 2) : text} label={label}>
              {t("copy")}
            </CopyButton>
          </div>
        ) : null}
        <div className="max-h-80 overflow-auto rounded-md border border-zinc-200 bg-zinc-50 p-3 pr-20 text-xs break-all">
          {body.json ? (
            <JsonView value={body.value} />
          ) : (
            <pre className="whitespace-pre-wrap">{text || t("empty")}</pre>
          )}
        </div>
      </div>
    </figure>
  );
}

/** One attempt: the request as sent (URL tokens and signatures masked) and the answer as received. */
export function AttemptCard({ attempt }: { attempt: AttemptView }) {
  const t = useTranslations("deliveries.attempt");
  const title = t("title", { number: attempt.attempt });
  const ok =
    attempt.response && attempt.response.status >= 200 && attempt.response.status < 300 && !attempt.error;
  return (
    <Card aria-label={title}>
      <div className="mb-3 flex flex-wrap items-center gap-3">
        <h4 className="text-sm font-semibold">{title}</h4>
        <Badge tone={ok ? "success" : "danger"}>
          {attempt.response ? `HTTP ${attempt.response.status}` : t("noAnswer")}
        </Badge>
        <span className="flex flex-wrap items-baseline gap-x-1.5 text-xs text-zinc-500">
          <Time value={attempt.startedAt} />
          <span>· {attempt.durationMs} ms</span>
        </span>
      </div>
      {attempt.error ? (
        <p className="mb-3 text-sm text-red-700">
          <span className="font-medium">{t("error")}</span>
          {attempt.error}
        </p>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-2">
        <div className="flex min-w-0 flex-col gap-2">
          <h5 className="text-xs font-semibold tracking-wide text-zinc-500 uppercase">{t("request")}</h5>
          <p className="font-mono text-xs break-all">POST {attempt.request.url || t("notSent")}</p>
          <Headers headers={attempt.request.headers} label={t("requestHeaders", { title })} />
          <Body text={attempt.request.body} label={t("requestBody")} />
        </div>
        <div className="flex min-w-0 flex-col gap-2">
          <h5 className="text-xs font-semibold tracking-wide text-zinc-500 uppercase">{t("response")}</h5>
          {attempt.response ? (
            <>
              <p className="font-mono text-xs">HTTP {attempt.response.status}</p>
              <Headers headers={attempt.response.headers} label={t("responseHeaders", { title })} />
              <Body text={attempt.response.body} label={t("responseBody")} />
            </>
          ) : (
            <p className="text-xs text-zinc-500">{t("noResponse")}</p>
          )}
        </div>
      </div>
    </Card>
  );
}
