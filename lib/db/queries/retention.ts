import "server-only";
import { sql } from "drizzle-orm";
import { type Db, db } from "../client";
import { rowsOf } from "../rows";

/**
 * Deletes up to `limit` finished deliveries (succeeded, failed or disabled; never pending or sending) created
 * and finished before `before`, oldest first; their attempts go with them (on delete cascade). Returns how many.
 */
export async function purgeDeliveries(before: Date, limit: number, conn?: Db): Promise<number> {
  const handle = conn ?? (await db());
  const cutoff = sql`${before.toISOString()}::timestamptz`;
  const finished = sql`status in ('succeeded', 'failed', 'disabled') and coalesce(completed_at, created_at) < ${cutoff}`;
  // The condition is repeated outside: a row redelivered (pending again) meanwhile is checked again and kept.
  const rows = rowsOf<{ id: string }>(
    await handle.execute(sql`
      delete from deliveries
      where id in (
        select id from deliveries
        where created_at < ${cutoff} and ${finished}
        order by created_at
        limit ${limit}::int
      ) and ${finished}
      returning id`),
  );
  return rows.length;
}

/**
 * Deletes up to `limit` events created before `before` that have no delivery left. Returns how many. An event
 * that is getting a delivery right now (its row is share-locked by the insert) is skipped.
 */
export async function purgeEvents(before: Date, limit: number, conn?: Db): Promise<number> {
  const handle = conn ?? (await db());
  const rows = rowsOf<{ id: string }>(
    await handle.execute(sql`
      delete from events
      where id in (
        select e.id from events e
        where e.created_at < ${before.toISOString()}::timestamptz
          and not exists (select 1 from deliveries d where d.event_id = e.id)
        limit ${limit}::int
        for update skip locked
      )
      returning id`),
  );
  return rows.length;
}
