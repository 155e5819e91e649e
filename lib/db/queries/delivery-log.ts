import "server-only";
import { and, asc, desc, eq, type SQL, sql } from "drizzle-orm";
import type { DeliveryStatus } from "@/lib/domain/delivery-statuses";
import type { EventType } from "@/lib/domain/event-catalog";
import type { DeliveryTarget, EventFacts } from "@/lib/domain/event-facts";
import { type Db, db, type Tx } from "../client";
import { rowsOf } from "../rows";
import {
  apps,
  type DeliveryAttempt,
  deliveries,
  deliveryAttempts,
  events,
  teams,
  type Webhook,
  webhooks,
} from "../schema";
import { DELIVERY_CHANNEL, setSigningSecret } from "./events";

/** A delivery as the log shows it. `createdAtKey` is created_at as Postgres text (microseconds, for cursors). */
export type DeliveryLogRow = {
  id: string;
  eventId: string;
  eventType: EventType;
  webhookId: string;
  appId: string;
  status: DeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date;
  lockedUntil: Date | null;
  createdAt: Date;
  createdAtKey: string;
  test: boolean;
  /** Duration of the latest attempt. */
  lastDurationMs: number | null;
  /** The digest's carrier (docs/robots.md#digests): its own id on the carrier; null when sent alone. */
  digestId: string | null;
  /** On a digest's carrier: how many deliveries its message carries, its own included; else null. */
  carries: number | null;
};

const logColumns = {
  id: deliveries.id,
  eventId: deliveries.eventId,
  eventType: events.type,
  webhookId: deliveries.webhookId,
  appId: deliveries.appId,
  status: deliveries.status,
  attempts: deliveries.attempts,
  lastStatusCode: deliveries.lastStatusCode,
  lastError: deliveries.lastError,
  lastAttemptAt: deliveries.lastAttemptAt,
  nextAttemptAt: deliveries.nextAttemptAt,
  lockedUntil: deliveries.lockedUntil,
  createdAt: deliveries.createdAt,
  createdAtKey: sql<string>`${deliveries.createdAt}::text`,
  test: sql<boolean>`coalesce((${events.facts}->>'test')::boolean, false)`,
  lastDurationMs: sql<number | null>`(
    select a.duration_ms from delivery_attempts a
    where a.delivery_id = ${deliveries.id}
    order by a.attempt desc limit 1)`,
  digestId: deliveries.digestId,
  // Counted for carriers only (deliveries_digest_idx): a row sent alone costs nothing more.
  carries: sql<number | null>`case when ${deliveries.digestId} = ${deliveries.id} then (
    select count(*) from deliveries m where m.digest_id = ${deliveries.id}) end`,
};

export type DeliveryLogFilter = {
  status?: DeliveryStatus;
  eventType?: EventType;
  /** One event's delivery (its id is the webhook-id header) or one delivery, by id. */
  search?: { eventId: string } | { deliveryId: string };
  /** Created at or after / before this time. */
  since?: Date;
  until?: Date;
  /** Only rows older than this one, in (created_at, id) order: the keyset of the previous page's last row. */
  before?: { createdAtKey: string; id: string };
  limit: number;
};

/**
 * One page of a webhook's deliveries, newest first, keyset-paginated on (created_at, id) along the index
 * deliveries_webhook_log_idx (never OFFSET: a page costs the same however deep it is).
 */
export async function listDeliveryLog(
  webhookId: string,
  filter: DeliveryLogFilter,
  conn?: Db,
): Promise<DeliveryLogRow[]> {
  const handle = conn ?? (await db());
  const conditions: SQL[] = [eq(deliveries.webhookId, webhookId)];
  if (filter.status) conditions.push(eq(deliveries.status, filter.status));
  if (filter.eventType) conditions.push(eq(events.type, filter.eventType));
  if (filter.search && "eventId" in filter.search)
    conditions.push(eq(deliveries.eventId, filter.search.eventId));
  if (filter.search && "deliveryId" in filter.search)
    conditions.push(eq(deliveries.id, filter.search.deliveryId));
  if (filter.since)
    conditions.push(sql`${deliveries.createdAt} >= ${filter.since.toISOString()}::timestamptz`);
  if (filter.until)
    conditions.push(sql`${deliveries.createdAt} < ${filter.until.toISOString()}::timestamptz`);
  if (filter.before) {
    conditions.push(
      sql`(${deliveries.createdAt}, ${deliveries.id}) < (${filter.before.createdAtKey}::timestamptz, ${filter.before.id}::uuid)`,
    );
  }
  const rows = await handle
    .select(logColumns)
    .from(deliveries)
    .innerJoin(events, eq(events.id, deliveries.eventId))
    .where(and(...conditions))
    .orderBy(desc(deliveries.createdAt), desc(deliveries.id))
    .limit(filter.limit);
  return rows.map(normalize);
}

