import "server-only";
import { and, asc, eq, gte, type SQL, sql } from "drizzle-orm";
import type { EventType } from "@/lib/domain/event-catalog";
import type { DeliveryTarget, EventFacts } from "@/lib/domain/event-facts";
import { RATE_LIMITS, type RateLimits, reserve, roomAt } from "@/lib/domain/rate-windows";
import type { WebhookType } from "@/lib/domain/webhook-types";
import { logError } from "@/lib/log-error";
import { type Db, db, type Tx } from "../client";
import { deliveries, events, type Webhook, webhookWarnings as warnings, webhooks } from "../schema";

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
  /**
   * The rate limiter's clock (ms since the epoch): Date.now by default; tests inject their own. It is read
   * as late as possible (under the robots' locks), so that a send counts from close to when it leaves.
   */
  clock?: () => number;
  /** Chat robots' rate limits by webhook type (lib/delivery/rate-limit.ts): RATE_LIMITS by default. */
  rateLimits?: RateLimits;
};

export type Claim = {
  rows: ClaimedDelivery[];
  /**
   * When the first robot that has due deliveries but is at its rate limit (or paused by the service) may be
   * sent to again, on the limiter's clock; null when none waits. Those deliveries stay pending, due, and
   * untouched: no attempt is counted.
   */
  nextFreeAt: number | null;
};

// A row is due when it waits for an attempt (pending), or when the worker that claimed it lost its lease.
const DUE = sql.raw(
  "(d.status = 'pending' or (d.status = 'sending' and d.locked_until <= now())) and d.next_attempt_at <= now()",
);

/** Rows of a raw query, from either driver (postgres.js returns an array, PGlite an object with rows). */
function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : ((result as { rows?: T[] }).rows ?? [])) as T[];
}

const millis = (value: unknown): number | null =>
  value == null ? null : value instanceof Date ? value.getTime() : new Date(String(value)).getTime();

const list = (values: SQL[]) => sql.join(values, sql`, `);

type Candidate = {
  webhook_id: string | null;
  type: WebhookType | null;
  rate_key: string | null;
  busy: number | null;
  first_due: unknown;
  next_free: unknown;
};

/** Claims due deliveries (see claim); the rows only. */
export async function claimDue(
  workerId: string,
  options: ClaimOptions,
  conn?: Db,
): Promise<ClaimedDelivery[]> {
  return (await claim(workerId, options, conn)).rows;
}

/**
 * Takes up to `take` due rows of each webhook of `quotas` (in their order, at most `batch` in all) with
 * `FOR UPDATE SKIP LOCKED` (concurrent claimers never take the same row), marks them `sending` with a lease,
 * and returns them with their event and webhook. One statement; the quotas are one JSON parameter, so its
 * text never changes (prepared once per connection).
 */
