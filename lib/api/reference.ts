import "server-only";

/**
 * The API reference page's view of the OpenAPI document: each operation with its parameters, request body
 * fields, responses and a curl example, read from the generated document (so the page cannot drift from it).
 */

type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  description?: string;
  default?: unknown;
  example?: unknown;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  format?: string;
  /** What the field holds when there is nothing to say (lib/api/webhook-payloads.ts). */
  "x-when-empty"?: string;
};

type Parameter = { name: string; in: string; required?: boolean; description?: string; schema?: Schema };
type Media = { content?: Record<string, { schema?: Schema }> };
type Operation = {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Array<Record<string, string[]>>;
  parameters?: Parameter[];
  requestBody?: Media & { required?: boolean };
  responses?: Record<string, Media & { description?: string }>;
};
export type OpenApiLike = {
  paths?: Record<string, Record<string, unknown> | undefined>;
  components?: { schemas?: Record<string, unknown> };
};

export type ReferenceField = {
  name: string;
  /** "path", "query" or "body". */
  in: string;
  type: string;
  required: boolean;
  description: string | null;
  /** Limits and defaults, in words: "at most 50 characters", "default: true". */
  notes: string[];
};

export type ReferenceBody = { title: string | null; fields: ReferenceField[] };

export type ReferenceResponse = { status: string; description: string; schema: string | null };

export type ReferenceOperation = {
  id: string;
  method: string;
  path: string;
  tag: string;
  summary: string;
  description: string | null;
  auth: "API key" | "Drain token" | "None";
  parameters: ReferenceField[];
  /** One entry per accepted shape (a union such as the ingest body has several). */
  body: ReferenceBody[];
  responses: ReferenceResponse[];
  curl: string;
};

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

function refName(ref: string): string {
  return ref.split("/").at(-1) ?? ref;
}

function resolve(document: OpenApiLike, schema: Schema | undefined): Schema {
  if (!schema?.$ref) return schema ?? {};
  return (document.components?.schemas?.[refName(schema.$ref)] as Schema | undefined) ?? {};
}

function typeOf(schema: Schema): string {
  if (schema.$ref) return refName(schema.$ref);
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(" | ");
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants) return variants.map(typeOf).join(" | ");
  if (schema.type === "array") return `array of ${schema.items ? typeOf(schema.items) : "values"}`;
  if (Array.isArray(schema.type)) return schema.type.join(" | ");
  return schema.format ? `${schema.type ?? "any"} (${schema.format})` : (schema.type ?? "any");
}

function notesOf(schema: Schema, defaults = true): string[] {
  const notes: string[] = [];
  if (schema.minLength === 1) notes.push("not empty");
  else if (schema.minLength !== undefined && schema.minLength > 1)
    notes.push(`at least ${schema.minLength} characters`);
  if (schema.maxLength !== undefined) notes.push(`at most ${schema.maxLength} characters`);
  if (schema.minimum !== undefined) notes.push(`minimum ${schema.minimum}`);
  if (schema.maximum !== undefined && schema.maximum < Number.MAX_SAFE_INTEGER)
    notes.push(`maximum ${schema.maximum}`);
  if (schema.minItems !== undefined) notes.push(`at least ${schema.minItems}`);
  if (defaults && schema.default !== undefined) notes.push(`default: ${JSON.stringify(schema.default)}`);
  if (schema["x-when-empty"]) notes.push(`when empty: ${schema["x-when-empty"]}`);
  return notes;
}

/** A PATCH merges what is sent with the stored values: its fields have no defaults to show. */
function fieldsOf(schema: Schema, where: string, defaults = true): ReferenceField[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    type: typeOf(property),
    required: required.has(name),
    description: property.description ?? null,
    notes: notesOf(property, defaults),
  }));
}

function jsonSchemaOf(media: Media | undefined): Schema | undefined {
  return media?.content?.["application/json"]?.schema;
}

/** A plausible value for a field in the curl example. */
const EXAMPLES: Record<string, unknown> = {
  name: "Release bot",
  url: "https://hooks.example.com/apphooks",
  platform: "ios",
  type: "json",
  events: ["updateVersion", "feedback"],
  description: "Nightly builds for testers",
  event: "updateVersion",
  version: "2.4",
  build: "139",
  size: 48234496,
};

function exampleValue(name: string, schema: Schema): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.example !== undefined) return schema.example;
  if (name in EXAMPLES) return EXAMPLES[name];
  if (schema.enum) return schema.enum[0];
  if (schema.type === "boolean") return schema.default ?? true;
  if (schema.type === "integer" || schema.type === "number") return schema.default ?? 1;
  if (schema.type === "array") return schema.items ? [exampleValue(name, schema.items)] : [];
  return "…";
}

function exampleBody(schema: Schema): Record<string, unknown> {
  const shape = schema.oneOf?.[0] ?? schema.anyOf?.[0] ?? schema;
  const names = shape.required?.length ? shape.required : Object.keys(shape.properties ?? {}).slice(0, 1);
  return Object.fromEntries(names.map((name) => [name, exampleValue(name, shape.properties?.[name] ?? {})]));
}