// Raw sql columns come back as the driver reads them: normalise the number and boolean.
function normalize(row: DeliveryLogRow): DeliveryLogRow {
  return {
    ...row,
    test: row.test === true || String(row.test) === "true",
    lastDurationMs: row.lastDurationMs == null ? null : Number(row.lastDurationMs),
    carries: row.carries == null ? null : Number(row.carries),
  };
}

/** A delivery with its app's key (null when the app is gone), for access checks and the detail page. */
export async function findDeliveryLogRow(
  deliveryId: string,
  conn?: Db,
): Promise<(DeliveryLogRow & { appKey: string }) | undefined> {
  const handle = conn ?? (await db());
  const [row] = await handle
    .select({ ...logColumns, appKey: apps.appKey })
    .from(deliveries)
    .innerJoin(events, eq(events.id, deliveries.eventId))
    .innerJoin(apps, eq(apps.id, deliveries.appId))
    .where(eq(deliveries.id, deliveryId))
    .limit(1);
  return row ? { ...normalize(row), appKey: row.appKey } : undefined;
}

/** Every attempt of a delivery, first to last. */
export async function listAttempts(deliveryId: string, conn?: Db): Promise<DeliveryAttempt[]> {
  const handle = conn ?? (await db());
  return handle
    .select()
    .from(deliveryAttempts)
    .where(eq(deliveryAttempts.deliveryId, deliveryId))
    .orderBy(asc(deliveryAttempts.attempt));
}

export type RequeueOutcome =
  | { ok: true; row: DeliveryLogRow }
  | { ok: false; reason: "not_found" | "sending" | "webhook_gone" | "webhook_off" };

/**
 * "Redeliver": the delivery becomes pending and due now (its attempt count goes on), and workers are woken
 * when the transaction commits. Refused while a worker holds its lease, or when its webhook is gone or off.
 * The webhook row is locked (share) so that it cannot be switched off or deleted in between.
 */
export async function requeueDelivery(deliveryId: string, conn?: Db): Promise<RequeueOutcome> {
  const handle = conn ?? (await db());
  return handle.transaction(async (tx) => {
    const [current] = await tx
      .select({ webhookId: deliveries.webhookId })
      .from(deliveries)
      .where(eq(deliveries.id, deliveryId));
    if (!current) return { ok: false, reason: "not_found" };
    const [webhook] = await tx
      .select({ enabled: webhooks.enabled })
      .from(webhooks)
      .where(eq(webhooks.id, current.webhookId))
      .for("share");
    if (!webhook) return { ok: false, reason: "webhook_gone" };
    if (!webhook.enabled) return { ok: false, reason: "webhook_off" };
    const updated = await tx
      .update(deliveries)
      .set({
        status: "pending",
        nextAttemptAt: sql`now()`,
        lockedUntil: null,
        lockedBy: null,
        completedAt: null,
        // A digest's carrier resends the digest (its rows stay with it); a carried row is sent alone, out of
        // the digest (docs/robots.md#digests).
        digestId: sql`case when ${deliveries.digestId} = ${deliveries.id} then ${deliveries.digestId} end`,
      })
      .where(
        and(
          eq(deliveries.id, deliveryId),
          sql`not (${deliveries.status} = 'sending' and ${deliveries.lockedUntil} > now())`,
        ),
      )
      .returning({ id: deliveries.id });
    if (updated.length === 0) return { ok: false, reason: "sending" };
    await tx.execute(sql`select pg_notify(${DELIVERY_CHANNEL}, '')`);
    const [row] = await tx
      .select(logColumns)
      .from(deliveries)
      .innerJoin(events, eq(events.id, deliveries.eventId))
      .where(eq(deliveries.id, deliveryId));
    if (!row) return { ok: false, reason: "not_found" };
    return { ok: true, row: normalize(row) };
  });
}

/**
 * "Resend failed since…": queues one more attempt, due now, of the webhook's failed deliveries created at or
 * after `since`, oldest first, at most `limit`; the webhook must exist and be on (share-locked meanwhile).
 * A delivery is queued once: it is pending afterwards, so a second request does not queue it again. Returns
 * how many were queued and how many failed ones of that range are left (over the limit).
 */
