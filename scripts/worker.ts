/**
 * `npm run worker`: a standalone delivery worker (for deployments that run web and workers separately; set
 * DELIVERY_WORKER=off on the web servers then). Opens the database from the environment, applies migrations,
 * delivers (and runs the maintenance loop: automatic disable, retention) until SIGTERM/SIGINT, then finishes
 * the sends in flight and exits.
 */
import { database } from "@/lib/db/client";
import { startMaintenance } from "@/lib/delivery/maintenance";
import { startWorker } from "@/lib/delivery/worker";
import { logError } from "@/lib/log-error";

async function main(): Promise<void> {
  const handle = await database();
  const worker = startWorker({ database: handle });
  // Every minute: automatic disable of failing webhooks, and retention.
  const maintenance = startMaintenance({ database: handle });
  console.log(
    `[apphooks] delivery worker ${worker.id} started (${handle.kind === "pglite" ? "PGlite" : "Postgres"})`,
  );
  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) {
      console.log(`[apphooks] ${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    console.log(`[apphooks] ${signal}: finishing the deliveries in flight…`);
    try {
      await Promise.all([worker.stop(), maintenance.stop()]);
      await handle.close();
      console.log("[apphooks] delivery worker stopped");
      process.exit(0);
    } catch (error) {
      logError("worker", error);
      process.exit(1);
    }
  };
  process.on("SIGTERM", (signal) => void shutdown(signal));
  process.on("SIGINT", (signal) => void shutdown(signal));
}

main().catch((error) => {
  logError("worker", error);
  process.exit(1);
});
