import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { type Delivery, deliveries, deliveryAttempts, events } from "@/lib/db/schema";
import { dbTargets, useTestDatabase } from "@/test/databases";
import { emitSample } from "@/test/event-fixtures";
import { insertWebhook, makeTeamWithApp } from "@/test/factories";
import { type Receiver, startReceiver } from "@/test/receiver";
import { purgeExpired } from "./retention";
import { drainOnce } from "./worker";

const DAY = 24 * 3_600_000;
const WINDOW = 30 * DAY;

describe.each(dbTargets())("retention (%s)", (kind) => {
  useTestDatabase(kind);
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
  });

  test("purges only finished deliveries older than the window, with their attempts, then their events, in batches", async () => {
    const database = await db();
    const context = await makeTeamWithApp("owner");
    await insertWebhook(context.app.id, receiver.url("/retention"));
    const emitted: string[] = [];
    for (let i = 0; i < 7; i++) {
      emitted.push((await emitSample("feedback", { teamId: context.team.id, app: context.app })).id);
    }
    expect(await drainOnce()).toMatchObject({ succeeded: 7 });
    // Two more that are still owed: one pending, one being sent.
    for (let i = 0; i < 2; i++) {
      emitted.push((await emitSample("feedback", { teamId: context.team.id, app: context.app })).id);
    }
    const rows = await database.select().from(deliveries).where(inArray(deliveries.eventId, emitted));
    const byEvent = new Map(rows.map((row) => [row.eventId, row]));
    const delivery = (i: number) => byEvent.get(emitted[i] as string) as Delivery;

    const now = new Date();
    const ago = (days: number) => new Date(now.getTime() - days * DAY);
    /** Backdates a delivery and its event; sets its status. */
    async function age(
      i: number,
      createdDaysAgo: number,
      completedDaysAgo: number | null,
      status: Delivery["status"],
    ) {
      const completed = completedDaysAgo === null ? null : ago(completedDaysAgo);
      await database
        .update(deliveries)
        .set({ createdAt: ago(createdDaysAgo), completedAt: completed, status })
        .where(eq(deliveries.id, delivery(i).id));
      await database
        .update(events)
        .set({ createdAt: ago(createdDaysAgo) })
        .where(eq(events.id, emitted[i] as string));
    }
    // Older than the window and finished: purged (0–4).
    await age(0, 40, 40, "succeeded");
    await age(1, 45, 45, "succeeded");
    await age(2, 31, 31, "succeeded");
    await age(3, 40, 39, "failed");
    await age(4, 60, 60, "disabled");
    // Created long ago but finished within the window (redelivered lately): kept.
    await age(5, 40, 2, "succeeded");
    // Within the window: kept.
    await age(6, 29, 29, "succeeded");
    // Old but owed: never purged.
    await age(7, 40, null, "pending");
    await age(8, 40, null, "sending");
    // An old event that never had a delivery (an app without webhooks): purged; a recent one: kept.
    const quiet = await makeTeamWithApp("owner");
    const oldQuiet = await emitSample("crashlog", { teamId: quiet.team.id, app: quiet.app });
    const newQuiet = await emitSample("crashlog", { teamId: quiet.team.id, app: quiet.app });
    await database
      .update(events)
      .set({ createdAt: ago(31) })
      .where(eq(events.id, oldQuiet.id));

    const attemptCount = async (ids: string[]) =>
      (
        await database
          .select({ n: sql<number>`count(*)::int` })
          .from(deliveryAttempts)
          .where(inArray(deliveryAttempts.deliveryId, ids))
      )[0]?.n;
    const purgedIds = [0, 1, 2, 3, 4].map((i) => delivery(i).id);
    const keptIds = [5, 6, 7, 8].map((i) => delivery(i).id);
    expect(await attemptCount(purgedIds)).toBe(5);
    expect(await attemptCount(keptIds)).toBe(2);

    const counts = await purgeExpired({ now, retentionMs: WINDOW, batchSize: 2, pauseMs: 0 });
    // Deliveries: 2 + 2 + 1 in three statements; events: their 5 and the quiet one, 2 + 2 + 2 + 0 in four;
    // the audit log: nothing older than a year, one statement.
    expect(counts).toEqual({
      deliveries: 5,
      events: 6,
      auditEntries: 0,
      robotWindows: 0,
      testInboxes: 0,
      batches: 8,
    });

    const left = await database.select().from(deliveries).where(inArray(deliveries.eventId, emitted));
    expect(left.map((row) => row.id).sort()).toEqual([...keptIds].sort());
    expect(left.find((row) => row.id === delivery(7).id)?.status).toBe("pending");
    expect(left.find((row) => row.id === delivery(8).id)?.status).toBe("sending");
    expect(await attemptCount(purgedIds)).toBe(0);
    expect(await attemptCount(keptIds)).toBe(2);
    const eventsLeft = await database
      .select({ id: events.id })
      .from(events)
      .where(inArray(events.id, [...emitted, oldQuiet.id, newQuiet.id]));
    expect(eventsLeft.map((row) => row.id).sort()).toEqual([...emitted.slice(5), newQuiet.id].sort());

    // Nothing more to do: one statement each.
    expect(await purgeExpired({ now, retentionMs: WINDOW, batchSize: 2, pauseMs: 0 })).toEqual({
      deliveries: 0,
      events: 0,
      auditEntries: 0,
      robotWindows: 0,
      testInboxes: 0,
      batches: 3,
    });
  });
});
