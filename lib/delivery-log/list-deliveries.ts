import "server-only";
import { requireApp } from "@/lib/auth/access";
import type { Actor } from "@/lib/auth/actor";
import { type DeliveryLogRow, listDeliveryLog } from "@/lib/db/queries/delivery-log";
import type { DeliveryStatus } from "@/lib/domain/delivery-statuses";
import type { EventType } from "@/lib/domain/event-catalog";
import { invalid, text } from "@/lib/errors";
import { deliveryListQuery, reversedRange } from "@/lib/validation/delivery";
import { parseInput } from "@/lib/validation/parse";
import { uuid } from "@/lib/validation/team";
import { requireWebhook } from "@/lib/webhooks/get-webhook";

export type DeliverySummary = {
  id: string;
  /** The event's id: the `webhook-id` header of every attempt. */
  eventId: string;
  eventType: EventType;
  status: DeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastDurationMs: number | null;
  lastError: string | null;
  createdAt: Date;
  lastAttemptAt: Date | null;
  /** When the next attempt is due; only while pending. */
  nextAttemptAt: Date | null;
  /** Sent with "Send test". */
  test: boolean;
  /**
   * Delivered in a digest (docs/robots.md#digests): the delivery whose message carried this event; null when
   * this delivery sent its own message (alone, or as a digest's carrier).
   */
  carriedBy: string | null;
  /** On a digest's carrier: how many events its message carries, its own included; null otherwise. */
  carries: number | null;
};

export function toSummary(row: DeliveryLogRow): DeliverySummary {
  const carriedBy = row.digestId !== null && row.digestId !== row.id ? row.digestId : null;
  return {
    id: row.id,
    eventId: row.eventId,
    eventType: row.eventType,
    status: row.status,
    attempts: row.attempts,
    lastStatusCode: row.lastStatusCode,
    lastDurationMs: row.lastDurationMs,
    lastError: row.lastError,
    createdAt: row.createdAt,
    lastAttemptAt: row.lastAttemptAt,
    // A carried row waits with its carrier: it has no time of its own.
    nextAttemptAt: row.status === "pending" && !carriedBy ? row.nextAttemptAt : null,
    test: row.test,
    carriedBy,
    carries: row.carries,
  };
}

const CURSOR_ERROR = { cursor: text("delivery.cursorStale") };

/** A timestamptz as Postgres prints it: `2026-11-22 13:51:35.123456+00`. */
const TIMESTAMP_TEXT = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2}$/;

function encodeCursor(row: DeliveryLogRow): string {
  return Buffer.from(JSON.stringify([row.createdAtKey, row.id])).toString("base64url");
}

function decodeCursor(cursor: string): { createdAtKey: string; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(value) && value.length === 2) {
      const [createdAtKey, id] = value;
      if (
        typeof createdAtKey === "string" &&
        TIMESTAMP_TEXT.test(createdAtKey) &&
        uuid.safeParse(id).success
      ) {
        return { createdAtKey, id: id as string };
      }
    }
  } catch {
    // falls through to the field error
  }
  throw invalid(CURSOR_ERROR);
}

/**
 * A webhook's recent deliveries, newest first, filtered by status, event type, an event or delivery id and a
 * time range (created at or after `since`, before `until`), a page at a time (keyset:
 * pass the previous page's `nextCursor`; null when there is nothing older). Members may read.
 */
export async function listDeliveries(
  actor: Actor,
  appKey: string,
  webhookId: string,
  query: unknown,
): Promise<{ deliveries: DeliverySummary[]; nextCursor: string | null }> {
  const { app } = await requireApp(actor, appKey, "member");
  const webhook = await requireWebhook(app.id, webhookId);
  const { status, event, search, since, until, cursor, limit } = parseInput(deliveryListQuery, query ?? {});
  if (reversedRange({ since, until })) throw invalid({ until: text("delivery.untilBeforeSince") });
  const rows = await listDeliveryLog(webhook.id, {
    status,
    eventType: event,
    search:
      search === undefined
        ? undefined
        : search.startsWith("evt_")
          ? { eventId: search }
          : { deliveryId: search },
    since: since ? new Date(since) : undefined,
    until: until ? new Date(until) : undefined,
    before: cursor ? decodeCursor(cursor) : undefined,
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    deliveries: page.map(toSummary),
    nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
  };
}
