import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { deliveries, deliveryAttempts, webhooks } from "@/lib/db/schema";
import { formatLatency, formatRate } from "@/lib/format";
import { dbTargets, useTestDatabase } from "@/test/databases";
import { emitSample } from "@/test/event-fixtures";
import { insertWebhook, makeTeamWithApp, type TeamWithApp } from "@/test/factories";
import { webhookHealth, webhookStandings } from "./health";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe("formatRate and formatLatency", () => {
  test("a rate is rounded down, so one failure never reads 100%", () => {
    expect(formatRate(1)).toBe("100%");
    expect(formatRate(0.999)).toBe("99.9%");
    expect(formatRate(9999 / 10000)).toBe("99.9%");
    expect(formatRate(0.8)).toBe("80%");
    expect(formatRate(0)).toBe("0%");
    expect(formatRate(null)).toBe("—");
    expect(formatLatency(954.6)).toBe("955 ms");
    expect(formatLatency(2400)).toBe("2.4 s");
    expect(formatLatency(null)).toBe("—");
  });
});

describe.each(dbTargets())("webhook health (%s)", (kind) => {
  useTestDatabase(kind);
  let context: TeamWithApp;
  // A fixed clock, on a whole second.
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);

  beforeAll(async () => {
    context = await makeTeamWithApp("owner");
  });

  const hook = async () =>
    (await insertWebhook(context.app.id, "https://receiver.example.test/health")).row.id;

  /** Records attempts of a delivery of `webhookId`: [ms before now, duration, failed]. */
  async function attempts(webhookId: string, list: Array<[number, number, boolean]>) {
    const event = await emitSample("feedback", { teamId: context.team.id, app: context.app });
    const [delivery] = await (await db())
      .select({ id: deliveries.id })
      .from(deliveries)
      .where(eq(deliveries.eventId, event.id))
      .limit(1);
    if (!delivery) throw new Error("no delivery");
    await (await db()).insert(deliveryAttempts).values(
      list.map(([ago, durationMs, failed], index) => ({
        deliveryId: delivery.id,
        webhookId,
        attempt: index + 1,
        startedAt: new Date(now.getTime() - ago),
        durationMs,
        requestUrl: "https://receiver.example.test/health",
        requestHeaders: {},
        requestBody: "{}",
        responseStatus: failed ? 500 : 200,
        error: failed ? "HTTP 500" : null,
      })),
    );
  }

  test("success rate, p50 and p95 over 24 hours and 7 days, in hourly and daily buckets", async () => {
    const id = await hook();
    const other = await hook();
    // In the last hour: 100…600 ms, the 300 ms one failed. 23.5 hours ago: 700…1000 ms, the 1000 ms one failed.
    await attempts(id, [
      [30 * MINUTE, 100, false],
      [30 * MINUTE, 200, false],
      [30 * MINUTE, 300, true],
      [20 * MINUTE, 400, false],
      [20 * MINUTE, 500, false],
      [10 * MINUTE, 600, false],
      [23 * HOUR + 30 * MINUTE, 700, false],
      [23 * HOUR + 30 * MINUTE, 800, false],
      [23 * HOUR + 30 * MINUTE, 900, false],
      [23 * HOUR + 30 * MINUTE, 1000, true],
      // Two days and an hour ago: only in the 7 days.
      [2 * DAY + HOUR, 5000, true],
      // Out of both periods: eight days ago, and after `now`.
      [8 * DAY, 10, false],
      [-MINUTE, 10, false],
    ]);
    // Another webhook's attempts do not count.
    await attempts(other, [[5 * MINUTE, 9999, true]]);

    const day = await webhookHealth(id, "24h", now);
    expect(day).toMatchObject({ attempts: 10, succeeded: 8, failed: 2, successRate: 0.8 });
    // percentile_cont over 100…1000: p50 halfway between 500 and 600, p95 at 8.55 → 900 + 0.55 × 100.
    expect(day.p50Ms).toBeCloseTo(550, 6);
    expect(day.p95Ms).toBeCloseTo(955, 6);
    expect(day.buckets).toHaveLength(24);
    expect(day.buckets[0]).toMatchObject({ start: new Date(now.getTime() - DAY), succeeded: 3, failed: 1 });
    expect(day.buckets[0]?.p95Ms).toBeCloseTo(985, 6); // 700…1000: 2.85 → 900 + 0.85 × 100
    expect(day.buckets[23]).toMatchObject({ start: new Date(now.getTime() - HOUR), succeeded: 5, failed: 1 });
    expect(day.buckets[23]?.p95Ms).toBeCloseTo(575, 6); // 100…600: 4.75 → 500 + 0.75 × 100
    expect(day.buckets.slice(1, 23).every((b) => b.succeeded + b.failed === 0 && b.p95Ms === null)).toBe(
      true,
    );

    const week = await webhookHealth(id, "7d", now);
    expect(week).toMatchObject({ attempts: 11, succeeded: 8, failed: 3 });
    expect(week.successRate).toBeCloseTo(8 / 11, 10);
    expect(week.p50Ms).toBeCloseTo(600, 6); // 11 values: the 6th, 600
    expect(week.p95Ms).toBeCloseTo(3000, 6); // 9.5 → 1000 + 0.5 × 4000
    expect(week.buckets).toHaveLength(7);
    expect(week.buckets.map((b) => b.succeeded + b.failed)).toEqual([0, 0, 0, 0, 1, 0, 10]);
    expect(week.buckets[4]).toMatchObject({ failed: 1, p95Ms: 5000 });
  });

  test("a webhook without attempts has no rate and empty buckets", async () => {
    const id = await hook();
    const day = await webhookHealth(id, "24h", now);
    expect(day).toMatchObject({ attempts: 0, successRate: null, p50Ms: null, p95Ms: null });
    expect(day.buckets.every((b) => b.succeeded === 0 && b.failed === 0)).toBe(true);
  });

  test("the list's standing: 24-hour counts, a warning from three failures in a row, an automatic disable", async () => {
    const healthy = await hook();
    const failing = await hook();
    const off = await hook();
    await attempts(healthy, [
      [HOUR, 120, false],
      [2 * HOUR, 80, true],
      [2 * DAY, 80, true],
    ]);
    const since = new Date(now.getTime() - 3 * HOUR);
    const database = await db();
    await database
      .update(webhooks)
      .set({ consecutiveFailures: 2, failingSince: since })
      .where(eq(webhooks.id, healthy));
    await database
      .update(webhooks)
      .set({ consecutiveFailures: 3, failingSince: since })
      .where(eq(webhooks.id, failing));
    await database
      .update(webhooks)
      .set({
        enabled: false,
        disabledReason: "Turned off automatically…",
        disabledFacts: { failures: 12, since: since.toISOString(), last: "HTTP 500" },
        disabledAt: now,
      })
      .where(eq(webhooks.id, off));
    const rows = await database.select().from(webhooks).where(eq(webhooks.appId, context.app.id));
    const standings = await webhookStandings(
      rows.filter((row) => [healthy, failing, off].includes(row.id)),
      now,
    );
    expect(standings[healthy]).toEqual({
      last24h: { attempts: 2, succeeded: 1 },
      failing: null,
      autoDisabled: null,
    });
    expect(standings[failing]).toEqual({
      last24h: { attempts: 0, succeeded: 0 },
      failing: { count: 3, since },
      autoDisabled: null,
    });
    expect(standings[off]?.autoDisabled).toEqual({
      reason: "Turned off automatically…",
      facts: { failures: 12, since: since.toISOString(), last: "HTTP 500" },
      at: now,
    });
  });
});
