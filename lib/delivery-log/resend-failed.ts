import "server-only";
import type { Actor } from "@/lib/auth/actor";
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
 * asking twice queues it once. Admins only; conflict when the webhook is off.
 */
export async function resendFailed(
  actor: Actor,
  appKey: string,
  webhookId: string,
  input: unknown,
): Promise<ResendFailedResult> {
  const { since } = parseInput(resendFailedInput, input);
  const { webhook } = await getWebhook(actor, appKey, webhookId, "admin");
  const outcome = await requeueFailed(webhook.id, new Date(since), MAX_RESEND_FAILED);
  if (outcome.ok) return { requeued: outcome.requeued, remaining: outcome.remaining };
  if (outcome.reason === "webhook_gone") throw notFound("Webhook");
  throw new AppError("conflict", text("delivery.resendWebhookOff"));
}