async function takeRows(
  conn: Db | Tx,
  workerId: string,
  quotas: Array<{ webhookId: string; take: number }>,
  batch: number,
  leaseMs: number,
): Promise<ClaimedDelivery[]> {
  if (quotas.length === 0) return [];
  const quotaJson = JSON.stringify(quotas.map((q, ord) => ({ webhook_id: q.webhookId, take: q.take, ord })));
  const claimSql: SQL = sql`
    with quota as (
      select q.webhook_id, q.take, q.ord
      from jsonb_to_recordset(${quotaJson}::jsonb) as q(webhook_id uuid, take int, ord int)
    ),
    picked as (
      select p.id
      from quota q
      cross join lateral (
        select d.id
        from deliveries d
        where d.webhook_id = q.webhook_id and ${DUE}
        order by d.next_attempt_at
        limit q.take
        for update skip locked
      ) p
      order by q.ord
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
  const claimedCte = conn.$with("claimed", { id: sql<string>`claimed_id`.as("claimed_id") }).as(claimSql);
  // The outer select reads the statement's snapshot: status and lease are as before the claim (not used).
  return conn
    .with(claimedCte)
    .select({
      id: deliveries.id,
      eventId: deliveries.eventId,
      webhookId: deliveries.webhookId,
      attempts: deliveries.attempts,
      target: deliveries.target,
      event: { id: events.id, type: events.type, facts: events.facts },
      webhook: webhooks,
    })
    .from(claimedCte)
    .innerJoin(deliveries, eq(deliveries.id, claimedCte.id))
    .innerJoin(events, eq(events.id, deliveries.eventId))
    .leftJoin(webhooks, eq(webhooks.id, deliveries.webhookId));
}

/**
 * Claims due deliveries for a worker:
 * 1. picks the webhooks with due rows that are under the per-webhook cap and whose robot is not waiting for its
 *    rate limit (oldest due first, at most `batch`), in one statement;
 * 2. takes up to cap − in flight due rows of each (takeRows, one statement). When chat robots are among them,
 *    in one transaction: locks the robots' rate-limit rows (`FOR UPDATE SKIP LOCKED`: a robot another worker
 *    is claiming for is left to that worker), computes how many sends each robot's windows allow now, takes
 *    at most that many of its rows, and records the sends in the robot's window before committing.
 * So the rate limits hold across any number of workers: a robot's window is only read and written under its
 * row lock. Robots are keyed by md5 of their URL: webhooks of several apps posting to one robot share it.
 *
 * The per-webhook cap counts rows in flight as of step 1: exact for one worker; workers claiming at the very
 * same moment may each take the remaining room of a webhook (at most cap × such workers in flight).
 */
export async function claim(workerId: string, options: ClaimOptions, conn?: Db): Promise<Claim> {
  const handle = conn ?? (await db());
  const { batch, leaseMs, perWebhookCap: cap } = options;
  const clock = options.clock ?? Date.now;
  const limits = options.rateLimits ?? RATE_LIMITS;
  const limitedTypes = (Object.keys(limits) as WebhookType[]).filter((type) => limits[type].length > 0);
  const limitedList = limitedTypes.length > 0 ? list(limitedTypes.map((type) => sql`${type}`)) : sql`null`;
  const nowAt = sql`${new Date(clock()).toISOString()}::timestamptz`;

  const candidates = rowsOf<Candidate>(
    await handle.execute(sql`
      with recursive hook_ids as (
        -- The webhooks with unfinished rows, one index probe each (a loose scan of deliveries_webhook_due_idx):
        -- the cost grows with the number of such webhooks, not with the backlog of rows.
        (select d.webhook_id from deliveries d
         where d.status in ('pending', 'sending') order by d.webhook_id limit 1)
        union all
        select (select d.webhook_id from deliveries d
                where d.status in ('pending', 'sending') and d.webhook_id > h.webhook_id
                order by d.webhook_id limit 1)
        from hook_ids h
        where h.webhook_id is not null
      ),
      due as (
        select h.webhook_id, f.first_due, f.snapshot_url, f.snapshot_type
        from hook_ids h
        cross join lateral (
          select d.next_attempt_at as first_due, d.target->>'url' as snapshot_url,
                 d.target->>'type' as snapshot_type
          from deliveries d
          where d.webhook_id = h.webhook_id and d.status in ('pending', 'sending') and ${DUE}
          order by d.next_attempt_at
          limit 1
        ) f
        where h.webhook_id is not null
      ),
      busy as (
        select webhook_id, count(*)::int as n
        from deliveries
        where status = 'sending' and locked_until > now()
        group by webhook_id
      ),
      hooks as (
        select due.webhook_id, due.first_due, coalesce(busy.n, 0) as busy,
               coalesce(w.type::text, due.snapshot_type) as type,
               md5(coalesce(w.url, due.snapshot_url)) as rate_key
        from due
        left join busy on busy.webhook_id = due.webhook_id
        left join webhooks w on w.id = due.webhook_id
        where coalesce(busy.n, 0) < ${cap}::int
      ),
      rated as (
        select hooks.*, r.free_at,
               coalesce(hooks.type in (${limitedList}) and r.free_at > ${nowAt}, false) as waiting
        from hooks
        left join robot_send_windows r on r.key = hooks.rate_key
      ),
      ready as (
        select webhook_id, type, rate_key, busy, first_due
        from rated
        where not waiting
        order by first_due
        limit ${batch}::int
      )
      select ready.*, w.next_free
      from (select min(free_at) as next_free from rated where waiting) w
      left join ready on true`),
  );
  let nextFreeAt = millis(candidates[0]?.next_free);
  const ready = candidates
    .filter((row): row is Candidate & { webhook_id: string } => row.webhook_id !== null)
    .sort((a, b) => (millis(a.first_due) ?? 0) - (millis(b.first_due) ?? 0));
  if (ready.length === 0) return { rows: [], nextFreeAt };

  const windowsOf = (type: WebhookType | null) => (type ? (limits[type] ?? []) : []);
  const robotKeys = [
    ...new Set(
      ready
        .filter((row) => windowsOf(row.type).length > 0 && row.rate_key)
        .map((row) => row.rate_key as string),
    ),
  ].sort();
  if (robotKeys.length > 0) {
    // Outside the transaction: a new robot's row exists before anyone locks it.
    await handle.execute(sql`
      insert into robot_send_windows (key)
      values ${list(robotKeys.map((key) => sql`(${key})`))}
      on conflict (key) do nothing`);
  }

  const quotaOf = (row: Candidate & { webhook_id: string }, room: number) => ({
    webhookId: row.webhook_id,
    take: Math.min(cap - (row.busy ?? 0), room),
  });
  if (robotKeys.length === 0) {
    // No robot among them (the common case): one statement, atomic by itself, no transaction.
    const quotas = ready.map((row) => quotaOf(row, cap)).filter((q) => q.take > 0);
    return { rows: await takeRows(handle, workerId, quotas, batch, leaseMs), nextFreeAt };
  }

  const claimed = await handle.transaction(async (tx) => {
    const robots = new Map<string, { sends: number[]; freeAt: number | null; room: number }>();
    const locked = rowsOf<{ key: string; sends: unknown; free_at: unknown }>(
      await tx.execute(sql`
        select key, sends, free_at
        from robot_send_windows
        where key in (${list(robotKeys.map((key) => sql`${key}`))})
        order by key
        for update skip locked`),
    );
    for (const row of locked) {
      const sends = (typeof row.sends === "string" ? JSON.parse(row.sends) : row.sends) as number[];
      robots.set(row.key, { sends, freeAt: millis(row.free_at), room: 0 });
    }
    // Room per robot: none while a pause the service asked for lasts; else what every window allows.
    const now = clock();
    const typeOfKey = new Map(ready.map((row) => [row.rate_key, row.type]));
    for (const [key, robot] of robots) {
      const paused = robot.freeAt !== null && robot.freeAt > now;
      robot.room = paused ? 0 : roomAt(robot.sends, windowsOf(typeOfKey.get(key) ?? null), now);
    }
    const quotas: Array<{ webhookId: string; take: number }> = [];
    for (const row of ready) {
      let quota = quotaOf(row, cap);
      if (windowsOf(row.type).length > 0) {
        const robot = row.rate_key ? robots.get(row.rate_key) : undefined;
        if (!robot) continue; // another worker holds this robot's window right now
        quota = quotaOf(row, robot.room);
        robot.room -= Math.max(0, quota.take);
      }
      if (quota.take > 0) quotas.push(quota);
    }
    if (quotas.length === 0) return { rows: [] as ClaimedDelivery[], robots, now };
    const rows = await takeRows(tx, workerId, quotas, batch, leaseMs);

    // Record the sends in each robot's window, under its lock, before anyone else can read it.
    const keyOf = new Map(ready.map((row) => [row.webhook_id, row.rate_key]));
    const sentPerKey = new Map<string, number>();
    for (const row of rows) {
      const key = keyOf.get(row.webhookId);
      if (key && robots.has(key)) sentPerKey.set(key, (sentPerKey.get(key) ?? 0) + 1);
    }
    for (const [key, count] of sentPerKey) {
      const robot = robots.get(key);
      if (!robot) continue;
      const next = reserve(robot.sends, windowsOf(typeOfKey.get(key) ?? null), count, now);
      const free = Math.max(next.freeAt, robot.freeAt ?? 0);
      robot.freeAt = free;
      await tx.execute(sql`
        update robot_send_windows
        set sends = ${JSON.stringify(next.sends)}::jsonb, free_at = ${new Date(free).toISOString()}::timestamptz
        where key = ${key}`);
    }
    return { rows, robots, now };
  });

  // Robots that ran out of room (and may still have due rows): wake up when the first frees up.
  for (const robot of claimed.robots.values()) {
    if (robot.freeAt !== null && robot.freeAt > claimed.now) {
      nextFreeAt = nextFreeAt === null ? robot.freeAt : Math.min(nextFreeAt, robot.freeAt);
    }
  }
  return { rows: claimed.rows, nextFreeAt };
}

/** What happens to a delivery after an attempt. */
export type NextState =
  | { status: "succeeded" }
  | { status: "failed" }
  | { status: "pending"; delayMs: number };

/** One attempt as sent and answered, and the delivery's next state. */
export type AttemptResult = {
  deliveryId: string;
  /** The webhook the delivery goes to: its warning is set by a configuration error, cleared by a success. */
  webhookId: string;
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
  /** The attempt failed fast on a configuration error (e.g. a wrong robot secret): shown on the webhook. */
  configError: boolean;
  /** The robot asked to slow down: nothing is sent to this URL until `until` (limiter clock, ms). */
  pause: { url: string; until: number } | null;
};

/** What one batch of attempts does to a webhook's failure streak (webhooks.consecutive_failures, failing_since). */
type Streak = {
  webhookId: string;
  /** A success in the batch: the streak restarts from the failures after the last one. */
  reset: boolean;
  /** Failed attempts (next state not succeeded) after the batch's last success, or in the whole batch. */
  failures: number;
  /** The first of those failures; null when there is none. */
  since: Date | null;
};

/** Per webhook, in the order the attempts started: a success restarts the count, each failure adds one. */
function streaksOf(results: AttemptResult[]): Streak[] {
  const streaks = new Map<string, Streak>();
  const ordered = [...results].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
  for (const r of ordered) {
    const streak = streaks.get(r.webhookId) ?? {
      webhookId: r.webhookId,
      reset: false,
      failures: 0,
      since: null,
    };
    if (r.next.status === "succeeded") {
      streak.reset = true;
      streak.failures = 0;
      streak.since = null;
    } else {
      streak.failures++;
      streak.since ??= r.startedAt;
    }
    streaks.set(r.webhookId, streak);
  }
  // Ordered by id: concurrent workers lock the webhook rows in the same order (no deadlock between them).
  return [...streaks.values()].sort((a, b) => (a.webhookId < b.webhookId ? -1 : 1));
}

/**
 * One batch of results as four JSON parameters (attempts, streaks, pauses, cleared warnings): the statement's
 * text never changes (prepared once per connection), and a batch costs four parameters instead of a dozen per
 * attempt.
 */
function batchJson(results: AttemptResult[], verdicts: AttemptResult[]): [string, string, string, string] {
  const pauses = new Map<string, number>();
  for (const r of results) {
    if (r.pause) pauses.set(r.pause.url, Math.max(pauses.get(r.pause.url) ?? 0, r.pause.until));
  }
  return [
    JSON.stringify(
      results.map((r) => ({
        delivery_id: r.deliveryId,
        webhook_id: r.webhookId,
        worker_id: r.workerId,
        attempt: r.attempt,
        started_at: r.startedAt.toISOString(),
        duration_ms: Math.round(r.durationMs),
        request_url: r.requestUrl,
        request_headers: r.requestHeaders,
        request_body: r.requestBody,
        response_status: r.responseStatus,
        response_headers: r.responseHeaders,
        response_body: r.responseBody,
        error: r.error,
        status: r.next.status,
        delay_ms: r.next.status === "pending" ? r.next.delayMs : null,
      })),
    ),
    JSON.stringify(
      streaksOf(results).map((s) => ({
        webhook_id: s.webhookId,
        reset: s.reset,
        failures: s.failures,
        since: s.since?.toISOString() ?? null,
      })),
    ),
    JSON.stringify([...pauses].map(([url, until]) => ({ url, until: new Date(until).toISOString() }))),
    JSON.stringify(
      verdicts
        .filter((r) => r.next.status === "succeeded")
        .map((r) => ({ webhook_id: r.webhookId, at: r.startedAt.toISOString() })),
    ),
  ];
}

/**
 * The whole batch in one data-modifying statement (the engine's hot path; its text is fixed):
 * - the attempt rows (of deliveries not purged meanwhile);
 * - the deliveries: attempts + 1, the new status (pending with next_attempt_at = now + delay, or
 *   succeeded/failed with completed_at), the lease cleared, the last response; only while this worker holds
 *   the lease (a delivery whose lease passed to another worker keeps that worker's state);
 * - the webhooks' failure streaks: a success resets the count and failing_since, failures add to the count,
 *   failing_since keeps the first failure since the last success; a healthy webhook that stays healthy (the
 *   common case) is neither locked nor rewritten; rows are locked in id order (no deadlock between workers);
 * - the robots' pauses asked for by their services;
 * - the warnings cleared by a later success.
 */
const RECORD_RESULTS = `
  with a as materialized (
    select * from json_to_recordset($1::json) as x(
      delivery_id uuid, webhook_id uuid, worker_id text, attempt int, started_at timestamptz, duration_ms int,
      request_url text, request_headers jsonb, request_body text, response_status int, response_headers jsonb,
      response_body text, error text, status delivery_status, delay_ms int)
  ),
  s as (select * from json_to_recordset($2::json) as x(webhook_id uuid, reset boolean, failures int, since timestamptz)),
  p as (select * from json_to_recordset($3::json) as x(url text, until timestamptz)),
  c as (select * from json_to_recordset($4::json) as x(webhook_id uuid, at timestamptz)),
  inserted as (
    insert into delivery_attempts (delivery_id, webhook_id, attempt, started_at, duration_ms, request_url,
      request_headers, request_body, response_status, response_headers, response_body, error)
    select a.delivery_id, a.webhook_id, a.attempt, a.started_at, a.duration_ms, a.request_url,
      a.request_headers, a.request_body, a.response_status, nullif(a.response_headers, 'null'::jsonb),
      a.response_body, a.error
    from a
    where exists (select 1 from deliveries d where d.id = a.delivery_id)
    returning 1
  ),
  updated as (
    update deliveries d
    set attempts = d.attempts + 1,
        status = a.status,
        next_attempt_at = case when a.delay_ms is null then d.next_attempt_at
                               else now() + a.delay_ms * interval '1 millisecond' end,
        locked_until = null,
        locked_by = null,
        last_status_code = a.response_status,
        last_error = a.error,
        last_attempt_at = a.started_at,
        completed_at = case when a.status in ('succeeded', 'failed') then now() else null end
    from a
    where d.id = a.delivery_id and d.status = 'sending' and d.locked_by = a.worker_id
    returning 1
  ),
  locked as materialized (
    select w.id from webhooks w join s on s.webhook_id = w.id
    where not (s.reset and s.failures = 0 and w.consecutive_failures = 0 and w.failing_since is null)
    order by w.id for update of w
  ),
  streaks as (
    update webhooks w
    set consecutive_failures = case when s.reset then s.failures else w.consecutive_failures + s.failures end,
        failing_since = case when s.reset then s.since else coalesce(w.failing_since, s.since) end
    from s
    where w.id = s.webhook_id and w.id in (select id from locked)
    returning 1
  ),
  paused as (
    insert into robot_send_windows (key, free_at)
    select md5(p.url), max(p.until) from p group by md5(p.url)
    on conflict (key) do update
    set free_at = greatest(coalesce(robot_send_windows.free_at, excluded.free_at), excluded.free_at)
    returning 1
  ),
  cleared as (
    delete from webhook_warnings w using c
    where w.webhook_id = c.webhook_id and w.at <= c.at
    returning 1
  )
  select (select count(*) from inserted)::int as attempts, (select count(*) from updated)::int as deliveries,
         (select count(*) from streaks)::int as streaks, (select count(*) from paused)::int as paused,
         (select count(*) from cleared)::int as cleared`;

/** What recordResults wrote. */
export type Recorded = {
  /** Attempt rows written. */
  attempts: number;
  /** Deliveries updated (those whose lease this worker still held). */
  deliveries: number;
  /** Webhooks whose failure streak changed. */
  streaks: number;
  /** Robots paused. */
  paused: number;
  /** Warnings cleared by a success. */
  cleared: number;
};

const NOTHING: Recorded = { attempts: 0, deliveries: 0, streaks: 0, paused: 0, cleared: 0 };

/**
 * Records a batch of attempts in one statement (RECORD_RESULTS: attempt rows, deliveries, failure streaks,
 * robots' pauses, cleared warnings), plus, only when an attempt was rejected for its webhook's configuration,
 * the warnings (recordWarnings). Returns how many rows of each it wrote.
 */
export async function recordResults(results: AttemptResult[], conn?: Db): Promise<Recorded> {
  if (results.length === 0) return NOTHING;
  const handle = conn ?? (await db());
  // Per webhook, the latest attempt that says something about its configuration: a rejection or a success.
  const verdicts = new Map<string, AttemptResult>();
  for (const r of results) {
    if (!r.configError && r.next.status !== "succeeded") continue;
    const known = verdicts.get(r.webhookId);
    if (!known || known.startedAt <= r.startedAt) verdicts.set(r.webhookId, r);
  }
  const rejections = [...verdicts.values()].filter((r) => r.configError && r.error);
  // The fixed text with its four parameters ($1…$4) bound in place.
  const values = batchJson(results, [...verdicts.values()]);
  const statement = sql.join(
    RECORD_RESULTS.split(/\$[1-4]/).flatMap((part, i) =>
      i === 0 ? [sql.raw(part)] : [sql`${values[i - 1]}`, sql.raw(part)],
    ),
  );
  if (rejections.length === 0) {
    return rowsOf<Recorded>(await handle.execute(statement))[0] ?? NOTHING;
  }
  return handle.transaction(async (tx) => {
    const [row] = rowsOf<Recorded>(await tx.execute(statement));
    await recordWarnings(tx, rejections);
    return row ?? NOTHING;
  });
}

/**
 * Sets the warning of webhooks whose latest attempt was rejected for their configuration (clearing them on a
 * success is part of RECORD_RESULTS). In a savepoint: a webhook deleted meanwhile (its warning's foreign key
 * fails) must not lose the attempts recorded beside it.
 */
async function recordWarnings(tx: Tx, rejections: AttemptResult[]): Promise<void> {
  try {
    await tx.transaction(async (savepoint) => {
      await savepoint.execute(sql`
        insert into webhook_warnings (webhook_id, message, delivery_id, at)
        select v.webhook_id, v.message, v.delivery_id, v.at
        from (values ${list(
          rejections.map(
            (r) => sql`(${r.webhookId}::uuid, ${r.error}::text, ${r.deliveryId}::uuid,
              ${r.startedAt.toISOString()}::timestamptz)`,
          ),
        )}) as v(webhook_id, message, delivery_id, at)
        where exists (select 1 from webhooks w where w.id = v.webhook_id)
        on conflict (webhook_id) do update
        set message = excluded.message, delivery_id = excluded.delivery_id, at = excluded.at
        where webhook_warnings.at <= excluded.at`);
    });
  } catch (error) {
    logError("delivery", error);
  }
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

/** A webhook's standing warning: the latest configuration error reported by its service. */
export type WebhookWarningView = {
  webhookId: string;
  /** A sentence with the service's own message, e.g. "DingTalk rejected the message: keywords not in content — …". */
  message: string;
  /** The attempt's time. */
  at: Date;
  /** The delivery that was rejected (it may since have been purged). */
  deliveryId: string | null;
};

/**
 * The warnings of an app's webhooks (at most one each, oldest webhook first). A warning lasts until a later
 * delivery to the webhook succeeds; one older than the webhook's last edit is not shown (the edit may have
 * fixed it: the next delivery will tell).
 */
export async function webhookWarnings(appId: string, conn?: Db): Promise<WebhookWarningView[]> {
  const handle = conn ?? (await db());
  return handle
    .select({
      webhookId: warnings.webhookId,
      message: warnings.message,
      at: warnings.at,
      deliveryId: warnings.deliveryId,
    })
    .from(warnings)
    .innerJoin(webhooks, eq(webhooks.id, warnings.webhookId))
    .where(and(eq(webhooks.appId, appId), gte(warnings.at, webhooks.updatedAt)))
    .orderBy(asc(webhooks.createdAt));
}

/** Forgets robots (rate-limit windows) not sent to for a day: for the retention job. Returns how many. */
export async function purgeRobotWindows(conn?: Db): Promise<number> {
  const handle = conn ?? (await db());
  const rows = rowsOf<{ key: string }>(
    await handle.execute(sql`
      delete from robot_send_windows
      where free_at is null or free_at < now() - interval '1 day'
      returning key`),
  );
  return rows.length;
}
