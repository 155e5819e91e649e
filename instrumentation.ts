/**
 * Runs once when the server starts: checks the environment (exits naming each missing or malformed variable),
 * applies migrations, seeds the demo account where enabled, starts the in-process delivery service (worker,
 * heartbeat, maintenance loop) unless DELIVERY_WORKER=off (then `npm run worker` runs it), and takes over
 * SIGTERM/SIGINT for a graceful shutdown (docs/operations.md#shutdown).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { env } = await import("@/lib/env");
  const { log } = await import("@/lib/observability/log");
  try {
    env();
  } catch (error) {
    // A server that cannot read its settings must not start serving 500s: say what is wrong and stop.
    log.fatal(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
  const { database, workerDatabase } = await import("@/lib/db/client");
  const handle = await database();
  log.info(
    { database: handle.kind },
    `database ready (${handle.kind === "pglite" ? `PGlite in ${env().PGLITE_DIR}` : "Postgres"})`,
  );
  if (env().SEED_DEMO) {
    const { ensureDemoAccount } = await import("@/lib/demo/demo-account");
    await ensureDemoAccount();
  }
  // The web server serves /api/metrics: its attempt histogram counts from the first attempt.
  const { startMetrics } = await import("@/lib/observability/metrics");
  startMetrics();
  const { startDeliveryService, startServerService } = await import("@/lib/delivery/service");
  const service =
    env().DELIVERY_WORKER === "on"
      ? await startServerService(async () =>
          startDeliveryService({
            kind: "server",
            database: await workerDatabase(),
            maintenanceDatabase: handle,
          }),
        )
      : null;

  const { exitGracefullyOn } = await import("@/lib/observability/shutdown");
  const { refuseNewRequests, requestsSettled } = await import("@/lib/observability/request-context");
  exitGracefullyOn(
    async () => {
      // Readiness answers 503 from now on (load balancers stop sending); requests are served meanwhile.
      await service?.stop();
      // Then new API requests get 503 (retry elsewhere), and those in flight finish.
      refuseNewRequests();
      const left = await requestsSettled(5000);
      if (left > 0) log.warn({ requests: left }, `${left} API requests still in flight: closing anyway`);
      if (service && service.database !== handle) await service.database.close();
      await handle.close();
    },
    // The sends in flight end within the total timeout, inside their lease: the lease bounds the wait.
    { deadlineMs: env().DELIVERY_LEASE_MS + 10_000 },
  );
}
