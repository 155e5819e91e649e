import "server-only";
import type { EventType } from "@/lib/domain/event-catalog";
import type { DeliveryTarget, EventFacts } from "@/lib/domain/event-facts";
import type { WebhookType } from "@/lib/domain/webhook-types";
import type { Webhook } from "../schema";

/**
 * The delivery engine's statements (lib/delivery/claim.ts, lib/delivery/record-results.ts): fixed texts with
 * `$n` parameters, run with Database.query, so that each is prepared once per connection (parsed and planned
 * once) and nothing is built per claim or per batch. Rows come back as the database names them.
 */

// A row is due when it waits for an attempt (pending), or when the worker that claimed it lost its lease.
export const DUE =
  "(d.status = 'pending' or (d.status = 'sending' and d.locked_until <= now())) and d.next_attempt_at <= now()";

/**
 * The webhooks with due rows that are under the per-webhook cap ($1) and whose robot is not waiting for its
 * rate limit (types with limits: $2, the limiter's now: $3), oldest due first, at most $4; and when the first
 * waiting robot frees up.
 */
export const CANDIDATES = `
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
      select d.next_attempt_at as first_due, d.target->>'url' as snapshot_url, d.target->>'type' as snapshot_type
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
           md5(coalesce(w.url, due.snapshot_url)) as rate_key, coalesce(w.digest, false) as digest
    from due
    left join busy on busy.webhook_id = due.webhook_id
    left join webhooks w on w.id = due.webhook_id
    where coalesce(busy.n, 0) < $1::int
  ),
  rated as (
    select hooks.*, r.free_at,
           coalesce(hooks.type = any($2::text[]) and r.free_at > $3::timestamptz, false) as waiting
    from hooks
    left join robot_send_windows r on r.key = hooks.rate_key
  ),
  ready as (
    select webhook_id, type, rate_key, busy, first_due, digest
    from rated
    where not waiting
    order by first_due
    limit $4::int
  )
  select ready.*, w.next_free
  from (select min(free_at) as next_free from rated where waiting) w
  left join ready on true`;

export type Candidate = {
  webhook_id: string | null;
  type: WebhookType | null;
  rate_key: string | null;
  busy: number | null;
  first_due: Date | string | null;
  /** The live webhook merges bursts into digests (false when it was deleted). */
  digest: boolean | null;
  next_free: Date | string | null;
};

/** The claimed rows (CTE `claimed`) with their event, the team's payload time zone and the live webhook. */
const CLAIMED_ROWS = `
  select c.id, c.event_id, c.webhook_id, c.attempts, c.target, c.digest_id, e.type as event_type, e.facts,
         coalesce(t.payload_time_zone, 'UTC') as time_zone, w.id as live_id, w.url, w.type, w.language, w.enabled,
         w.secret_encrypted, w.signing_secret_encrypted, w.previous_signing_secret_encrypted,
         w.previous_secret_expires_at
  from claimed c
  join events e on e.id = c.event_id
  left join teams t on t.id = e.team_id
  left join webhooks w on w.id = c.webhook_id`;

/**
 * Takes up to `take` due rows of each webhook of the quotas ($1, JSON, in their order, at most $2 in all) with
 * `FOR UPDATE SKIP LOCKED` (concurrent claimers never take the same row), marks them `sending` with a lease
 * ($3 ms, worker $4), and returns them with their event, its team's payload time zone (a primary-key join,
 * so no query of its own) and the live webhook's sending columns.
 */
export const TAKE = `
  with quota as (
    select q.webhook_id, q.take
    from jsonb_to_recordset($1::jsonb) as q(webhook_id uuid, take int)
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
    -- No sort: the quotas are read in their order (oldest due first), and the limit stops the scan once $2
    -- rows are locked, so no row is locked only to be left.
    limit $2::int
  ),
  claimed as (
    update deliveries
    set status = 'sending',
        locked_until = now() + $3::int * interval '1 millisecond',
        locked_by = $4
    from picked
    where deliveries.id = picked.id
    returning deliveries.id, deliveries.event_id, deliveries.webhook_id, deliveries.attempts, deliveries.target,
              deliveries.digest_id
  )
  ${CLAIMED_ROWS}`;

