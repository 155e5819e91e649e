import "server-only";
import { log } from "./log";

/** What observeAttempt reads of a claimed delivery and of its attempt's result. */
type Attempted = { id: string; eventId: string; webhookId: string; target: { type: string } };
type Outcome = {
  attempt: number;
  durationMs: number;
  responseStatus: number | null;
  next: { status: "succeeded" | "failed" | "pending" };
};

export type AttemptOutcome = "succeeded" | "retry" | "failed";

/** Counts an attempt into the process's metrics: set by lib/observability/metrics.ts once they exist. */
type Observer = (webhookType: string, outcome: AttemptOutcome, seconds: number) => void;

// On globalThis: the worker (instrumentation.ts's bundle) and the metrics route are bundled apart.
const holder = globalThis as typeof globalThis & { __apphooksAttemptObserver?: Observer };

/** Makes every later attempt count into `observer` (the process's metrics). */
export function observeAttemptsWith(observer: Observer): void {
  holder.__apphooksAttemptObserver = observer;
}

/**
 * Records one attempt made by this process's worker: a debug line with the delivery's ids, a warning when the
 * delivery has failed for good, and its duration in the latency histogram when this process keeps metrics (a
 * web server does; a standalone worker serves none, so it loads none). Returns the result unchanged.
 */
export function observeAttempt<R extends Outcome>(row: Attempted, result: R): R {
  const outcome: AttemptOutcome = result.next.status === "pending" ? "retry" : result.next.status;
  holder.__apphooksAttemptObserver?.(row.target.type, outcome, result.durationMs / 1000);
  const fields = {
    deliveryId: row.id,
    eventId: row.eventId,
    webhookId: row.webhookId,
    attempt: result.attempt,
    responseStatus: result.responseStatus,
    ms: Math.round(result.durationMs),
    outcome,
  };
  if (outcome === "failed") log.warn(fields, "delivery failed for good");
  else log.debug(fields, "delivery attempt");
  return result;
}
