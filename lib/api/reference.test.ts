import { describe, expect, test } from "vitest";
import type { z } from "zod";
import { createAppInput } from "@/lib/validation/app";
import { sendTestInput } from "@/lib/validation/delivery";
import { ingestBody } from "@/lib/validation/ingest";
import { webhookInput } from "@/lib/validation/webhook";
import { openApiDocument } from "./openapi";
import { type OpenApiLike, referenceOf, referenceSchemas } from "./reference";

const document = openApiDocument() as OpenApiLike;
const operations = referenceOf(document);
const byId = (id: string) => {
  const found = operations.find((operation) => operation.id === id);
  if (!found) throw new Error(`no operation ${id}`);
  return found;
};

describe("API reference page model", () => {
  test("lists every operation of the document with its method, path, summary and responses", () => {
    const documented = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
      Object.keys(item ?? {}).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.map((operation) => `${operation.method} ${operation.path}`).sort()).toEqual(
      documented.sort(),
    );
    for (const operation of operations) {
      expect(operation.summary, operation.id).not.toBe("");
      expect(operation.responses.length, operation.id).toBeGreaterThan(0);
      expect(operation.curl, operation.id).toContain(
        `curl -X ${operation.method} "$APPHOOKS_URL${operation.path}`,
      );
    }
  });

  test("parameters, body fields and responses of a route", () => {
    const create = byId("createWebhook");
    expect(create.parameters).toEqual([
      expect.objectContaining({ name: "appKey", in: "path", required: true }),
    ]);
    const [body] = create.body;
    expect(body?.fields.find((field) => field.name === "url")).toMatchObject({
      type: "string",
      required: true,
      notes: ["not empty", "at most 2048 characters"],
    });
    expect(body?.fields.find((field) => field.name === "enabled")).toMatchObject({
      required: false,
      notes: ["default: true"],
    });
    expect(create.responses.map((response) => [response.status, response.schema])).toEqual(
      expect.arrayContaining([
        ["201", "Webhook"],
        ["409", "Error"],
      ]),
    );
    expect(byId("deleteApp").parameters.map((parameter) => [parameter.in, parameter.name])).toEqual([
      ["path", "appKey"],
      ["query", "confirmName"],
    ]);
    expect(byId("ingestEvent").body.map((shape) => shape.title)).toEqual([
      'type: "updateVersion"',
      'type: "feedback"',
      'type: "crashlog"',
    ]);
    expect(byId("openApiDocument").auth).toBe("None");
    expect(byId("listApps").curl).toContain('-H "Authorization: Bearer $APPHOOKS_API_KEY"');
  });

  test.each([
    ["createApp", createAppInput],
    ["createWebhook", webhookInput],
    ["ingestEvent", ingestBody],
    ["sendTest", sendTestInput],
  ] as Array<[string, z.ZodType]>)("the curl example of %s sends a body its schema accepts", (id, schema) => {
    const body = /-d '(.*)'$/.exec(byId(id).curl)?.[1];
    expect(body).toBeDefined();
    expect(schema.safeParse(JSON.parse(body ?? "")).success).toBe(true);
  });

  test("response schemas are listed with their fields, without any secret", () => {
    const schemas = referenceSchemas(document);
    const webhook = schemas.find((schema) => schema.name === "Webhook");
    expect(webhook?.fields.map((field) => field.name)).toEqual(
      expect.arrayContaining(["id", "url", "urlMasked", "hasSecret", "events", "enabled"]),
    );
    expect(JSON.stringify(schemas)).not.toMatch(
      /secretEncrypted|signingSecret|installPasswordEncrypted|keyHash/,
    );
    expect(schemas.map((schema) => schema.name)).toEqual(
      expect.arrayContaining(["App", "Error", "DeliveryDetail"]),
    );
  });
});
