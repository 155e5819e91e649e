import "server-only";
import type { Database } from "../client";

/** A take's parameters: its cost and the bucket's capacity, as time (ms) at the refill rate. */
export type TakeParams = { costMs: number; capacityMs: number };

/**
 * A take from the bucket of each key in `keys` (a FROM item with an `id` column, e.g. a CTE's name), as fixed
 * SQL text whose cost and capacity are the parameters `costMs` and `capacityMs` (e.g. "$2"), so that it is
 * prepared once. Atomic: the upsert locks the bucket's row, so concurrent takes from any process queue on it.
 * The bucket is kept as GCRA's theoretical arrival time `tat`, the moment it is full again; a take is allowed
 * when it leaves `tat` at most `capacity` tokens' time ahead of now. Returns a row per key: `api_key_id` and
 * `wait_ms`, 0 when allowed, else how long until it would be. The table is unlogged: alone, a take commits
 * without waiting for a WAL flush (inside a transaction that writes logged tables, a key's takes would queue
 * on its row until that commit, so it is never folded into one).
 */
export function takeSql(keys: string, costMs: string, capacityMs: string): string {
  const cost = `(${costMs}::float8 * interval '1 millisecond')`;
  const capacity = `(${capacityMs}::float8 * interval '1 millisecond')`;
  const next = `(greatest(l.tat, now()) + ${cost})`;
  const fits = `(${next} <= now() + ${capacity})`;
  return `
    insert into api_rate_limits as l (api_key_id, tat, allowed)
    select id, now() + ${cost}, true from ${keys}
    on conflict (api_key_id) do update
      set tat = case when ${fits} then ${next} else l.tat end, allowed = ${fits}
    returning l.api_key_id,
      case when l.allowed then 0
        else ceil(extract(epoch from (${next} - now() - ${capacity})) * 1000) end::float8 as wait_ms`;
}

const TAKE = takeSql("(select $1::uuid as id) as key", "$2", "$3");

/** One take from a key's bucket (see takeSql): 0 when allowed, else the ms to wait. */
export async function takeFromBucket(handle: Database, keyId: string, take: TakeParams): Promise<number> {
  const [row] = await handle.query<{ wait_ms: number }>(TAKE, [keyId, take.costMs, take.capacityMs]);
  if (!row) throw new Error("the rate limit statement returned no row");
  return Math.max(0, Number(row.wait_ms));
}
