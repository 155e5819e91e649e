import "server-only";
import { requireApp } from "@/lib/auth/access";
import type { Actor } from "@/lib/auth/actor";
import { enableWebhookRow } from "@/lib/db/queries/webhooks";
import type { Webhook } from "@/lib/db/schema";
import { notFound } from "@/lib/errors";
import { uuid } from "@/lib/validation/team";

/**
 * "Re-enable" (admins): turns the webhook on in one click, clears the reason of an automatic disable and starts
 * a new failure streak. Deliveries that were finished as `disabled` meanwhile stay so; new events are sent.
 */
export async function enableWebhook(actor: Actor, appKey: string, webhookId: string): Promise<Webhook> {
  const { app } = await requireApp(actor, appKey, "admin");
  const id = uuid.safeParse(webhookId);
  const webhook = id.success ? await enableWebhookRow(app.id, id.data) : undefined;
  if (!webhook) throw notFound("Webhook");
  return webhook;
}
