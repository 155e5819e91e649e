import { describe, expect, it } from "vitest";
import { CATALOG_BASE_URL, catalogEvent } from "@/lib/delivery/catalog";
import { buildMessage, ROBOT_FORMATS } from "@/lib/delivery/formats";
import { jsonBody } from "@/lib/delivery/formats/json";
import { EVENT_TYPES, LANGUAGES } from "@/lib/domain/event-catalog";
import { WEBHOOK_TYPES } from "@/lib/domain/webhook-types";
import { CATALOG_TIME_ZONES, eventCatalog } from "./event-catalog";

const catalog = eventCatalog();

/** What the sender's own formatting functions make of the catalog's event: the body a webhook would get. */
function senderBody(
  type: (typeof EVENT_TYPES)[number],
  format: (typeof WEBHOOK_TYPES)[number],
  language: "en" | "zh-CN",
) {
  const event = catalogEvent(type);
  const timeZone = CATALOG_TIME_ZONES[language];
  if (format === "json") return jsonBody(event, language, CATALOG_BASE_URL, timeZone);
  return ROBOT_FORMATS[format].build({
    message: buildMessage(event, language, CATALOG_BASE_URL, timeZone),
    url: "https://robot.example.com/send",
    secret: null,
    deliveryId: "00000000-0000-4000-8000-000000000000",
    now: new Date(event.facts.occurredAt),
  }).body;
}

describe("the event catalog page's data", () => {
  it("lists the 7 event types, each with a sample for every format and language", () => {
    expect(catalog.map((entry) => entry.type)).toEqual([...EVENT_TYPES]);
    for (const entry of catalog) {
      expect(entry.samples.map((s) => `${s.format}/${s.language}`).sort()).toEqual(
        WEBHOOK_TYPES.flatMap((f) => LANGUAGES.map((l) => `${f}/${l}`)).sort(),
      );
    }
  });

  describe.each(EVENT_TYPES)("%s", (type) => {
    const entry = catalog.find((e) => e.type === type);
    it.each(WEBHOOK_TYPES.flatMap((format) => LANGUAGES.map((language) => [format, language] as const)))(
      "%s in %s: the sample body is what the sender builds",
      (format, language) => {
        const sample = entry?.samples.find((s) => s.format === format && s.language === language);
        expect(JSON.parse(sample?.body ?? "null")).toEqual(senderBody(type, format, language));
        expect(sample?.timeZone).toBe(CATALOG_TIME_ZONES[language]);
        expect(sample?.headers["X-AppHooks-Event"]).toBe(type);
      },
    );

    it("documents every field the JSON body holds, with the sample's values as examples", () => {
      const names = new Set(entry?.fields.map((field) => field.name));
      for (const language of LANGUAGES) {
        const body = JSON.parse(
          entry?.samples.find((s) => s.format === "json" && s.language === language)?.body ?? "{}",
        ) as Record<string, unknown>;
        for (const key of Object.keys(body)) expect(names).toContain(key);
        for (const key of Object.keys(body.data as object)) expect(names).toContain(`data.${key}`);
        expect(entry?.fields.find((f) => f.name === "title")?.examples[language]).toBe(
          JSON.stringify(body.title),
        );
      }
      for (const field of entry?.fields ?? []) expect(field.description).toBeTruthy();
    });
  });

  it("says what a field holds when empty, from the OpenAPI section", () => {
    const feedback = catalog.find((e) => e.type === "feedback");
    expect(feedback?.fields.find((f) => f.name === "data.contact")?.whenEmpty).toBe('`""` when not given.');
    expect(feedback?.fields.find((f) => f.name === "title")?.whenEmpty).toBeNull();
    expect(feedback?.fields.find((f) => f.name === "created")?.examples["zh-CN"]).toBe(
      '"2026-03-02 11:25:18"',
    );
  });
});
