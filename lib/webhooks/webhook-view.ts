import "server-only";
import type { Webhook } from "@/lib/db/schema";
import type { EventType, Language } from "@/lib/domain/event-catalog";
import { maskUrl } from "@/lib/domain/mask-url";
import { mismatchedType, type WebhookType } from "@/lib/domain/webhook-types";

/** What any team member may see of a webhook: the URL masked, the secret reduced to "set or not". */
export type WebhookView = {
  id: string;
  name: string;
  type: WebhookType;
  maskedUrl: string;
  events: EventType[];
  language: Language;
  enabled: boolean;
  hasSecret: boolean;
  /** The robot service the URL belongs to when it is not `type` (docs/robots.md#detection: a warning). */
  detectedType: WebhookType | null;
  updatedAt: string;
};

export function toWebhookView(webhook: Webhook): WebhookView {
  return {
    id: webhook.id,
    name: webhook.name,
    type: webhook.type,
    maskedUrl: maskUrl(webhook.url),
    events: webhook.events,
    language: webhook.language,
    enabled: webhook.enabled,
    hasSecret: webhook.secretEncrypted !== null,
    detectedType: mismatchedType(webhook.type, webhook.url),
    updatedAt: webhook.updatedAt.toISOString(),
  };
}

/** What the edit form starts from (admins only): the full URL, and only the secret's last 4 characters. */
export type WebhookFormDefaults = {
  name: string;
  type: WebhookType;
  url: string;
  language: Language;
  events: EventType[];
  enabled: boolean;
  digest: boolean;
  secretHint: string | null;
};

export function toFormDefaults(webhook: Webhook): WebhookFormDefaults {
  return {
    name: webhook.name,
    type: webhook.type,
    url: webhook.url,
    language: webhook.language,
    events: webhook.events,
    enabled: webhook.enabled,
    digest: webhook.digest,
    secretHint: webhook.secretHint,
  };
}
