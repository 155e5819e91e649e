import "server-only";
import { sql } from "drizzle-orm";
import { type Db, db } from "../client";
import { rowsOf } from "../rows";

const num = (value: unknown): number | null => (value == null ? null : Number(value));

/** Attempts of a period (or of one bucket of it): an attempt succeeded when it recorded no error. */
export type AttemptStats = {
  succeeded: number;
  failed: number;
  /** Latency percentiles of the attempts (continuous, in ms); null without attempts. */
  p50Ms: number | null;
  p95Ms: number | null;
};

export type AttemptHealth = {
  totals: AttemptStats;
  /** Buckets that have attempts, by index: bucket i covers [since + i × bucketMs, since + (i + 1) × bucketMs). */
  buckets: Map<number, AttemptStats>;
};

type Row = {
  total: boolean;
  bucket: number | null;
  succeeded: unknown;
  failed: unknown;
  p50: unknown;
  p95: unknown;
};

/**
 * A webhook's attempts in [since, until): counts and p50/p95 latency, in total and per bucket of `bucketMs`,
 * in one statement over the index (webhook_id, started_at).
 */
export async function attemptHealth(
  webhookId: string,
  period: { since: Date; until: Date; bucketMs: number },
  conn?: Db,
): Promise<AttemptHealth> {
  const handle = conn ?? (await db());
  const since = sql`${period.since.toISOString()}::timestamptz`;
  const rows = rowsOf<Row>(
    await handle.execute(sql`
      select grouping(b.bucket) = 1 as total, b.bucket,
             count(*) filter (where b.error is null) as succeeded,
             count(*) filter (where b.error is not null) as failed,
             percentile_cont(0.5) within group (order by b.duration_ms) as p50,
             percentile_cont(0.95) within group (order by b.duration_ms) as p95
      from (
        select a.error, a.duration_ms,
               floor(extract(epoch from a.started_at - ${since}) * 1000 / ${period.bucketMs}::float8)::int as bucket
        from delivery_attempts a
        where a.webhook_id = ${webhookId}::uuid
          and a.started_at >= ${since}
          and a.started_at < ${period.until.toISOString()}::timestamptz
      ) b
      group by grouping sets ((b.bucket), ())`),
  );
  const stats = (row: Row): AttemptStats => ({
    succeeded: Number(row.succeeded),
    failed: Number(row.failed),
    p50Ms: num(row.p50),
    p95Ms: num(row.p95),
  });
  const totals: AttemptStats = { succeeded: 0, failed: 0, p50Ms: null, p95Ms: null };
  const buckets = new Map<number, AttemptStats>();
  for (const row of rows) {
    if (row.total) Object.assign(totals, stats(row));
    else if (row.bucket !== null) buckets.set(Number(row.bucket), stats(row));
  }
  return { totals, buckets };
}

/** Succeeded and total attempts per webhook in [since, until), for the webhook list (webhooks without any are absent). */
export async function attemptCounts(
  webhookIds: string[],
  period: { since: Date; until: Date },
  conn?: Db,
): Promise<Map<string, { succeeded: number; attempts: number }>> {
  const counts = new Map<string, { succeeded: number; attempts: number }>();
  if (webhookIds.length === 0) return counts;
  const handle = conn ?? (await db());
  const rows = rowsOf<{ webhook_id: string; succeeded: unknown; attempts: unknown }>(
    await handle.execute(sql`
      select a.webhook_id, count(*) filter (where a.error is null) as succeeded, count(*) as attempts
      from delivery_attempts a
      where a.webhook_id in (${sql.join(
        webhookIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})
        and a.started_at >= ${period.since.toISOString()}::timestamptz
        and a.started_at < ${period.until.toISOString()}::timestamptz
      group by a.webhook_id`),
  );
  for (const row of rows) {
    counts.set(row.webhook_id, { succeeded: Number(row.succeeded), attempts: Number(row.attempts) });
  }
  return counts;
}
