/**
 * Runs once when the server starts: checks the environment (exits naming each missing or malformed variable),
 * applies migrations, seeds the demo account where enabled, and starts the
 * in-process delivery worker and its maintenance loop (automatic disable, retention) unless DELIVERY_WORKER=off
 * (then `npm run worker` does both).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { env } = await import("@/lib/env");
  try {
    env();
  } catch (error) {
    // A server that cannot read its settings must not start serving 500s: say what is wrong and stop.
    console.error(`[apphooks] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  const { database, workerDatabase } = await import("@/lib/db/client");
  const { kind } = await database();
  console.log(
    `[apphooks] database ready (${kind === "pglite" ? `PGlite in ${env().PGLITE_DIR}` : "Postgres"})`,
  );
  if (env().SEED_DEMO) {
    const { ensureDemoAccount } = await import("@/lib/demo/demo-account");
    await ensureDemoAccount();
  }
  if (env().DELIVERY_WORKER === "on") {
    // Once per process, even if register() runs again (dev server reloads).
    const holder = globalThis as typeof globalThis & {
      __apphooksWorker?: { id: string };
      __apphooksMaintenance?: { stop(): Promise<void> };
    };
    if (!holder.__apphooksWorker) {
      const { startWorker } = await import("@/lib/delivery/worker");
      holder.__apphooksWorker = startWorker({ database: await workerDatabase() });
      console.log(`[apphooks] delivery worker ${holder.__apphooksWorker.id} started in the server process`);
    }
    // Beside the worker, every minute: automatic disable of failing webhooks, and retention.
    if (!holder.__apphooksMaintenance) {
      const { startMaintenance } = await import("@/lib/delivery/maintenance");
      holder.__apphooksMaintenance = startMaintenance({ database: await database() });
    }
  }
}
