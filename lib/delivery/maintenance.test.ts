import { eq } from "drizzle-orm";
import { afterEach, describe, expect, test, vi } from "vitest";
import { database, db } from "@/lib/db/client";
import { webhooks } from "@/lib/db/schema";
import { dbTargets, useTestDatabase } from "@/test/databases";
import { insertWebhook, makeTeamWithApp } from "@/test/factories";
import { startMaintenance } from "./maintenance";

const DAY = 24 * 3_600_000;
const INTERVAL = 60_000;

describe.each(dbTargets())("the maintenance loop (%s)", (kind) => {
  useTestDatabase(kind);
  afterEach(() => {
    vi.useRealTimers();
  });

  test("runs at once and then every interval until stopped", async () => {
    const context = await makeTeamWithApp("owner");
    const conn = await db();
    /** A webhook whose counters say it has failed `failures` times since six days ago. */
    const failingHook = async (failures: number) =>
      (
        await insertWebhook(context.app.id, "https://receiver.example.test/maintenance", {
          consecutiveFailures: failures,
          failingSince: new Date(Date.now() - 6 * DAY),
        })
      ).row.id;
    const enabled = async (id: string) =>
      (await conn.select({ on: webhooks.enabled }).from(webhooks).where(eq(webhooks.id, id)))[0]?.on;

    const first = await failingHook(12);
    const few = await failingHook(4);
    // The loop's timers are the test's: an interval passes when the test says so, never by itself.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"], shouldAdvanceTime: true });
    /** Each pass reads the clock once, when it starts. */
    let passes = 0;
    const maintenance = startMaintenance({
      database: await database(),
      intervalMs: INTERVAL,
      rule: { minFailures: 10 },
      now: () => {
        passes++;
        return new Date();
      },
    });
    try {
      expect(passes).toBe(1); // at once
      await expect.poll(() => enabled(first), { timeout: 5000, interval: 20 }).toBe(false);
      // A later pass finds a webhook that meets the rule after the first one ran: one interval later.
      const later = await failingHook(10);
      await expect
        .poll(
          async () => {
            await vi.advanceTimersByTimeAsync(INTERVAL);
            return enabled(later);
          },
          { timeout: 5000, interval: 20 },
        )
        .toBe(false);
      expect(passes).toBeGreaterThanOrEqual(2);
      expect(await enabled(few)).toBe(true);
    } finally {
      await maintenance.stop();
    }
    // Stopped: however much time passes, no pass starts any more.
    const stoppedAt = passes;
    const afterStop = await failingHook(20);
    await vi.advanceTimersByTimeAsync(10 * INTERVAL);
    expect(passes).toBe(stoppedAt);
    expect(await enabled(afterStop)).toBe(true);
  });
});