function curlOf(
  method: string,
  path: string,
  operation: Operation,
  auth: ReferenceOperation["auth"],
  body: Schema | undefined,
): string {
  const query = (operation.parameters ?? []).filter(
    (parameter) => parameter.in === "query" && parameter.required,
  );
  const search = query.length ? `?${query.map((parameter) => `${parameter.name}=…`).join("&")}` : "";
  const lines = [`curl -X ${method.toUpperCase()} "$APPHOOKS_URL${path}${search}"`];
  if (auth === "API key") lines.push(`  -H "Authorization: Bearer $APPHOOKS_API_KEY"`);
  if (auth === "Drain token") lines.push(`  -H "Authorization: Bearer $DELIVERY_DRAIN_TOKEN"`);
  if (body) {
    lines.push(`  -H "Content-Type: application/json"`);
    lines.push(`  -d '${JSON.stringify(exampleBody(body))}'`);
  }
  return lines.join(" \\\n");
}

function authOf(operation: Operation): ReferenceOperation["auth"] {
  const scheme = Object.keys(operation.security?.[0] ?? {})[0];
  if (scheme === "apiKey" || operation.security === undefined) return "API key";
  return scheme === "drainToken" ? "Drain token" : "None";
}

export function referenceOf(document: OpenApiLike): ReferenceOperation[] {
  const out: ReferenceOperation[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item?.[method] as Operation | undefined;
      if (!operation) continue;
      const auth = authOf(operation);
      const bodySchema = jsonSchemaOf(operation.requestBody);
      const resolvedBody = bodySchema ? resolve(document, bodySchema) : undefined;
      const variants = resolvedBody?.oneOf ?? resolvedBody?.anyOf;
      const body: ReferenceBody[] = !resolvedBody
        ? []
        : variants
          ? variants.map((variant) => {
              const shape = resolve(document, variant);
              const type = shape.properties?.type?.const;
              return {
                title: type ? `type: ${JSON.stringify(type)}` : null,
                fields: fieldsOf(shape, "body"),
              };
            })
          : [{ title: null, fields: fieldsOf(resolvedBody, "body", method !== "patch") }];
      out.push({
        id: operation.operationId ?? `${method}-${path}`,
        method: method.toUpperCase(),
        path,
        tag: operation.tags?.[0] ?? "Other",
        summary: operation.summary ?? "",
        description: operation.description ?? null,
        auth,
        parameters: (operation.parameters ?? []).map((parameter) => ({
          name: parameter.name,
          in: parameter.in,
          type: typeOf(parameter.schema ?? {}),
          required: parameter.required ?? false,
          description: parameter.description ?? parameter.schema?.description ?? null,
          notes: notesOf(parameter.schema ?? {}),
        })),
        body,
        responses: Object.entries(operation.responses ?? {}).map(([status, response]) => {
          const schema = jsonSchemaOf(response);
          return {
            status,
            description: response.description ?? "",
            schema: schema ? typeOf(schema) : null,
          };
        }),
        curl: curlOf(method, path, operation, auth, resolvedBody),
      });
    }
  }
  return out;
}

export type ReferenceSchema = { name: string; description: string | null; fields: ReferenceField[] };

/** The document's named schemas (App, Webhook, Error…), each with its fields: what the responses hold. */
export function referenceSchemas(document: OpenApiLike): ReferenceSchema[] {
  return Object.entries(document.components?.schemas ?? {}).map(([name, value]) => {
    const schema = value as Schema;
    return { name, description: schema.description ?? null, fields: fieldsOf(schema, "response") };
  });
}

/** One field of a webhook body, as the event catalog page shows it (`data.*` flattened). */
export type PayloadField = {
  name: string;
  type: string;
  required: boolean;
  description: string | null;
  /** Null: never empty. */
  whenEmpty: string | null;
};

/**
 * The fields of the "Other (JSON)" body of an event type, from the document's `webhooks` schema
 * (`<type>Payload`), with `data`'s own fields after it as `data.<name>`.
 */
export function payloadFields(document: OpenApiLike, type: string): PayloadField[] {
  const schema = resolve(document, { $ref: `#/components/schemas/${type}Payload` });
  const fieldsOfObject = (object: Schema, prefix: string): PayloadField[] => {
    const required = new Set(object.required ?? []);
    return Object.entries(object.properties ?? {}).flatMap(([name, property]) => {
      const own: PayloadField = {
        name: `${prefix}${name}`,
        type: typeOf(property),
        required: required.has(name),
        description: property.description ?? null,
        whenEmpty: property["x-when-empty"] ?? null,
      };
      return property.type === "object" && property.properties
        ? [own, ...fieldsOfObject(property, `${prefix}${name}.`)]
        : [own];
    });
  };
  return fieldsOfObject(schema, "");
}
