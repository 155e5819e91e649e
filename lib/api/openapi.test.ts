import { readdir } from "node:fs/promises";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, test } from "vitest";
import { GET } from "@/app/api/v1/openapi.json/route";
import { isNotAllowedHandler } from "./not-allowed";
import { openApiDocument } from "./openapi";
import { auditEntryResource } from "./schemas";

const API_ROOT = path.resolve(__dirname, "../../app/api/v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** Every route file under app/api/v1, as an OpenAPI path ("[appKey]" → "{appKey}"), with the methods it exports. */
async function routeFiles(): Promise<Array<{ path: string; methods: string[] }>> {
  const files = (await readdir(API_ROOT, { recursive: true })).filter(
    // The catch-all answers unknown paths (JSON 404); it is no route of the API.
    (file) => /(^|\/)route\.ts$/.test(file) && !file.includes("[..."),
  );
  expect(files.length).toBeGreaterThanOrEqual(10);
  return Promise.all(
    files.map(async (file) => {
      const module: Record<string, unknown> = await import(path.join(API_ROOT, file));
      const dir = path.dirname(file).replace(/\[([^\]]+)\]/g, "{$1}");
      return {
        path: `/api/v1/${dir}`,
        methods: METHODS.filter(
          (method) => typeof module[method] === "function" && !isNotAllowedHandler(module[method]),
        ),
      };
    }),
  );
}

describe("OpenAPI document", () => {
  test("is a valid OpenAPI 3.1 document", async () => {
    const validator = new Validator();
    // As served: the JSON text, parsed.
    const served: Record<string, unknown> = JSON.parse(JSON.stringify(openApiDocument()));
    const result = await validator.validate(served);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  test("documents every route file under app/api/v1 with exactly the methods it exports", async () => {
    const documented = openApiDocument().paths ?? {};
    for (const route of await routeFiles()) {
      const item = documented[route.path] as Record<string, unknown> | undefined;
      expect(item, `${route.path} is missing from the document`).toBeDefined();
      const documentedMethods = METHODS.filter((method) => item?.[method.toLowerCase()]);
      expect(documentedMethods, route.path).toEqual(route.methods);
    }
  });

  test("each operation names its statuses with the one error shape, and the bearer scheme", () => {
    const document = openApiDocument();
    expect(document.components?.securitySchemes?.apiKey).toMatchObject({ type: "http", scheme: "bearer" });
    const errorRef = { $ref: "#/components/schemas/Error" };
    let operations = 0;
    for (const [route, item] of Object.entries(document.paths ?? {})) {
      for (const method of ["get", "post", "patch", "delete"] as const) {
        const operation = item?.[method];
        if (!operation) continue;
        operations++;
        expect(operation.summary, `${method} ${route}`).toBeTruthy();
        const statuses = Object.keys(operation.responses ?? {});
        expect(
          statuses.some((status) => /^2\d\d$/.test(status)),
          `${method} ${route}`,
        ).toBe(true);
        if (route === "/api/v1/openapi.json") continue;
        for (const status of statuses.filter((s) => !s.startsWith("2"))) {
          const response = operation.responses?.[status] as { content?: Record<string, { schema: unknown }> };
          expect(response.content?.["application/json"]?.schema, `${method} ${route} ${status}`).toEqual(
            errorRef,
          );
        }
        expect(statuses, `${method} ${route}`).toContain("401");
      }
    }
    expect(operations).toBe(21);
    const createWebhook = document.paths?.["/api/v1/apps/{appKey}/webhooks"]?.post;
    expect(Object.keys(createWebhook?.responses ?? {})).toEqual(
      expect.arrayContaining(["201", "400", "401", "403", "404", "409", "415"]),
    );
  });

  test("request bodies come from the forms' zod schemas", () => {
    const document = openApiDocument();
    const body = document.paths?.["/api/v1/apps/{appKey}/webhooks"]?.post?.requestBody as {
      content: Record<string, { schema: { properties: Record<string, unknown>; required: string[] } }>;
    };
    const schema = body.content["application/json"]?.schema;
    expect(Object.keys(schema?.properties ?? {})).toEqual(
      expect.arrayContaining(["name", "type", "url", "secret", "language", "events", "enabled"]),
    );
    expect(schema?.required).toEqual(expect.arrayContaining(["name", "type", "url", "events"]));
    expect(schema?.properties.url).toMatchObject({ type: "string", maxLength: 2048 });
  });

  test("the audit log: its filters as query parameters, and an example entry the response schema accepts", () => {
    const document = openApiDocument();
    const list = document.paths?.["/api/v1/audit"]?.get;
    const names = (list?.parameters ?? []).map((parameter) => (parameter as { name: string }).name);
    expect(names).toEqual(["actor", "app", "kind", "since", "until", "cursor", "limit"]);
    const schema = document.components?.schemas?.AuditEntry as { example?: unknown } | undefined;
    expect(auditEntryResource.parse(schema?.example)).toEqual(schema?.example);
    expect(JSON.stringify(schema?.example)).toContain("••••");
  });

  test("is served at /api/v1/openapi.json without a key", async () => {
    const response = await GET(new Request("http://localhost/api/v1/openapi.json"));
    expect(response.status).toBe(200);
    const served = await response.json();
    expect(served.openapi).toBe("3.1.0");
    expect(Object.keys(served.paths)).toContain("/api/v1/apps/{appKey}/webhooks/{webhookId}");
  });
});
