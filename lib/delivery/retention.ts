import "server-only";
import type { Db } from "@/lib/db/client";
import { purgeAuditEntries } from "@/lib/db/queries/audit";
import { purgeDeliveries, purgeEvents } from "@/lib/db/queries/retention";
import { purgeRobotWindows } from "@/lib/db/queries/robot-windows";
import { purgeTestInboxes } from "@/lib/db/queries/test-inboxes";
import { AUDIT_RETENTION_DAYS } from "@/lib/domain/audit";
import { INBOX_LIMITS } from "@/lib/domain/test-inbox";
import { env } from "@/lib/env";

const DAY_MS = 24 * 3_600_000;

export type RetentionOptions = {
  /** The clock: rows older than now − retentionMs go. */
  now: Date;
  /** How long deliveries are kept (DELIVERY_RETENTION_DAYS, 30 days by default). */
  retentionMs: number;
  /** Rows per statement: small, so that no statement holds locks or the disk for long. */
  batchSize?: number;
  /** Pause between two statements, in ms: leaves room for the engine's own work. */
  pauseMs?: number;
  /** Stops between batches (the maintenance loop is stopping). */
  signal?: AbortSignal;
};

export type PurgeCounts = {
  deliveries: number;
  events: number;
  /** Audit log entries older than AUDIT_RETENTION_DAYS (one year), whatever `retentionMs` says. */
  auditEntries: number;
  robotWindows: number;
  /** Test inbox requests older than a day, and the inboxes of that age no webhook targets. */
  testInboxes: number;
  /** Delete statements run. */
  batches: number;
};

/** The retention window from the environment. */
export function retentionMs(): number {
  return env().DELIVERY_RETENTION_DAYS * DAY_MS;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref?.());

/**
 * Retention (docs/delivery.md#retention): purges finished deliveries older than the window, with their attempts (request and
 * response bodies), then the events older than the window that have no delivery left, in batches of
 * `batchSize` rows with a short pause between; then the audit log's entries older than a year
 * (docs/audit.md#retention), the same way; then robots' rate-limit windows not used for a day, and test inboxes'
 * requests older than a day with the inboxes no webhook targets (docs/delivery.md#test-inbox). Pending and
 * sending deliveries are never purged: acknowledged work is always delivered. Returns what it removed.
 */
export async function purgeExpired(options: RetentionOptions, conn?: Db): Promise<PurgeCounts> {
  const { batchSize = 500, pauseMs = 50, signal } = options;
  const before = new Date(options.now.getTime() - options.retentionMs);
  const auditBefore = new Date(options.now.getTime() - AUDIT_RETENTION_DAYS * DAY_MS);
  const counts: PurgeCounts = {
    deliveries: 0,
    events: 0,
    auditEntries: 0,
    robotWindows: 0,
    testInboxes: 0,
    batches: 0,
  };
  for (const [key, purge, cutoff] of [
    ["deliveries", purgeDeliveries, before],
    ["events", purgeEvents, before],
    ["auditEntries", purgeAuditEntries, auditBefore],
  ] as const) {
    for (;;) {
      if (signal?.aborted) return counts;
      const removed = await purge(cutoff, batchSize, conn);
      counts.batches++;
      counts[key] += removed;
      if (removed < batchSize) break;
      if (pauseMs > 0) await pause(pauseMs);
    }
  }
  counts.robotWindows = await purgeRobotWindows(conn);
  counts.testInboxes = await purgeTestInboxes(new Date(options.now.getTime() - INBOX_LIMITS.keepMs), conn);
  return counts;
}
