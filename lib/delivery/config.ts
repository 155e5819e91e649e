import "server-only";
import { RATE_LIMITS, type RateLimits } from "@/lib/domain/rate-windows";
import { appBaseUrl, env } from "@/lib/env";
import packageJson from "@/package.json";
import { parseSchedule, type Schedule } from "./schedule";

/** Everything the engine needs to know, read once from the environment and overridable per worker (tests). */
export type DeliveryConfig = {
  /** Delays before each attempt, in ms; its length is the number of attempts. */
  schedule: Schedule;
  /**
   * In-flight sends per worker (the shared pool), 256 by default: a send holds its slot until its result is
   * written, so a pool this size keeps a fast receiver busy while the database round trips of claims and
   * results overlap; a hanging URL holds at most the per-webhook cap of it until its timeout.
   */
  concurrency: number;
  /**
   * In-flight sends per webhook, across workers (exact for one worker; see claim in lib/delivery/claim.ts);
   * 4 by default: it bounds what one slow endpoint takes of the pool and how hard a customer's endpoint is hit.
   * With many webhooks (100 apps × 3 × 4 = 1,200) the pool, not this cap, bounds a drain.
   */
  perWebhookConcurrency: number;
  /** How long a claimed row belongs to its worker; must outlast the total timeout. */
  leaseMs: number;
  /** Fallback poll interval; new work normally wakes the worker through LISTEN/NOTIFY. */
  pollMs: number;
  connectTimeoutMs: number;
  totalTimeoutMs: number;
  allowPrivateTargets: boolean;
  /** The dashboard's public URL, for links in payloads. */
  baseUrl: string;
  userAgent: string;
  /**
   * Most rows claimed by one statement: 128 by default. A claim's fixed cost (a scan over the webhooks with
   * unfinished rows) is paid per statement, so a backlog is claimed in large batches; the worker claims again
   * once a quarter of this is free (or nothing is in flight), and a lone event is still claimed at once.
   */
  claimBatch: number;
  /** Chat robots' rate limits by webhook type. */
  rateLimits: RateLimits;
  /**
   * The clock of attempts (their recorded time, signing timestamps) and of the robots' rate limiter, in ms;
   * Date.now by default. Tests inject a faster one so that minutes of rate limiting take seconds.
   */
  clock: () => number;
};

export const USER_AGENT = `AppHooks/${packageJson.version}`;

/** The delivery settings from the environment (lib/env.ts), with `overrides` applied. */
export function deliveryConfig(overrides: Partial<DeliveryConfig> = {}): DeliveryConfig {
  const e = env();
  const config: DeliveryConfig = {
    schedule: parseSchedule(e.DELIVERY_RETRY_SCHEDULE),
    concurrency: e.DELIVERY_CONCURRENCY,
    perWebhookConcurrency: e.DELIVERY_PER_WEBHOOK_CONCURRENCY,
    leaseMs: e.DELIVERY_LEASE_MS,
    pollMs: e.DELIVERY_POLL_MS,
    connectTimeoutMs: e.DELIVERY_CONNECT_TIMEOUT_MS,
    totalTimeoutMs: e.DELIVERY_TOTAL_TIMEOUT_MS,
    allowPrivateTargets: e.WEBHOOK_ALLOW_PRIVATE_TARGETS,
    baseUrl: appBaseUrl(),
    userAgent: USER_AGENT,
    claimBatch: 128,
    rateLimits: RATE_LIMITS,
    clock: Date.now,
    ...overrides,
  };
  if (config.schedule.length === 0) throw new Error("The retry schedule needs at least one attempt");
  if (config.leaseMs <= config.totalTimeoutMs) {
    // A lease that ends while the request may still be running lets another worker send the row again.
    throw new Error(
      `DELIVERY_LEASE_MS (${config.leaseMs}) must be longer than DELIVERY_TOTAL_TIMEOUT_MS (${config.totalTimeoutMs})`,
    );
  }
  return config;
}
