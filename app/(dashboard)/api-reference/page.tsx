import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { FieldsTable } from "@/components/api-reference/fields-table";
import { OperationCard } from "@/components/api-reference/operation-card";
import { Card } from "@/components/ui/card";
import { openApiDocument } from "@/lib/api/openapi";
import { type OpenApiLike, referenceOf, referenceSchemas } from "@/lib/api/reference";
import { requireUser } from "@/lib/auth/session";
import { env } from "@/lib/env";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("apiReference"))("metaTitle") };
}

/** The public API, rendered from the same OpenAPI document that /api/v1/openapi.json serves. */
export default async function ApiReferencePage() {
  await requireUser();
  const document = openApiDocument() as OpenApiLike;
  const operations = referenceOf(document);
  const schemas = referenceSchemas(document);
  const tags = [...new Set(operations.map((operation) => operation.tag))];
  const baseUrl = env().APP_URL ?? env().AUTH_URL ?? "http://localhost:3000";
  const t = await getTranslations("apiReference");
  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-col gap-3">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="max-w-3xl text-sm text-zinc-600">
          {t.rich("intro", {
            link: (chunks) => (
              <Link href="/team/api-keys" className="font-medium text-indigo-700 underline">
                {chunks}
              </Link>
            ),
            strong: (chunks) => <strong>{chunks}</strong>,
            code: () => (
              <code className="font-mono text-xs">{`{"error": {"code", "message", "fields"}}`}</code>
            ),
          })}
        </p>
        <pre className="max-w-3xl overflow-x-auto rounded-md bg-zinc-900 p-3 font-mono text-xs text-zinc-100 max-sm:whitespace-pre-wrap max-sm:wrap-anywhere">
          {`export APPHOOKS_URL=${baseUrl}\nexport APPHOOKS_API_KEY=ahk_…`}
        </pre>
        <p className="text-sm text-zinc-600">
          {t.rich("machineReadable", {
            link: (chunks) => (
              <a href="/api/v1/openapi.json" className="font-medium text-indigo-700 underline">
                {chunks}
              </a>
            ),
          })}
        </p>
      </div>
      <nav aria-label={t("routesLabel")}>
        <Card>
          <h2 className="mb-3 text-base font-semibold text-zinc-900">{t("routes")}</h2>
          <div className="grid gap-4 sm:grid-cols-2">
            {tags.map((tag) => (
              <div key={tag} className="min-w-0">
                <h3 className="text-xs font-medium tracking-wide text-zinc-500 uppercase">{tag}</h3>
                <ul className="mt-1 flex flex-col gap-3 wrap-anywhere sm:gap-1">
                  {operations
                    .filter((operation) => operation.tag === tag)
                    .map((operation) => (
                      <li key={operation.id}>
                        <a href={`#${operation.id}`} className="text-sm text-indigo-700 underline">
                          <span className="font-mono text-xs">{operation.method}</span> {operation.path}
                        </a>
                        <span className="text-xs text-zinc-500"> — {operation.summary}</span>
                      </li>
                    ))}
                </ul>
              </div>
            ))}
          </div>
        </Card>
      </nav>
      {tags.map((tag) => (
        <section key={tag} aria-labelledby={`tag-${tag}`} className="flex flex-col gap-4">
          <h2 id={`tag-${tag}`} className="text-lg font-semibold">
            {tag}
          </h2>
          {operations
            .filter((operation) => operation.tag === tag)
            .map((operation) => (
              <OperationCard key={operation.id} operation={operation} />
            ))}
        </section>
      ))}
      <section aria-labelledby="schemas" className="flex flex-col gap-4">
        <h2 id="schemas" className="text-lg font-semibold">
          {t("schemas")}
        </h2>
        {schemas.map((schema) => (
          <Card
            key={schema.name}
            id={`schema-${schema.name}`}
            aria-labelledby={`schema-${schema.name}-title`}
            className="scroll-mt-6"
          >
            <h3 id={`schema-${schema.name}-title`} className="mb-3 font-mono text-sm font-semibold">
              {schema.name}
            </h3>
            <FieldsTable caption={t("fieldsOf", { name: schema.name })} fields={schema.fields} />
          </Card>
        ))}
      </section>
    </div>
  );
}