export type TakenRow = {
  id: string;
  /** The carrier's own id on a digest's carrier (docs/robots.md#digests); null for a delivery sent alone. */
  digest_id: string | null;
  event_id: string;
  webhook_id: string;
  attempts: number;
  target: DeliveryTarget;
  event_type: EventType;
  facts: EventFacts;
  time_zone: string;
  live_id: string | null;
  url: string;
  type: WebhookType;
  language: Webhook["language"];
  enabled: boolean;
  secret_encrypted: string | null;
  signing_secret_encrypted: string | null;
  previous_signing_secret_encrypted: string | null;
  previous_secret_expires_at: Date | string | null;
};

/**
 * Digests (docs/robots.md#digests). For the digest-enabled robot webhooks ($1) with room to send, what waits
 * among each one's first $2 due rows: per event type the rows sent alone so far (digest_id null), and each due
 * carrier of an earlier digest (a retry, a redelivery, or one whose worker died) as a group of its own.
 */
export const DIGEST_DUE = `
  select q.webhook_id, x.carrier, min(x.type) as type, count(*)::int as n, min(x.next_attempt_at) as first_due
  from unnest($1::uuid[]) as q(webhook_id)
  cross join lateral (
    select d.next_attempt_at, e.type, case when d.digest_id is not null then d.id end as carrier
    from deliveries d
    join events e on e.id = d.event_id
    where d.webhook_id = q.webhook_id and ${DUE}
    order by d.next_attempt_at
    limit $2::int
  ) x
  group by q.webhook_id, x.carrier, case when x.carrier is null then x.type end`;

export type DigestDue = {
  webhook_id: string;
  /** A due carrier: it goes out alone, as the digest it carries. */
  carrier: string | null;
  type: EventType;
  n: number;
  first_due: Date | string;
};

/**
 * Takes digests (docs/robots.md#digests): per quota ($1, JSON: webhook, event type, how many rows) up to
 * `take` due rows of that type sent alone so far, oldest first, `FOR UPDATE SKIP LOCKED`, in digests of at most
 * $2 rows; or one due carrier (`carrier`) with its digest as it is. The first row of each digest is its
 * carrier: leased to the worker ($3 ms, worker $4) like any claimed row, and returned as TAKE returns rows. The
 * others are merged: digest_id = the carrier, pending but never due (next_attempt_at infinity), so nothing
 * else claims them; the carrier's outcome is theirs (RECORD_RESULTS), and if its worker dies the carrier is
 * due again after its lease, with them. A "digest" of one row is an ordinary send.
 */
export const DIGEST_TAKE = `
  with quota as (
    select q.webhook_id, q.type, q.take, q.carrier
    from jsonb_to_recordset($1::jsonb) as q(webhook_id uuid, type text, take int, carrier uuid)
  ),
  picked as (
    select p.id, p.next_attempt_at, q.webhook_id, q.type as grp, false as resend
    from quota q
    cross join lateral (
      select d.id, d.next_attempt_at
      from deliveries d
      join events e on e.id = d.event_id
      where q.carrier is null and d.webhook_id = q.webhook_id and e.type = q.type and d.digest_id is null
        and ${DUE}
      order by d.next_attempt_at
      limit q.take
      for update of d skip locked
    ) p
    union all
    select p.id, p.next_attempt_at, q.webhook_id, q.carrier::text as grp, true as resend
    from quota q
    cross join lateral (
      select d.id, d.next_attempt_at
      from deliveries d
      where d.id = q.carrier and d.webhook_id = q.webhook_id and ${DUE}
      for update skip locked
    ) p
  ),
  chunked as (
    select picked.*,
           (row_number() over (partition by webhook_id, grp order by next_attempt_at, id) - 1) / $2::int as chunk
    from picked
  ),
  grouped as (
    select chunked.*,
           first_value(id) over (partition by webhook_id, grp, chunk order by next_attempt_at, id) as carrier_id,
           count(*) over (partition by webhook_id, grp, chunk) as size
    from chunked
  ),
  -- Runs whether or not it is read, as every data-modifying part of a WITH does.
  merged as (
    update deliveries d
    set status = 'pending', next_attempt_at = 'infinity', locked_until = null, locked_by = null,
        digest_id = g.carrier_id
    from grouped g
    where d.id = g.id and not g.resend and g.size > 1 and g.id <> g.carrier_id
    returning 1
  ),
  claimed as (
    update deliveries d
    set status = 'sending',
        locked_until = now() + $3::int * interval '1 millisecond',
        locked_by = $4,
        digest_id = case when g.resend then d.digest_id when g.size > 1 then d.id end
    from grouped g
    where d.id = g.id and (g.resend or g.size = 1 or g.id = g.carrier_id)
    returning d.id, d.event_id, d.webhook_id, d.attempts, d.target, d.digest_id
  )
  ${CLAIMED_ROWS}`;

