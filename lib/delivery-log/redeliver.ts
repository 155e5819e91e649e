import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requeueDelivery } from "@/lib/db/queries/delivery-log";
import { AppError, notFound, text } from "@/lib/errors";
import { requireDelivery } from "./get-delivery";
import { type DeliverySummary, toSummary } from "./list-deliveries";

const CONFLICTS = {
  sending: text("delivery.redeliverSending"),
  webhook_gone: text("delivery.redeliverWebhookGone"),
  webhook_off: text("delivery.redeliverWebhookOff"),
} as const;

/**
 * Queues one more attempt of the same delivery (same `webhook-id`: the event's id), due now; workers are
 * woken. Admins only. Conflict while it is being sent, or when its webhook was deleted or is off.
 */
export async function redeliver(actor: Actor, deliveryId: string): Promise<DeliverySummary> {
  const delivery = await requireDelivery(actor, deliveryId, "admin");
  const outcome = await requeueDelivery(delivery.id);
  if (outcome.ok) return toSummary(outcome.row);
  if (outcome.reason === "not_found") throw notFound("Delivery");
  throw new AppError("conflict", CONFLICTS[outcome.reason]);
}
