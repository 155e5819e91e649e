import "server-only";
import { type Database, database as processDatabase, type Query } from "@/lib/db/client";
import { logError } from "@/lib/log-error";
import type { AttemptResult } from "./types";

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
export async function recordResults(results: AttemptResult[], database?: Database): Promise<Recorded> {
  if (results.length === 0) return NOTHING;
  const handle = database ?? (await processDatabase());
  // Per webhook, the latest attempt that says something about its configuration: a rejection or a success.
  const verdicts = new Map<string, AttemptResult>();
  for (const r of results) {
    if (!r.configError && r.next.status !== "succeeded") continue;
    const known = verdicts.get(r.webhookId);
    if (!known || known.startedAt <= r.startedAt) verdicts.set(r.webhookId, r);
  }
  const rejections = [...verdicts.values()].filter((r) => r.configError && r.error);
  const values = batchJson(results, [...verdicts.values()]);
  if (rejections.length === 0) {
    return (await handle.query<Recorded>(RECORD_RESULTS, values))[0] ?? NOTHING;
  }
  return handle.transaction(async (query) => {
    const [row] = await query<Recorded>(RECORD_RESULTS, values);
    await recordWarnings(query, rejections);
    return row ?? NOTHING;
  });
}

const RECORD_WARNINGS = `
  insert into webhook_warnings (webhook_id, message, delivery_id, at)
  select v.webhook_id, v.message, v.delivery_id, v.at
  from json_to_recordset($1::json) as v(webhook_id uuid, message text, delivery_id uuid, at timestamptz)
  where exists (select 1 from webhooks w where w.id = v.webhook_id)
  on conflict (webhook_id) do update
  set message = excluded.message, delivery_id = excluded.delivery_id, at = excluded.at
  where webhook_warnings.at <= excluded.at`;

/**
 * Sets the warning of webhooks whose latest attempt was rejected for their configuration (clearing them on a
 * success is part of RECORD_RESULTS). In a savepoint: a webhook deleted meanwhile (its warning's foreign key
 * fails) must not lose the attempts recorded beside it.
 */
async function recordWarnings(query: Query, rejections: AttemptResult[]): Promise<void> {
  const warnings = rejections.map((r) => ({
    webhook_id: r.webhookId,
    message: r.error,
    delivery_id: r.deliveryId,
    at: r.startedAt.toISOString(),
  }));
  await query("savepoint warnings", []);
  try {
    await query(RECORD_WARNINGS, [JSON.stringify(warnings)]);
    await query("release savepoint warnings", []);
  } catch (error) {
    await query("rollback to savepoint warnings", []);
    logError("delivery", error);
  }
}

const MARK_DISABLED = `
  update deliveries
  set status = 'disabled', locked_until = null, locked_by = null, completed_at = now(),
      last_error = 'The webhook was disabled before this delivery was sent'
  where id = any($1::uuid[]) and status = 'sending' and locked_by = $2`;

/** Claimed deliveries whose webhook is now disabled: finished without sending. */
export async function markDisabled(workerId: string, ids: string[], database?: Database): Promise<void> {
  if (ids.length === 0) return;
  await (database ?? (await processDatabase())).query(MARK_DISABLED, [ids, workerId]);
}