/**
 * The events of the digests whose carriers ($1) were claimed, carriers included, oldest first. A digest reads
 * only the start of each event's notes (an exception's first line, a feedback's first lines): the notes are
 * cut to 2,000 characters here, so 500 long crash logs are not all loaded to render one message.
 */
export const DIGEST_EVENTS = `
  select d.digest_id, d.id as delivery_id, e.id, e.type,
         jsonb_set(e.facts, '{notes}', to_jsonb(left(coalesce(e.facts->>'notes', ''), 2000))) as facts
  from deliveries d
  join events e on e.id = d.event_id
  where d.digest_id = any($1::uuid[])
  order by e.created_at, e.id`;

export type DigestEventRow = {
  digest_id: string;
  delivery_id: string;
  id: string;
  type: EventType;
  facts: EventFacts;
};

export const ENSURE_WINDOWS = `
  insert into robot_send_windows (key) select unnest($1::text[]) on conflict (key) do nothing`;
export const LOCK_WINDOWS = `
  select key, sends, free_at from robot_send_windows where key = any($1::text[]) order by key
  for update skip locked`;
export const SAVE_WINDOW = `update robot_send_windows set sends = $2::jsonb, free_at = $3::timestamptz where key = $1`;

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
export const RECORD_RESULTS = `
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
    returning d.id, d.digest_id, d.status, d.last_status_code, d.last_error, d.last_attempt_at
  ),
  carried as (
    -- A digest's carrier finished: the rows it carried end as it did (docs/robots.md#digests); while it is
    -- retried they wait with it. Only carriers (digest_id = id) are looked up.
    update deliveries m
    set status = u.status, completed_at = now(), locked_until = null, locked_by = null,
        last_status_code = u.last_status_code, last_error = u.last_error, last_attempt_at = u.last_attempt_at
    from updated u
    where u.digest_id = u.id and u.status in ('succeeded', 'failed') and m.digest_id = u.id and m.id <> u.id
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
         (select count(*) from cleared)::int as cleared, (select count(*) from carried)::int as carried`;

export const RECORD_WARNINGS = `
  insert into webhook_warnings (webhook_id, message, delivery_id, at)
  select v.webhook_id, v.message, v.delivery_id, v.at
  from json_to_recordset($1::json) as v(webhook_id uuid, message text, delivery_id uuid, at timestamptz)
  where exists (select 1 from webhooks w where w.id = v.webhook_id)
  on conflict (webhook_id) do update
  set message = excluded.message, delivery_id = excluded.delivery_id, at = excluded.at
  where webhook_warnings.at <= excluded.at`;

export const MARK_DISABLED = `
  with marked as (
    update deliveries
    set status = 'disabled', locked_until = null, locked_by = null, completed_at = now(),
        last_error = 'The webhook was disabled before this delivery was sent'
    where id = any($1::uuid[]) and status = 'sending' and locked_by = $2
    returning id, digest_id
  )
  -- The rows a digest's carrier would have carried end with it.
  update deliveries m
  set status = 'disabled', completed_at = now(),
      last_error = 'The webhook was disabled before this delivery was sent'
  from marked
  where marked.digest_id = marked.id and m.digest_id = marked.id and m.id <> marked.id and m.status = 'pending'`;
