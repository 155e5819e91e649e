import "server-only";
import { NO_ORIGIN, type Origin } from "@/lib/audit/origin";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/actor";
import { transaction } from "@/lib/db/client";
import { requeueFailed } from "@/lib/db/queries/delivery-log";
import { AppError, notFound, text } from "@/lib/errors";
import { MAX_RESEND_FAILED, resendFailedInput } from "@/lib/validation/delivery";
import { parseInput } from "@/lib/validation/parse";
import { getWebhook } from "@/lib/webhooks/get-webhook";

export type ResendFailedResult = {
  /** Deliveries queued for one more attempt now (oldest first). */
  requeued: number;
  /** Failed deliveries of the range still left: over MAX_RESEND_FAILED; ask again to queue them. */
  remaining: number;
};

/**
 * "Resend failed since…" (Svix's recover): one more attempt, due now, of every failed delivery of the webhook
 * created at or after `since`, at most MAX_RESEND_FAILED a request. Workers send them like any other delivery
 * (the per-webhook cap, the robots' rate windows). Idempotent: a queued delivery is pending, not failed, so
 * asking twice queues it once. Admins only; conflict when the webhook is off. Recorded in the audit log with
 * `since` and how many were queued.
 */
export async function resendFailed(
  actor: Actor,
  appKey: string,
  webhookId: string,
  input: unknown,
  origin: Origin = NO_ORIGIN,
): Promise<ResendFailedResult> {
  const { since } = parseInput(resendFailedInput, input);
  const { app, webhook } = await getWebhook(actor, appKey, webhookId, "admin");
  return transaction(async (tx) => {
    const outcome = await requeueFailed(webhook.id, new Date(since), MAX_RESEND_FAILED, tx);
    if (!outcome.ok) {
      if (outcome.reason === "webhook_gone") throw notFound("Webhook");
      throw new AppError("conflict", text("delivery.resendWebhookOff"));
    }
    await recordAudit(tx, actor, origin, {
      teamId: app.teamId,
      kind: "webhook.failed_resent",
      app,
      target: { id: webhook.id, name: webhook.name },
      changes: [
        { field: "since", from: null, to: new Date(since).toISOString() },
        { field: "requeued", from: null, to: outcome.requeued },
      ],
    });
    return { requeued: outcome.requeued, remaining: outcome.remaining };
  });
}
