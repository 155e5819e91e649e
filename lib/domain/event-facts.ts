import type { EventType, Language } from "./event-catalog";
import type { PlatformCode } from "./platforms";
import type { WebhookType } from "./webhook-types";

/** A version (build) as events describe it; times are ISO strings. */
export type VersionFacts = {
  version: string;
  build: string;
  sizeBytes: number;
  notes: string;
  createdAt: string;
  updatedAt: string;
};

/**
 * The language-neutral facts of an event, stored with it: every payload (generic JSON now, chat-robot formats
 * later) is rendered from these, in the webhook's language, at send time.
 */
export type EventFacts = {
  app: { key: string; name: string; platform: PlatformCode };
  /** ISO time the event happened. */
  occurredAt: string;
  /** The build concerned, or the app's latest one; null when the app has none. */
  version: VersionFacts | null;
  /** When the subject (version, feedback, crash report; else the app) was created and last updated. */
  subjectCreatedAt: string;
  subjectUpdatedAt: string;
  /** Release notes, feedback text, crash excerpt, or a change summary. */
  notes: string;
  /** Event-specific details (docs/events.md#json-payload: `data`). */
  data: Record<string, unknown>;
  /** A sample sent with "Send test": payloads say so (`"test": true`, "[Test]" in chat titles); never retried. */
  test?: true;
};

/** Where and how a delivery is sent, kept with it so that it outlives a deleted webhook (appDelete). */
export type DeliveryTarget = {
  name: string;
  url: string;
  type: WebhookType;
  language: Language;
  /** The robot's signing secret (DingTalk/Lark), encrypted. */
  secretEncrypted: string | null;
  /** Standard Webhooks secrets (`whsec_…`), encrypted: the current one, then a previous one during rotation. */
  signingSecretsEncrypted: string[];
};

/** An event as a delivery sends it: its id (the `webhook-id` header), type and facts. */
export type DeliveryEvent = { id: string; type: EventType; facts: EventFacts };
