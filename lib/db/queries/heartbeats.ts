import "server-only";
import { desc, eq, sql } from "drizzle-orm";
import { type Db, db } from "../client";
import { type WorkerHeartbeat, workerHeartbeats } from "../schema";

/** A worker's heartbeat is fresh while it was seen within this many of its own intervals. */
export const FRESH_INTERVALS = 3;

/** A worker that reported recently, as readiness and metrics show it. */
export type LiveWorker = Pick<WorkerHeartbeat, "workerId" | "kind" | "host" | "pid" | "intervalMs"> & {
  /** How long ago it last reported, ms (on the database's clock). */
  seenMsAgo: number;
};

/** Records that a worker is alive now (its first call also records when it started). */
export async function beat(
  worker: Pick<WorkerHeartbeat, "workerId" | "kind" | "host" | "pid" | "intervalMs">,
  conn?: Db,
): Promise<void> {
  const handle = conn ?? (await db());
  await handle
    .insert(workerHeartbeats)
    .values(worker)
    .onConflictDoUpdate({
      target: workerHeartbeats.workerId,
      set: { seenAt: sql`now()`, intervalMs: worker.intervalMs },
    });
}

/** Forgets a worker (it stopped cleanly). */
export async function forgetWorker(workerId: string, conn?: Db): Promise<void> {
  const handle = conn ?? (await db());
  await handle.delete(workerHeartbeats).where(eq(workerHeartbeats.workerId, workerId));
}

/** Forgets workers silent for a day (crashed ones never delete their row). Returns how many. */
export async function forgetSilentWorkers(conn?: Db): Promise<number> {
  const handle = conn ?? (await db());
  const gone = await handle
    .delete(workerHeartbeats)
    .where(sql`${workerHeartbeats.seenAt} < now() - interval '1 day'`)
    .returning({ workerId: workerHeartbeats.workerId });
  return gone.length;
}

/** The workers whose heartbeat is fresh, most recent first. */
export async function liveWorkers(conn?: Db): Promise<LiveWorker[]> {
  const handle = conn ?? (await db());
  return handle
    .select({
      workerId: workerHeartbeats.workerId,
      kind: workerHeartbeats.kind,
      host: workerHeartbeats.host,
      pid: workerHeartbeats.pid,
      intervalMs: workerHeartbeats.intervalMs,
      seenMsAgo: sql<number>`greatest(0, round(extract(epoch from now() - ${workerHeartbeats.seenAt}) * 1000))::int`,
    })
    .from(workerHeartbeats)
    .where(
      sql`${workerHeartbeats.seenAt} > now() - ${FRESH_INTERVALS}::int * ${workerHeartbeats.intervalMs} * interval '1 millisecond'`,
    )
    .orderBy(desc(workerHeartbeats.seenAt));
}
