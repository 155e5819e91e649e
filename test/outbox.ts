import { asc, eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { type Delivery, deliveries, type Event, events } from "@/lib/db/schema";
import type { EventType } from "@/lib/domain/event-catalog";
import { createWebhook } from "@/lib/webhooks/save-webhook";
import { webhookBody } from "./factories";

export type EventWithDeliveries = Event & { deliveries: Delivery[] };

/** The events recorded for an app (oldest first), each with its deliveries, read straight from the tables. */
export async function outboxOf(appId: string): Promise<EventWithDeliveries[]> {
  const database = await db();
  const rows = await database
    .select()
    .from(events)
    .where(eq(events.appId, appId))
    .orderBy(asc(events.createdAt));
  const out: EventWithDeliveries[] = [];
  for (const event of rows) {
    const queued = await database
      .select()
      .from(deliveries)
      .where(eq(deliveries.eventId, event.id))
      .orderBy(asc(deliveries.createdAt));
    out.push({ ...event, deliveries: queued });
  }
  return out;
}

/** The single event of an app (of `type`, when given); fails the test when there is not exactly one. */
export async function onlyEventOf(appId: string, type?: EventType): Promise<EventWithDeliveries> {
  const all = (await outboxOf(appId)).filter((event) => !type || event.type === type);
  if (all.length !== 1) {
    throw new Error(`expected exactly one ${type ?? ""} event for the app, found ${all.map((e) => e.type)}`);
  }
  return all[0] as EventWithDeliveries;
}

/**
 * Three webhooks on the app: one enabled and subscribed to `type`, one subscribed but disabled, one enabled
 * but subscribed to another event. An event of `type` must queue exactly one delivery: to `subscribed`.
 */
export async function makeSubscribers(ownerId: string, appKey: string, type: EventType) {
  const other: EventType = type === "feedback" ? "crashlog" : "feedback";
  const subscribed = await createWebhook(
    ownerId,
    appKey,
    webhookBody({ name: "Subscribed", events: [type] }),
  );
  const disabled = await createWebhook(
    ownerId,
    appKey,
    webhookBody({ name: "Disabled", events: [type], enabled: false }),
  );
  const unsubscribed = await createWebhook(
    ownerId,
    appKey,
    webhookBody({ name: "Unsubscribed", events: [other] }),
  );
  return { subscribed, disabled, unsubscribed };
}
