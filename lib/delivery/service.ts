import "server-only";
import type { Database } from "@/lib/db/client";
import type { WorkerHeartbeat } from "@/lib/db/schema";
import { log } from "@/lib/observability/log";
import { deliveryConfig } from "./config";
import { heartbeatInterval, startHeartbeat } from "./heartbeat";
import { startMaintenance } from "./maintenance";
import { startWorker } from "./worker";

export type DeliveryService = {
  workerId: string;
  /** The worker's database (its owner closes it after stop()). */
  database: Database;
  /**
   * Stops the heartbeat (readiness stops counting this worker at once), then stops claiming, waits for the
   * sends in flight and their results (each send ends within DELIVERY_TOTAL_TIMEOUT_MS, inside its lease), and
   * stops the maintenance loop.
   */
  stop(): Promise<void>;
};

/**
 * What every long-running delivery process runs (docs/architecture.md#processes): the delivery worker, its
 * heartbeat, and the maintenance loop (automatic disable, retention). `kind` says where: inside the web
 * server (instrumentation.ts) or standalone (`npm run worker`).
 */
export async function startDeliveryService(options: {
  kind: WorkerHeartbeat["kind"];
  /** The worker's database (on Postgres in the web server, a pool of its own). */
  database: Database;
  /** The maintenance loop's database; the worker's by default. */
  maintenanceDatabase?: Database;
}): Promise<DeliveryService> {
  const { kind, database } = options;
  const worker = startWorker({ database });
  const workerId = worker.id;
  const heartbeat = await startHeartbeat({
    database,
    workerId,
    kind,
    intervalMs: heartbeatInterval(deliveryConfig().pollMs),
  });
  const maintenance = startMaintenance({ database: options.maintenanceDatabase ?? database });
  const where = kind === "server" ? "in the server process" : "as a standalone process";
  log.info(
    { workerId, kind, database: database.kind },
    `delivery worker ${workerId} started ${where} (${database.kind === "pglite" ? "PGlite" : "Postgres"})`,
  );
  let stopping: Promise<void> | undefined;
  return {
    workerId,
    database,
    stop() {
      stopping ??= (async () => {
        log.info({ workerId }, "delivery worker stopping: no new claims, finishing the deliveries in flight");
        await heartbeat.stop();
        await Promise.all([worker.stop(), maintenance.stop()]);
        log.info({ workerId }, "delivery worker stopped");
      })();
      return stopping;
    },
  };
}

// The service inside a web server: once per process, even if register() runs again (dev server reloads); on
// globalThis, which instrumentation.ts and the routes' bundles share (readiness reads it).
const holder = globalThis as typeof globalThis & { __apphooksService?: Promise<DeliveryService> };

/** Starts the web server's own delivery service, once per process; later calls return the first one. */
export function startServerService(start: () => Promise<DeliveryService>): Promise<DeliveryService> {
  holder.__apphooksService ??= start();
  holder.__apphooksService.catch(() => {
    holder.__apphooksService = undefined;
  });
  return holder.__apphooksService;
}

/** The delivery service of this web server process, if it runs one (DELIVERY_WORKER=on). */
export function serverService(): Promise<DeliveryService> | undefined {
  return holder.__apphooksService;
}
