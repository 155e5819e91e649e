/** Runs once when the server starts: applies migrations, then seeds the demo account where enabled. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { database } = await import("@/lib/db/client");
  const { env } = await import("@/lib/env");
  const { kind } = await database();
  console.log(
    `[apphooks] database ready (${kind === "pglite" ? `PGlite in ${env().PGLITE_DIR}` : "Postgres"})`,
  );
  if (env().SEED_DEMO) {
    const { ensureDemoAccount } = await import("@/lib/accounts/demo");
    await ensureDemoAccount();
  }
}
