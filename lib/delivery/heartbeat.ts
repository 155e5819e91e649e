import "server-only";
import { hostname } from "node:os";
import type { Database } from "@/lib/db/client";
import { beat, forgetSilentWorkers, forgetWorker } from "@/lib/db/queries/heartbeats";
import type { WorkerHeartbeat } from "@/lib/db/schema";
import { logError } from "@/lib/log-error";

export type Heartbeat = {
  /** Stops beating and deletes the worker's row: from then on no readiness check counts it. */
  stop(): Promise<void>;
};

/** How often a worker reports: its poll interval, between 1 and 5 seconds. */
export function heartbeatInterval(pollMs: number): number {
  return Math.min(Math.max(pollMs, 1000), 5000);
}

/**
 * Records a worker's heartbeat now and then every `intervalMs` (lib/db/queries/heartbeats.ts) until stopped;
 * resolves once the first one is written. A failed beat is logged and the next one tries again (a worker that
 * cannot reach the database is rightly not fresh). Also forgets workers silent for a day.
 */
export async function startHeartbeat(options: {
  database: Database;
  workerId: string;
  kind: WorkerHeartbeat["kind"];
  intervalMs: number;
}): Promise<Heartbeat> {
  const { database, workerId, kind, intervalMs } = options;
  const row = { workerId, kind, host: hostname(), pid: process.pid, intervalMs };
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let beating: Promise<void> = Promise.resolve();

  const once = () => {
    beating = beat(row, database.db).catch((error) => logError("heartbeat", error, { workerId }));
    return beating;
  };
  const next = () => {
    if (stopped) return;
    timer = setTimeout(() => void once().then(next), intervalMs);
    timer.unref?.();
  };
  await forgetSilentWorkers(database.db).catch((error) => logError("heartbeat", error));
  await once();
  next();

  return {
    async stop() {
      if (stopped) return;
      stopped = true;
      if (timer) clearTimeout(timer);
      await beating;
      await forgetWorker(workerId, database.db).catch((error) => logError("heartbeat", error, { workerId }));
    },
  };
}
