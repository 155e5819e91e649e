import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requeueDelivery } from "@/lib/db/queries/delivery-log";
import { AppError, notFound } from "@/lib/errors";
import { requireDelivery } from "./get-delivery";
import { type DeliverySummary, toSummary } from "./list-deliveries";

const CONFLICTS = {
  sending: "This delivery is being sent right now. Wait for the attempt to finish, then redeliver it.",
  webhook_gone: "This delivery's webhook was deleted, so it cannot be redelivered.",
  webhook_off: "This delivery's webhook is switched off. Turn it on to redeliver.",
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
