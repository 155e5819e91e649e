import { type SQL, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";

/**
 * The public API's rate limit per key (README, INGEST_RATE_PER_MINUTE): a token bucket of `capacity` tokens
 * (a tenth of the per-minute rate, at least 10) refilled at `perMinute` a minute. It lives in the database
 * (table api_rate_limits), so every server process shares one limit, and costs one statement per request.
 */
export type RateLimit = { perMinute: number; capacity: number };

export function rateLimit(perMinute: number): RateLimit {
  return { perMinute, capacity: Math.max(10, Math.ceil(perMinute / 10)) };
}

/**
 * The one statement of a take: `cost` tokens from `key`'s bucket, atomically (the row is locked by the upsert,
 * so concurrent takes from any process queue on it). The bucket is kept as GCRA's theoretical arrival time
 * `tat`: the moment the bucket is full again; a take is allowed when it leaves `tat` at most `capacity` tokens'
 * time ahead of now. Returns one row: `allowed`, and `wait_ms` (when refused: how long until it would be
 * allowed). A SQL fragment, so that a caller can fold it into a statement of its own as a CTE.
 * `cost` must not exceed the capacity (it would never be allowed).
 */
export function takeStatement(key: string, cost: number, limit: RateLimit): SQL {
  const msPerToken = 60_000 / limit.perMinute;
  const costMs = sql`(${cost * msPerToken}::float8 * interval '1 millisecond')`;
  const capacityMs = sql`(${limit.capacity * msPerToken}::float8 * interval '1 millisecond')`;
  const next = sql`(greatest(l.tat, now()) + ${costMs})`;
  const fits = sql`(${next} <= now() + ${capacityMs})`;
  return sql`
    insert into api_rate_limits as l (api_key_id, tat, allowed)
    values (${key}, now() + ${costMs}, true)
    on conflict (api_key_id) do update
      set tat = case when ${fits} then ${next} else l.tat end, allowed = ${fits}
    returning l.allowed,
      (extract(epoch from (${next} - now() - ${capacityMs})) * 1000)::float8 as wait_ms`;
}

export type RateLimiter = {
  capacity: number;
  /** Takes `cost` requests' worth (a batch of N events costs N): 0 when allowed, else the ms to wait. */
  take(key: string, cost?: number): Promise<number>;
};

export function createRateLimiter(perMinute: number): RateLimiter {
  const limit = rateLimit(perMinute);
  return {
    capacity: limit.capacity,
    async take(key, cost = 1) {
      if (!Number.isInteger(cost) || cost < 1 || cost > limit.capacity) {
        throw new RangeError(`A take costs 1 to ${limit.capacity} tokens (the burst), not ${cost}.`);
      }
      const result = await (await db()).execute(takeStatement(key, cost, limit));
      const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Array<{
        allowed: boolean;
        wait_ms: number;
      }>;
      const row = rows[0];
      if (!row) throw new Error("the rate limit statement returned no row");
      return row.allowed ? 0 : Math.max(1, Math.ceil(Number(row.wait_ms)));
    },
  };
}
