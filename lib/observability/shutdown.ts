import "server-only";
import { logError } from "@/lib/log-error";
import { log } from "./log";

// On globalThis: readiness (a route's bundle) reads what instrumentation.ts's handler set.
const holder = globalThis as typeof globalThis & { __apphooksShutdown?: { since: number | null } };
holder.__apphooksShutdown ??= { since: null };
const state = holder.__apphooksShutdown;

/** Whether this process has received SIGTERM/SIGINT and is shutting down (readiness then answers 503). */
export function shuttingDown(): boolean {
  return state.since !== null;
}

/**
 * Makes SIGTERM and SIGINT run `shutdown` once, then exit 0 — or 1 when it failed or did not finish within
 * `deadlineMs`; a second signal exits 1 at once. Replaces the listeners installed before it: in `next start`
 * those are Next.js's own, which exit (143) as soon as the HTTP server has closed, without waiting for the
 * delivery worker's sends in flight (docs/operations.md#shutdown).
 */
export function exitGracefullyOn(shutdown: () => Promise<void>, options: { deadlineMs: number }): void {
  const onSignal = (signal: NodeJS.Signals) => {
    if (state.since !== null) {
      log.warn({ signal }, `${signal} again: exiting now`);
      process.exit(1);
    }
    state.since = Date.now();
    log.info({ signal, deadlineMs: options.deadlineMs }, `${signal}: shutting down`);
    const deadline = setTimeout(() => {
      log.error({ signal }, `shutdown did not finish within ${options.deadlineMs} ms: exiting`);
      process.exit(1);
    }, options.deadlineMs);
    deadline.unref();
    shutdown().then(
      () => {
        log.info({ ms: Date.now() - (state.since ?? Date.now()) }, "shut down");
        process.exit(0);
      },
      (error: unknown) => {
        logError("shutdown", error);
        process.exit(1);
      },
    );
  };
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.removeAllListeners(signal);
    process.on(signal, onSignal);
  }
}
