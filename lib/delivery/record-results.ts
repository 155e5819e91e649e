import "server-only";
import { type Database, database as processDatabase, type Query } from "@/lib/db/client";
import { MARK_DISABLED, RECORD_RESULTS, RECORD_WARNINGS } from "@/lib/db/queries/delivery-engine";
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
  /** Deliveries carried by digests that finished (docs/robots.md#digests): they end as their carrier did. */
  carried: number;
};

const NOTHING: Recorded = { attempts: 0, deliveries: 0, streaks: 0, paused: 0, cleared: 0, carried: 0 };

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

/** Claimed deliveries whose webhook is now disabled: finished without sending. */
export async function markDisabled(workerId: string, ids: string[], database?: Database): Promise<void> {
  if (ids.length === 0) return;
  await (database ?? (await processDatabase())).query(MARK_DISABLED, [ids, workerId]);
}
