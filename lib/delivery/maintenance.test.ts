import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { webhooks } from "@/lib/db/schema";
import { dbTargets, useTestDatabase } from "@/test/databases";
import { insertWebhook, makeTeamWithApp } from "@/test/factories";
import { startMaintenance } from "./maintenance";

const DAY = 24 * 3_600_000;

describe.each(dbTargets())("the maintenance loop (%s)", (kind) => {
  useTestDatabase(kind);

  test("runs at once and then every interval until stopped", async () => {
    const context = await makeTeamWithApp("owner");
    const database = await db();
    /** A webhook whose counters say it has failed `failures` times since six days ago. */
    const failingHook = async (failures: number) =>
      (
        await insertWebhook(context.app.id, "https://receiver.example.test/maintenance", {
          consecutiveFailures: failures,
          failingSince: new Date(Date.now() - 6 * DAY),
        })
      ).row.id;
    const enabled = async (id: string) =>
      (await database.select({ on: webhooks.enabled }).from(webhooks).where(eq(webhooks.id, id)))[0]?.on;

    const first = await failingHook(12);
    const few = await failingHook(4);
    const maintenance = startMaintenance({ intervalMs: 50, rule: { minFailures: 10 } });
    try {
      await expect.poll(() => enabled(first), { timeout: 5000, interval: 20 }).toBe(false);
      // A later pass finds a webhook that meets the rule after the first one ran.
      const later = await failingHook(10);
      await expect.poll(() => enabled(later), { timeout: 5000, interval: 20 }).toBe(false);
      expect(await enabled(few)).toBe(true);
    } finally {
      await maintenance.stop();
    }
    // Stopped: no more passes.
    const afterStop = await failingHook(20);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await enabled(afterStop)).toBe(true);
  });
});
