import "server-only";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { newSigningSecret } from "@/lib/crypto/signature";
import { randomKey } from "@/lib/crypto/tokens";
import type { Tx } from "@/lib/db/client";
import { insertEventWithDeliveries, setSigningSecret, subscribedWebhooks } from "@/lib/db/queries/events";
import type { App, Webhook } from "@/lib/db/schema";
import type { EventType } from "@/lib/domain/event-catalog";
import type { DeliveryTarget, EventFacts } from "@/lib/domain/event-facts";

export type EmitInput = {
  type: EventType;
  teamId: string;
  app: Pick<App, "id" | "appKey" | "name" | "platform">;
  facts: Omit<EventFacts, "app" | "occurredAt">;
  now?: Date;
};

export function newEventId(): string {
  return `evt_${randomKey(26)}`;
}

/** The webhook's live Standard Webhooks secrets (encrypted): the current one, and the previous while it lasts. */
export function liveSigningSecrets(
  webhook: Pick<
    Webhook,
    "signingSecretEncrypted" | "previousSigningSecretEncrypted" | "previousSecretExpiresAt"
  >,
  now: Date,
): string[] {
  const secrets = webhook.signingSecretEncrypted ? [webhook.signingSecretEncrypted] : [];
  const previous = webhook.previousSigningSecretEncrypted;
  if (previous && webhook.previousSecretExpiresAt && webhook.previousSecretExpiresAt > now)
    secrets.push(previous);
  return secrets;
}

/** What a delivery to this webhook needs if the webhook is gone by the time it is sent (a snapshot). */
export function deliveryTarget(webhook: Webhook, now: Date): DeliveryTarget {
  return {
    name: webhook.name,
    url: webhook.url,
    type: webhook.type,
    language: webhook.language,
    secretEncrypted: webhook.secretEncrypted,
    signingSecretsEncrypted: liveSigningSecrets(webhook, now),
  };
}

/**
 * Records an event and one delivery per enabled webhook subscribed to it, in the caller's transaction, so the
 * event is durable exactly when the caller's change is. Workers are woken when the transaction commits.
 */
export async function emit(tx: Tx, input: EmitInput): Promise<{ id: string; deliveries: number }> {
  const now = input.now ?? new Date();
  const id = newEventId();
  const targets: Array<{ webhookId: string; target: DeliveryTarget }> = [];
  for (const webhook of await subscribedWebhooks(tx, input.app.id, input.type)) {
    if (!webhook.signingSecretEncrypted) {
      webhook.signingSecretEncrypted = encryptSecret(newSigningSecret());
      await setSigningSecret(tx, webhook.id, webhook.signingSecretEncrypted);
    }
    targets.push({ webhookId: webhook.id, target: deliveryTarget(webhook, now) });
  }
  const facts: EventFacts = {
    ...input.facts,
    app: { key: input.app.appKey, name: input.app.name, platform: input.app.platform },
    occurredAt: now.toISOString(),
  };
  await insertEventWithDeliveries(
    tx,
    { id, teamId: input.teamId, appId: input.app.id, type: input.type, facts },
    targets,
  );
  return { id, deliveries: targets.length };
}
