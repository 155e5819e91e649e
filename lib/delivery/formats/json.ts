import "server-only";
import type { EventType, Language } from "@/lib/domain/event-catalog";
import type { EventFacts } from "@/lib/domain/event-facts";
import { buildGenericPayload, type GenericPayload } from "@/lib/events/payload";

/**
 * Webhook type "Other (JSON)": the docs/events.md#json-payload payload, unchanged (receivers are written against it), signed with
 * Standard Webhooks headers by the request builder. Its largest field, notes, is bounded by the ingest limits,
 * so the body stays far below our 256 KiB.
 */
export function jsonBody(
  event: { id: string; type: EventType; facts: EventFacts },
  language: Language,
  baseUrl: string,
  timeZone: string,
): GenericPayload {
  return buildGenericPayload(event, language, baseUrl, timeZone);
}
