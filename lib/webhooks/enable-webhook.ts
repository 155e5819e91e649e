import "server-only";
import { NO_ORIGIN, type Origin } from "@/lib/audit/origin";
import { recordAudit } from "@/lib/audit/record";
import { requireApp } from "@/lib/auth/access";
import type { Actor } from "@/lib/auth/actor";
import { transaction } from "@/lib/db/client";
import { enableWebhookRow, lockWebhook } from "@/lib/db/queries/webhooks";
import type { Webhook } from "@/lib/db/schema";
import { notFound } from "@/lib/errors";
import { uuid } from "@/lib/validation/team";

/**
 * "Re-enable" (admins): turns the webhook on in one click, clears the reason of an automatic disable and starts
 * a new failure streak. Deliveries that were finished as `disabled` meanwhile stay so; new events are sent.
 * Recorded in the audit log as Webhook State off → on (nothing when it was on already).
 */
export async function enableWebhook(
  actor: Actor,
  appKey: string,
  webhookId: string,
  origin: Origin = NO_ORIGIN,
): Promise<Webhook> {
  const { app } = await requireApp(actor, appKey, "admin");
  const id = uuid.safeParse(webhookId);
  if (!id.success) throw notFound("Webhook");
  return transaction(async (tx) => {
    const before = await lockWebhook(tx, app.id, id.data);
    const webhook = before ? await enableWebhookRow(app.id, id.data, tx) : undefined;
    if (!before || !webhook) throw notFound("Webhook");
    if (!before.enabled) {
      await recordAudit(tx, actor, origin, {
        teamId: app.teamId,
        kind: "webhook.updated",
        app,
        target: { id: webhook.id, name: webhook.name },
        changes: [{ field: "enabled", from: false, to: true }],
      });
    }
    return webhook;
  });
}
