import "server-only";
import { attemptCounts, attemptHealth } from "@/lib/db/queries/webhook-health";
import type { Webhook } from "@/lib/db/schema";
import { FAILING_WARNING_AFTER } from "@/lib/domain/alerts";
import type { DisabledFacts } from "@/lib/domain/disabled-facts";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export type HealthRange = "24h" | "7d";

/** The two periods health is shown for: the last 24 hours by hour, the last 7 days by day. */
export const HEALTH_RANGES: Record<
  HealthRange,
  { durationMs: number; bucketMs: number; bucket: "hour" | "day" }
> = {
  "24h": { durationMs: DAY_MS, bucketMs: HOUR_MS, bucket: "hour" },
  "7d": { durationMs: 7 * DAY_MS, bucketMs: DAY_MS, bucket: "day" },
};

export type HealthBucket = { start: Date; succeeded: number; failed: number; p95Ms: number | null };

/** A webhook's attempts over a period: success rate, latency percentiles, and buckets for a chart. */
export type WebhookHealthReport = {
  range: HealthRange;
  since: Date;
  until: Date;
  attempts: number;
  succeeded: number;
  failed: number;
  /** succeeded / attempts, in [0, 1]; null without attempts. */
  successRate: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
  /** Every bucket of the period, oldest first (24 hours or 7 days), empty ones included. */
  buckets: HealthBucket[];
};

/**
 * The health of a webhook over the last 24 hours or 7 days before `now`. The caller has checked that the user
 * may see the webhook (any member of its team may).
 */
export async function webhookHealth(
  webhookId: string,
  range: HealthRange,
  now = new Date(),
): Promise<WebhookHealthReport> {
  const { durationMs, bucketMs } = HEALTH_RANGES[range];
  const since = new Date(now.getTime() - durationMs);
  const { totals, buckets } = await attemptHealth(webhookId, { since, until: now, bucketMs });
  const attempts = totals.succeeded + totals.failed;
  return {
    range,
    since,
    until: now,
    attempts,
    succeeded: totals.succeeded,
    failed: totals.failed,
    successRate: attempts > 0 ? totals.succeeded / attempts : null,
    p50Ms: totals.p50Ms,
    p95Ms: totals.p95Ms,
    buckets: Array.from({ length: Math.round(durationMs / bucketMs) }, (_, index) => {
      const stats = buckets.get(index);
      return {
        start: new Date(since.getTime() + index * bucketMs),
        succeeded: stats?.succeeded ?? 0,
        failed: stats?.failed ?? 0,
        p95Ms: stats?.p95Ms ?? null,
      };
    }),
  };
}

export { FAILING_WARNING_AFTER };

/** What the webhook list shows of a webhook's health. */
export type WebhookStanding = {
  /** Attempts of the last 24 hours and how many succeeded. */
  last24h: { attempts: number; succeeded: number };
  /** Set while it has failed FAILING_WARNING_AFTER times or more in a row. */
  failing: { count: number; since: Date } | null;
  /** Set when the automatic disable turned it off. */
  autoDisabled: { reason: string; facts: DisabledFacts | null; at: Date | null } | null;
};

/** The standing of each of an app's webhooks (by id), from their counters and one query over 24 hours. */
export async function webhookStandings(
  webhooks: Webhook[],
  now = new Date(),
): Promise<Record<string, WebhookStanding>> {
  const counts = await attemptCounts(
    webhooks.map((webhook) => webhook.id),
    { since: new Date(now.getTime() - DAY_MS), until: now },
  );
  const standings: Record<string, WebhookStanding> = {};
  for (const webhook of webhooks) {
    const failing =
      webhook.consecutiveFailures >= FAILING_WARNING_AFTER && webhook.failingSince
        ? { count: webhook.consecutiveFailures, since: webhook.failingSince }
        : null;
    standings[webhook.id] = {
      last24h: counts.get(webhook.id) ?? { attempts: 0, succeeded: 0 },
      failing,
      autoDisabled:
        !webhook.enabled && webhook.disabledReason
          ? { reason: webhook.disabledReason, facts: webhook.disabledFacts, at: webhook.disabledAt }
          : null,
    };
  }
  return standings;
}
