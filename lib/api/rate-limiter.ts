import { type SQL, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";

/**
 * The public API's rate limit per key (README, INGEST_RATE_PER_MINUTE): a token bucket of `capacity` tokens
 * (a tenth of the per-minute rate, at least 10) refilled at `perMinute` a minute. It lives in the database
 * (table api_rate_limits), so every server process shares one limit, and costs one statement per request, or
 * none of its own when folded into another (withApiKey folds it into the key check).
 */
export type RateLimit = { perMinute: number; capacity: number };

export function rateLimit(perMinute: number): RateLimit {
  return { perMinute, capacity: Math.max(10, Math.ceil(perMinute / 10)) };
}

/**
 * A take of `cost` tokens from the bucket of each key in `keys` (a FROM item with an `id` column, e.g. a CTE's
 * name), atomic: the upsert locks the bucket's row, so concurrent takes from any process queue on it. The
 * bucket is kept as GCRA's theoretical arrival time `tat`, the moment it is full again; a take is allowed when
 * it leaves `tat` at most `capacity` tokens' time ahead of now. Returns a row per key: `api_key_id` and
 * `wait_ms`, 0 when allowed, else how long until it would be. A SQL fragment, to run alone or as a CTE; its
 * table is unlogged, so alone it commits without waiting for a WAL flush (in a transaction that writes logged
 * tables, a key's takes would queue on its row until that commit). `cost` must not exceed the capacity.
 */
export function takeStatement(keys: SQL, cost: number, limit: RateLimit): SQL {
  const msPerToken = 60_000 / limit.perMinute;
  const costMs = sql`(${cost * msPerToken}::float8 * interval '1 millisecond')`;
  const capacityMs = sql`(${limit.capacity * msPerToken}::float8 * interval '1 millisecond')`;
  const next = sql`(greatest(l.tat, now()) + ${costMs})`;
  const fits = sql`(${next} <= now() + ${capacityMs})`;
  return sql`
    insert into api_rate_limits as l (api_key_id, tat, allowed)
    select id, now() + ${costMs}, true from ${keys}
    on conflict (api_key_id) do update
      set tat = case when ${fits} then ${next} else l.tat end, allowed = ${fits}
    returning l.api_key_id,
      case when l.allowed then 0
        else ceil(extract(epoch from (${next} - now() - ${capacityMs})) * 1000) end::float8 as wait_ms`;
}

export type RateLimiter = {
  capacity: number;
  /** Takes `cost` requests' worth (a batch of N events costs N): 0 when allowed, else the ms to wait. */
  take(key: string, cost?: number): Promise<number>;
  /** The take as a SQL fragment over `keys` (see takeStatement), to fold into a statement of the caller's. */
  statement(keys: SQL, cost?: number): SQL;
};

export function createRateLimiter(perMinute: number): RateLimiter {
  const limit = rateLimit(perMinute);
  const statement = (keys: SQL, cost = 1) => {
    if (!Number.isInteger(cost) || cost < 1 || cost > limit.capacity) {
      throw new RangeError(`A take costs 1 to ${limit.capacity} tokens (the burst), not ${cost}.`);
    }
    return takeStatement(keys, cost, limit);
  };
  return {
    capacity: limit.capacity,
    statement,
    async take(key, cost = 1) {
      const take = statement(sql`(select ${key}::uuid as id) as key`, cost);
      const result = await (await db()).execute(take);
      const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Array<{
        wait_ms: number;
      }>;
      const row = rows[0];
      if (!row) throw new Error("the rate limit statement returned no row");
      return Math.max(0, Number(row.wait_ms));
    },
  };
}
