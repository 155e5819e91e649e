import { eq, type SQL, sql } from "drizzle-orm";
import type { EventType } from "@/lib/events/catalog";
import type { DeliveryTarget, EventFacts } from "@/lib/events/facts";
import { type Db, db } from "../client";
import { deliveries, events, type Webhook, webhooks } from "../schema";

/** A delivery claimed by a worker, with what sending it needs. */
export type ClaimedDelivery = {
  id: string;
  eventId: string;
  webhookId: string;
  /** Attempts made before this one. */
  attempts: number;
  target: DeliveryTarget;
  event: { id: string; type: EventType; facts: EventFacts };
  /** The webhook as it is now, or null when it was deleted (the delivery then goes to `target`). */
  webhook: Webhook | null;
};

export type ClaimOptions = {
  /** Most rows to claim. */
  batch: number;
  /** How long the rows belong to this worker. */
  leaseMs: number;
  /** Most rows of one webhook in flight (status sending, lease not expired), counting other workers'. */
  perWebhookCap: number;
};

// A row is due when it waits for an attempt (pending), or when the worker that claimed it lost its lease.
const DUE = sql.raw(
  "(d.status = 'pending' or (d.status = 'sending' and d.locked_until <= now())) and d.next_attempt_at <= now()",
);

/**
 * Claims due deliveries in one statement: picks the webhooks with due rows that are under the per-webhook
 * cap (oldest due first, at most `batch` of them), takes up to (cap − in flight) due rows of each with
 * `FOR UPDATE SKIP LOCKED` (so concurrent claimers never take the same row), and marks them `sending` with a
 * lease. Returns them with their event and the live webhook.
 *
 * The cap counts rows in flight as of the statement's snapshot: exact for one worker; workers claiming at the
 * very same moment may each take the remaining room of a webhook (at most cap × such workers in flight).
 */
export async function claimDue(
  workerId: string,
  options: ClaimOptions,
  conn?: Db,
): Promise<ClaimedDelivery[]> {
  const handle = conn ?? (await db());
  const { batch, leaseMs, perWebhookCap: cap } = options;
  const claim: SQL = sql`
    with hooks as (
      select h.webhook_id, h.first_due, coalesce(i.n, 0) as busy
      from (
        select d.webhook_id, min(d.next_attempt_at) as first_due
        from deliveries d
        where ${DUE}
        group by d.webhook_id
      ) h
      left join (
        select webhook_id, count(*)::int as n
        from deliveries
        where status = 'sending' and locked_until > now()
        group by webhook_id
      ) i on i.webhook_id = h.webhook_id
      where coalesce(i.n, 0) < ${cap}::int
      order by h.first_due
      limit ${batch}::int
    ),
    picked as (
      select p.id
      from hooks h
      cross join lateral (
        select d.id
        from deliveries d
        where d.webhook_id = h.webhook_id and ${DUE}
        order by d.next_attempt_at, d.id
        limit greatest(${cap}::int - h.busy, 0)
        for update skip locked
      ) p
      order by h.first_due
      limit ${batch}::int
    )
    update deliveries
    set status = 'sending',
        locked_until = now() + ${leaseMs}::int * interval '1 millisecond',
        locked_by = ${workerId}
    from picked
    where deliveries.id = picked.id
    returning deliveries.id as claimed_id`;
  // (drizzle refers to a CTE's SQL fields by bare name: hence a name no joined table has.)
  const claimed = handle.$with("claimed", { id: sql<string>`claimed_id`.as("claimed_id") }).as(claim);
  // The outer select reads the statement's snapshot: status and lease are as before the claim (not used).
  const rows = await handle
    .with(claimed)
    .select({
      id: deliveries.id,
      eventId: deliveries.eventId,
      webhookId: deliveries.webhookId,
      attempts: deliveries.attempts,
      target: deliveries.target,
      event: { id: events.id, type: events.type, facts: events.facts },
      webhook: webhooks,
    })
    .from(claimed)
    .innerJoin(deliveries, eq(deliveries.id, claimed.id))
    .innerJoin(events, eq(events.id, deliveries.eventId))
    .leftJoin(webhooks, eq(webhooks.id, deliveries.webhookId));
  return rows;
}