export async function requeueFailed(
  webhookId: string,
  since: Date,
  limit: number,
  conn?: Db | Tx,
): Promise<
  { ok: true; requeued: number; remaining: number } | { ok: false; reason: "webhook_gone" | "webhook_off" }
> {
  const handle = conn ?? (await db());
  return handle.transaction(async (tx) => {
    const [webhook] = await tx
      .select({ enabled: webhooks.enabled })
      .from(webhooks)
      .where(eq(webhooks.id, webhookId))
      .for("share");
    if (!webhook) return { ok: false, reason: "webhook_gone" };
    if (!webhook.enabled) return { ok: false, reason: "webhook_off" };
    const result = await tx.execute(sql`
      with failed as (
        select d.id from deliveries d
        where d.webhook_id = ${webhookId} and d.created_at >= ${since.toISOString()}::timestamptz
          and d.status = 'failed'
      ),
      picked as (
        select d.id from deliveries d
        where d.id in (select id from failed)
        order by d.created_at, d.id
        limit ${limit}::int
        for update skip locked
      ),
      queued as (
        update deliveries d
        set status = 'pending', next_attempt_at = now(), locked_until = null, locked_by = null, completed_at = null
        from picked where d.id = picked.id
        returning 1
      )
      select (select count(*) from queued)::int as requeued,
             ((select count(*) from failed) - (select count(*) from queued))::int as remaining`);
    const [counts = { requeued: 0, remaining: 0 }] = rowsOf<{ requeued: number; remaining: number }>(result);
    if (counts.requeued > 0) await tx.execute(sql`select pg_notify(${DELIVERY_CHANNEL}, '')`);
    return { ok: true, requeued: Number(counts.requeued), remaining: Number(counts.remaining) };
  });
}

/**
 * "Send test": stores the sample event and its one delivery to `webhook`, already `sending` under the caller's
 * lease (no worker claims it; if the caller dies, it is claimable after the lease like any other). Returns it
 * as a worker would have claimed it. The webhook gets a signing secret first if it has none (as emit does).
 */
export async function insertTestDelivery(
  input: {
    event: { id: string; teamId: string; appId: string; type: EventType; facts: EventFacts };
    webhook: Webhook;
    target: DeliveryTarget;
    /** A new encrypted `whsec_` secret, for a webhook that has none yet. */
    newEncryptedSigningSecret: () => string;
    lease: { workerId: string; ms: number };
  },
  conn?: Db,
): Promise<{
  id: string;
  eventId: string;
  webhookId: string;
  attempts: number;
  target: DeliveryTarget;
  event: { id: string; type: EventType; facts: EventFacts };
  webhook: Webhook;
}> {
  const handle = conn ?? (await db());
  const { event, lease } = input;
  const webhook = { ...input.webhook };
  const target = { ...input.target };
  return handle.transaction(async (tx) => {
    if (!webhook.signingSecretEncrypted) {
      webhook.signingSecretEncrypted = input.newEncryptedSigningSecret();
      await setSigningSecret(tx, webhook.id, webhook.signingSecretEncrypted);
      target.signingSecretsEncrypted = [webhook.signingSecretEncrypted];
    }
    await tx.insert(events).values(event);
    const [row] = await tx
      .insert(deliveries)
      .values({
        eventId: event.id,
        webhookId: webhook.id,
        appId: event.appId,
        target,
        status: "sending",
        lockedBy: lease.workerId,
        lockedUntil: sql`now() + ${lease.ms}::int * interval '1 millisecond'`,
      })
      .returning({ id: deliveries.id });
    if (!row) throw new Error("insert returned no delivery");
    return {
      id: row.id,
      eventId: event.id,
      webhookId: webhook.id,
      attempts: 0,
      target,
      event: { id: event.id, type: event.type, facts: event.facts },
      webhook,
    };
  });
}

/** What re-sending a delivery needs (Copy as cURL): its event, its target snapshot, the live webhook, the zone. */
export async function findDeliveryForReplay(deliveryId: string, conn?: Db) {
  const handle = conn ?? (await db());
  const [row] = await handle
    .select({
      id: deliveries.id,
      target: deliveries.target,
      event: { id: events.id, type: events.type, facts: events.facts },
      timeZone: teams.payloadTimeZone,
      webhook: webhooks,
    })
    .from(deliveries)
    .innerJoin(events, eq(events.id, deliveries.eventId))
    .leftJoin(teams, eq(teams.id, events.teamId))
    .leftJoin(webhooks, eq(webhooks.id, deliveries.webhookId))
    .where(eq(deliveries.id, deliveryId))
    .limit(1);
  return row;
}
