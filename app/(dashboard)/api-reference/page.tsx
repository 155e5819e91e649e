import type { Metadata } from "next";
import Link from "next/link";
import { FieldsTable } from "@/components/api-reference/fields-table";
import { OperationCard } from "@/components/api-reference/operation-card";
import { Card } from "@/components/ui/card";
import { openApiDocument } from "@/lib/api/openapi";
import { type OpenApiLike, referenceOf, referenceSchemas } from "@/lib/api/reference";
import { requireUser } from "@/lib/auth/session";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "API reference" };

/** The public API, rendered from the same OpenAPI document that /api/v1/openapi.json serves. */
export default async function ApiReferencePage() {
  await requireUser();
  const document = openApiDocument() as OpenApiLike;
  const operations = referenceOf(document);
  const schemas = referenceSchemas(document);
  const tags = [...new Set(operations.map((operation) => operation.tag))];
  const baseUrl = env().APP_URL ?? env().AUTH_URL ?? "http://localhost:3000";
  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-col gap-3">
        <h1 className="text-2xl font-semibold">API reference</h1>
        <p className="max-w-3xl text-sm text-zinc-600">
          Manage apps, webhooks and deliveries, and send events, with a team API key from{" "}
          <Link href="/team/api-keys" className="font-medium text-indigo-700 underline">
            API keys
          </Link>
          . A key acts in its own team with the access it was given: <strong>Read-only</strong> (as a member:
          it lists and reads, webhook URLs masked), <strong>Admin</strong> (also creates and changes apps and
          webhooks, sends events) or <strong>Owner</strong> (also deletes apps). Bodies are JSON; every error
          is <code className="font-mono text-xs">{`{"error": {"code", "message", "fields"}}`}</code>.
        </p>
        <pre className="max-w-3xl overflow-x-auto rounded-md bg-zinc-900 p-3 font-mono text-xs text-zinc-100 max-sm:whitespace-pre-wrap max-sm:wrap-anywhere">
          {`export APPHOOKS_URL=${baseUrl}\nexport APPHOOKS_API_KEY=ahk_…`}
        </pre>
        <p className="text-sm text-zinc-600">
          Machine-readable:{" "}
          <a href="/api/v1/openapi.json" className="font-medium text-indigo-700 underline">
            OpenAPI 3.1 document
          </a>
          .
        </p>
      </div>
      <nav aria-label="API routes">
        <Card>
          <h2 className="mb-3 text-base font-semibold text-zinc-900">Routes</h2>
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
          Response schemas
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
            <FieldsTable caption={`Fields of ${schema.name}`} fields={schema.fields} />
          </Card>
        ))}
      </section>
    </div>
  );
}