/** What happens to a delivery after an attempt. */
export type NextState =
  | { status: "succeeded" }
  | { status: "failed" }
  | { status: "pending"; delayMs: number };

/** One attempt as sent and answered, and the delivery's next state. */
export type AttemptResult = {
  deliveryId: string;
  workerId: string;
  attempt: number;
  startedAt: Date;
  durationMs: number;
  requestUrl: string;
  requestHeaders: Record<string, string>;
  requestBody: string;
  responseStatus: number | null;
  responseHeaders: Record<string, string> | null;
  responseBody: string | null;
  error: string | null;
  next: NextState;
};

function json(value: unknown): SQL {
  return value == null ? sql`null::jsonb` : sql`${JSON.stringify(value)}::jsonb`;
}

/**
 * Records attempts (one statement for the attempt rows, one for the deliveries, in one transaction):
 * attempts + 1, the new status (pending with next_attempt_at = now + delay, or succeeded/failed with
 * completed_at), the lease cleared, the last response. A delivery whose lease passed to another worker keeps
 * that worker's state; its attempt is still recorded.
 */
export async function recordResults(results: AttemptResult[], conn?: Db): Promise<void> {
  if (results.length === 0) return;
  const handle = conn ?? (await db());
  const attemptRows = sql.join(
    results.map(
      (r) => sql`(${r.deliveryId}::uuid, ${r.attempt}::int, ${r.startedAt.toISOString()}::timestamptz,
        ${r.durationMs}::int, ${r.requestUrl}::text, ${json(r.requestHeaders)}, ${r.requestBody}::text,
        ${r.responseStatus}::int, ${json(r.responseHeaders)}, ${r.responseBody}::text, ${r.error}::text)`,
    ),
    sql`, `,
  );
  const deliveryRows = sql.join(
    results.map(
      (r) => sql`(${r.deliveryId}::uuid, ${r.workerId}::text, ${r.next.status}::delivery_status,
        ${r.next.status === "pending" ? r.next.delayMs : null}::int, ${r.responseStatus}::int,
        ${r.error}::text, ${r.startedAt.toISOString()}::timestamptz)`,
    ),
    sql`, `,
  );
  await handle.transaction(async (tx) => {
    await tx.execute(sql`
      insert into delivery_attempts (delivery_id, attempt, started_at, duration_ms, request_url,
        request_headers, request_body, response_status, response_headers, response_body, error)
      select v.* from (values ${attemptRows}) as v(delivery_id, attempt, started_at, duration_ms,
        request_url, request_headers, request_body, response_status, response_headers, response_body, error)
      where exists (select 1 from deliveries d where d.id = v.delivery_id)`);
    await tx.execute(sql`
      update deliveries d
      set attempts = d.attempts + 1,
          status = v.status,
          next_attempt_at = case when v.delay_ms is null then d.next_attempt_at
                                 else now() + v.delay_ms * interval '1 millisecond' end,
          locked_until = null,
          locked_by = null,
          last_status_code = v.status_code,
          last_error = v.error,
          last_attempt_at = v.started_at,
          completed_at = case when v.status in ('succeeded', 'failed') then now() else null end
      from (values ${deliveryRows}) as v(id, worker_id, status, delay_ms, status_code, error, started_at)
      where d.id = v.id and d.status = 'sending' and d.locked_by = v.worker_id`);
  });
}

/** Claimed deliveries whose webhook is now disabled: finished without sending. */
export async function markDisabled(workerId: string, ids: string[], conn?: Db): Promise<void> {
  if (ids.length === 0) return;
  const handle = conn ?? (await db());
  await handle.execute(sql`
    update deliveries
    set status = 'disabled', locked_until = null, locked_by = null, completed_at = now(),
        last_error = 'The webhook was disabled before this delivery was sent'
    where id in (${sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    )}) and status = 'sending' and locked_by = ${workerId}`);
}
