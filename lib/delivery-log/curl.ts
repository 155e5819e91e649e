import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { findDeliveryForReplay } from "@/lib/db/queries/delivery-log";
import { deliveryConfig } from "@/lib/delivery/config";
import { buildRequest, sendTarget } from "@/lib/delivery/request";
import { notFound } from "@/lib/errors";
import { requireDelivery } from "./get-delivery";

/** A shell word in single quotes (a single quote inside becomes '\''). */
const quote = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`;

/**
 * "Copy as cURL" (admins: the command carries the webhook's real URL and a valid signature): the delivery's
 * request as a worker would send it now — the live webhook's URL, language and secrets, signed afresh with
 * this moment's timestamp, so a receiver that checks the 5-minute tolerance accepts it for the next 5 minutes.
 */
export async function curlCommand(actor: Actor, deliveryId: string): Promise<string> {
  const { id } = await requireDelivery(actor, deliveryId, "admin");
  const row = await findDeliveryForReplay(id);
  if (!row) throw notFound("Delivery");
  const config = deliveryConfig();
  const now = new Date();
  const request = buildRequest({
    event: row.event,
    target: sendTarget(row.target, row.webhook, now),
    timeZone: row.timeZone ?? "UTC",
    baseUrl: config.baseUrl,
    userAgent: config.userAgent,
    now,
    deliveryId: row.id,
  });
  return [
    `curl -X POST ${quote(request.url)}`,
    ...Object.entries(request.headers).map(([name, value]) => `  -H ${quote(`${name}: ${value}`)}`),
    `  --data-raw ${quote(request.body)}`,
  ].join(" \\\n");
}
