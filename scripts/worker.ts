/**
 * `npm run worker`: a standalone delivery worker (for deployments that run web and workers separately; set
 * DELIVERY_WORKER=off on the web servers then). Opens the database from the environment, applies migrations,
 * and runs the delivery service (worker, heartbeat, maintenance loop: automatic disable, retention) until
 * SIGTERM/SIGINT; then it stops claiming, finishes the sends in flight, closes the database and exits 0
 * (docs/operations.md#shutdown).
 */
import { database } from "@/lib/db/client";
import { startDeliveryService } from "@/lib/delivery/service";
import { env } from "@/lib/env";
import { logError } from "@/lib/log-error";
import { exitGracefullyOn } from "@/lib/observability/shutdown";

async function main(): Promise<void> {
  const handle = await database();
  const service = await startDeliveryService({ kind: "standalone", database: handle });
  exitGracefullyOn(
    async () => {
      await service.stop();
      await handle.close();
    },
    // The sends in flight end within the total timeout, inside their lease: the lease bounds the wait.
    { deadlineMs: env().DELIVERY_LEASE_MS + 10_000 },
  );
}

main().catch((error) => {
  logError("worker", error);
  process.exit(1);
});
