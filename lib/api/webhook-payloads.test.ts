import { describe, expect, it } from "vitest";
import { catalogEvent, catalogSample } from "@/lib/delivery/catalog";
import { EVENT_TYPES, LANGUAGES } from "@/lib/domain/event-catalog";
import { CHINA_TIME_ZONE } from "@/lib/domain/time-zones";
import { buildGenericPayload } from "@/lib/events/payload";
import { openApiDocument } from "./openapi";
import { jsonPayloadSchema } from "./webhook-payloads";

type Media = { examples: Record<string, { value: unknown }> };
type Document = { webhooks: Record<string, { post: { requestBody: { content: Record<string, Media> } } }> };

describe("the OpenAPI webhooks section (what receivers get)", () => {
  const document = openApiDocument() as unknown as Document;

  it("has one entry per event type", () => {
    expect(Object.keys(document.webhooks).sort()).toEqual([...EVENT_TYPES].sort());
  });

  it.each(EVENT_TYPES)(
    "%s: the examples are what a JSON webhook is sent, and match the documented schema",
    (type) => {
      const media = document.webhooks[type]?.post.requestBody.content["application/json"];
      const examples = media?.examples ?? {};
      expect(examples.en?.value).toEqual(catalogSample(type, "json", "en").body);
      expect(examples["zh-CN"]?.value).toEqual(catalogSample(type, "json", "zh-CN", CHINA_TIME_ZONE).body);
      const schema = jsonPayloadSchema(type);
      expect(Object.keys(examples)).toEqual(["en", "zh-CN"]);
      for (const { value } of Object.values(examples)) {
        expect(schema.parse(value)).toEqual(value);
        // Every field sent is documented (the schema would let an undocumented one through).
        expect(Object.keys(value as object).filter((key) => !(key in schema.shape))).toEqual([]);
        const data = (value as { data: object }).data;
        const dataShape = (schema.shape.data as unknown as { shape: object }).shape;
        expect(Object.keys(data).filter((key) => !(key in dataShape))).toEqual([]);
      }
    },
  );

  it("writes created/updated in the zone asked for, the timestamp in Unix seconds either way", () => {
    const utc = catalogSample("feedback", "json", "en").body as Record<string, unknown>;
    const china = catalogSample("feedback", "json", "zh-CN", CHINA_TIME_ZONE).body as Record<string, unknown>;
    expect(utc.created).toBe("2026-03-02 03:25:18");
    expect(china.created).toBe("2026-03-02 11:25:18");
    expect(china.timestamp).toBe(utc.timestamp);
  });
});

describe("the catalog's samples", () => {
  it.each(EVENT_TYPES)("%s: the JSON sample is the generic payload the sender renders", (type) => {
    for (const language of LANGUAGES) {
      expect(catalogSample(type, "json", language).body).toEqual(
        buildGenericPayload(catalogEvent(type), language, "https://apphooks.example.com", "UTC"),
      );
    }
  });

  it("robot samples are each service's own message, with Pgyer's keyword", () => {
    const dingtalk = catalogSample("crashlog", "dingtalk", "en").body as {
      msgtype: string;
      markdown: { text: string };
    };
    expect(dingtalk.msgtype).toBe("markdown");
    expect(dingtalk.markdown.text).toContain("Application");
    expect(dingtalk.markdown.text).toContain("NSInvalidArgumentException");
    const wecom = catalogSample("updateVersion", "wecom", "zh-CN").body as { markdown: { content: string } };
    expect(wecom.markdown.content).toContain("应用");
    expect(wecom.markdown.content).toContain("2.4");
  });
});
