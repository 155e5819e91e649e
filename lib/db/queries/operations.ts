import "server-only";
import type { Database } from "../client";

/** One round trip to the database. */
export async function ping(database: Database): Promise<void> {
  await database.query("select 1", []);
}

/** The migrations the database has applied: how many, and the journal time (`when`) of the latest. */
export async function appliedMigrations(
  database: Database,
): Promise<{ count: number; latest: number | null }> {
  const [row] = await database.query<{ count: number; latest: string | number | null }>(
    "select count(*)::int as count, max(created_at) as latest from drizzle.__drizzle_migrations",
    [],
  );
  return { count: row?.count ?? 0, latest: row?.latest == null ? null : Number(row.latest) };
}

/** Unfinished deliveries of one status and webhook type (the type the delivery was snapshotted with). */
export type BacklogRow = {
  status: "pending" | "sending";
  webhook_type: string;
  deliveries: number;
  /** Of those, due now: pending and due, or sending with an expired lease (claimable again). */
  due: number;
  /** Seconds since the oldest due one became due; null when none is due. */
  oldest_due_seconds: number | null;
};

/**
 * The unfinished deliveries by status and webhook type, in one statement over the rows the claim's partial
 * index covers (status pending or sending): its cost grows with the backlog, not with the finished rows kept
 * for retention.
 */
export async function deliveryBacklog(database: Database): Promise<BacklogRow[]> {
  return database.query<BacklogRow>(
    `select d.status::text as status, coalesce(d.target->>'type', 'unknown') as webhook_type,
            count(*)::int as deliveries,
            count(*) filter (where ${DUE})::int as due,
            extract(epoch from now() - min(d.next_attempt_at) filter (where ${DUE}))::float8 as oldest_due_seconds
     from deliveries d
     where d.status in ('pending', 'sending')
     group by 1, 2`,
    [],
  );
}

// As the claim reads it (lib/db/queries/deliveries.ts): waiting for an attempt, or its worker's lease is over.
const DUE = "d.next_attempt_at <= now() and (d.status = 'pending' or d.locked_until <= now())";

/** Chat robots that may not be sent to right now: their rate window is full, or their service asked for a pause. */
export async function robotsWaiting(database: Database): Promise<number> {
  const [row] = await database.query<{ waiting: number }>(
    "select count(*)::int as waiting from robot_send_windows where free_at > now()",
    [],
  );
  return row?.waiting ?? 0;
}
