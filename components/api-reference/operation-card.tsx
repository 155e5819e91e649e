import { useTranslations } from "next-intl";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { ReferenceOperation } from "@/lib/api/reference";
import { FieldsTable } from "./fields-table";
import { RichText } from "./rich-text";

const METHOD_TONES: Record<string, BadgeTone> = {
  GET: "info",
  POST: "success",
  PATCH: "warning",
  PUT: "warning",
  DELETE: "danger",
};

/** One route of the API: method and path, what it does, its parameters, body, responses and a curl example. */
export function OperationCard({ operation }: { operation: ReferenceOperation }) {
  const headingId = `${operation.id}-title`;
  const t = useTranslations("apiReference.operation");
  const route = `${operation.method} ${operation.path}`;
  return (
    <Card id={operation.id} aria-labelledby={headingId} className="scroll-mt-6">
      <div className="flex flex-col gap-4">
        <div className="flex flex-col gap-1">
          <h3
            id={headingId}
            className="flex flex-wrap items-center gap-2 text-base font-semibold text-zinc-900"
          >
            <Badge tone={METHOD_TONES[operation.method] ?? "neutral"}>{operation.method}</Badge>
            <code className="font-mono text-sm break-all">{operation.path}</code>
          </h3>
          <p className="text-sm font-medium text-zinc-800">{operation.summary}</p>
          {operation.description ? (
            <p className="text-sm text-zinc-600">
              <RichText text={operation.description} />
            </p>
          ) : null}
          <p className="text-xs text-zinc-500">{t("authorization", { auth: operation.auth })}</p>
        </div>
        {operation.parameters.length > 0 ? (
          <section className="flex flex-col gap-2">
            <h4 className="text-sm font-semibold text-zinc-900">{t("parameters")}</h4>
            <FieldsTable caption={t("parametersOf", { route })} fields={operation.parameters} showIn />
          </section>
        ) : null}
        {operation.body.length > 0 ? (
          <section className="flex flex-col gap-2">
            <h4 className="text-sm font-semibold text-zinc-900">{t("body")}</h4>
            {operation.body.map((shape) => (
              <div key={shape.title ?? "body"} className="flex flex-col gap-1">
                {shape.title ? (
                  <p className="text-xs font-medium text-zinc-600">
                    {t.rich("with", {
                      shape: shape.title,
                      code: (chunks) => <code className="font-mono">{chunks}</code>,
                    })}
                  </p>
                ) : null}
                <FieldsTable
                  caption={
                    shape.title ? t("bodyOfShape", { route, shape: shape.title }) : t("bodyOf", { route })
                  }
                  fields={shape.fields}
                />
              </div>
            ))}
          </section>
        ) : null}
        <section className="flex flex-col gap-2">
          <h4 className="text-sm font-semibold text-zinc-900">{t("responses")}</h4>
          <Table>
            <caption className="sr-only">{t("responsesOf", { route })}</caption>
            <THead>
              <TR>
                <TH>{t("status")}</TH>
                <TH>{t("responseBody")}</TH>
                <TH>{t("meaning")}</TH>
              </TR>
            </THead>
            <TBody>
              {operation.responses.map((response) => (
                <TR key={response.status}>
                  <TD className="align-top font-mono text-xs">{response.status}</TD>
                  <TD label={t("responseBody")} className="align-top">
                    {response.schema ? (
                      <a
                        href={`#schema-${response.schema}`}
                        className="font-mono text-xs text-indigo-700 underline"
                      >
                        {response.schema}
                      </a>
                    ) : (
                      <span className="text-xs text-zinc-500">{t("none")}</span>
                    )}
                  </TD>
                  <TD label={t("meaning")} className="align-top text-xs">
                    <RichText text={response.description} />
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        </section>
        <section className="flex flex-col gap-2">
          <h4 className="text-sm font-semibold text-zinc-900">{t("example")}</h4>
          <pre className="overflow-x-auto rounded-md bg-zinc-900 p-3 font-mono text-xs leading-relaxed text-zinc-100 max-sm:whitespace-pre-wrap max-sm:wrap-anywhere">
            {operation.curl}
          </pre>
        </section>
      </div>
    </Card>
  );
}
