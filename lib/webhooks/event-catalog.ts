import "server-only";
import { openApiDocument } from "@/lib/api/openapi";
import { type OpenApiLike, type PayloadField, payloadFields } from "@/lib/api/reference";
import { catalogSample } from "@/lib/delivery/catalog";
import { EVENT_TYPES, type EventType, LANGUAGES, type Language } from "@/lib/domain/event-catalog";
import { CHINA_TIME_ZONE } from "@/lib/domain/time-zones";
import { WEBHOOK_TYPES, type WebhookType } from "@/lib/domain/webhook-types";

/**
 * The event catalog page (docs/events.md#catalog): each event type with the fields of its JSON body (their
 * documentation is the OpenAPI `webhooks` section's, lib/api/webhook-payloads.ts) and what every webhook type
 * receives for it in each language, built by the sending code (lib/delivery/catalog.ts).
 */

/** The samples' time zone in each language, as the OpenAPI examples use them: UTC, and China time as Pgyer sends. */
export const CATALOG_TIME_ZONES: Record<Language, string> = { en: "UTC", "zh-CN": CHINA_TIME_ZONE };

export type CatalogBodySample = {
  format: WebhookType;
  language: Language;
  timeZone: string;
  headers: Record<string, string>;
  /** The body exactly as sent (compact JSON). */
  body: string;
};

export type CatalogField = PayloadField & {
  /** The field's value in the JSON sample, per language, as JSON text (null when the sample has none). */
  examples: Record<Language, string | null>;
};

export type CatalogEntry = { type: EventType; fields: CatalogField[]; samples: CatalogBodySample[] };

/** The value at a dotted path (`data.device`) of a JSON body. */
function valueAt(body: unknown, path: string): unknown {
  return path
    .split(".")
    .reduce<unknown>(
      (value, key) =>
        value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined,
      body,
    );
}

/** Every event type with its fields and its sample bodies (every webhook type × language). */
export function eventCatalog(): CatalogEntry[] {
  const document = openApiDocument() as OpenApiLike;
  return EVENT_TYPES.map((type) => {
    const samples = WEBHOOK_TYPES.flatMap((format) =>
      LANGUAGES.map((language): CatalogBodySample => {
        const timeZone = CATALOG_TIME_ZONES[language];
        const sample = catalogSample(type, format, language, timeZone);
        return { format, language, timeZone, headers: sample.headers, body: JSON.stringify(sample.body) };
      }),
    );
    const json = Object.fromEntries(
      LANGUAGES.map((language) => [
        language,
        JSON.parse(samples.find((s) => s.format === "json" && s.language === language)?.body ?? "{}"),
      ]),
    ) as Record<Language, unknown>;
    const fields = payloadFields(document, type).map((field) => ({
      ...field,
      examples: Object.fromEntries(
        LANGUAGES.map((language) => {
          const value = valueAt(json[language], field.name);
          return [language, value === undefined ? null : JSON.stringify(value)];
        }),
      ) as Record<Language, string | null>,
    }));
    return { type, fields, samples };
  });
}
