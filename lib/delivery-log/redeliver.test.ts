import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { deliveries, webhooks } from "@/lib/db/schema";
import { drainOnce, startWorker } from "@/lib/delivery/worker";
import { createWebhook, deleteWebhook } from "@/lib/webhooks/save-webhook";
import { appErrorOf } from "@/test/app-error";
import { dbTargets, useTestDatabase } from "@/test/databases";
import { emitSample } from "@/test/event-fixtures";
import {
  addMember,
  makeTeamWithApp,
  makeUser,
  type TeamWithApp,
  uniqueSuffix,
  webhookBody,
} from "@/test/factories";
import { type Receiver, startReceiver } from "@/test/receiver";
import { getDelivery } from "./get-delivery";
import { listDeliveries } from "./list-deliveries";
import { redeliver } from "./redeliver";

describe.each(dbTargets())("redeliver (%s)", (kind) => {
  useTestDatabase(kind);
  let receiver: Receiver;
  let context: TeamWithApp;

  beforeAll(async () => {
    receiver = await startReceiver();
    context = await makeTeamWithApp("owner");
  });
  afterAll(async () => {
    await receiver?.close();
  });

  /** A webhook at a fresh receiver path and one delivery to it that failed (500, one attempt allowed). */
  async function failedDelivery() {
    const path = `/redeliver-${uniqueSuffix()}`;
    const webhook = await createWebhook(
      context.owner.user.id,
      context.app.appKey,
      webhookBody({ url: receiver.url(path), events: ["feedback"] }),
    );
    receiver.script(path, [{ status: 500, body: "database is down" }, 200]);
    const event = await emitSample("feedback", { teamId: context.team.id, app: context.app });
    await drainOnce({ config: { schedule: [0] } });
    const [delivery] = (await listDeliveries(context.owner.user.id, context.app.appKey, webhook.id, {}))
      .deliveries;
    if (!delivery) throw new Error("no delivery");
    expect(delivery.status).toBe("failed");
    return { path, webhook, event, delivery };
  }

  async function cleanUp(webhookId: string) {
    await deleteWebhook(context.owner.user.id, context.app.appKey, webhookId);
  }

  test("a failed delivery is sent again with the same webhook-id and body, as attempt 2", async () => {
    const { path, webhook, event, delivery } = await failedDelivery();
    const before = Date.now();
    const queued = await redeliver(context.owner.user.id, delivery.id);
    expect(queued).toMatchObject({ id: delivery.id, eventId: event.id, status: "pending", attempts: 1 });
    expect(queued.nextAttemptAt?.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    expect(queued.nextAttemptAt?.getTime()).toBeGreaterThan(before - 5000);

    const stats = await drainOnce({ config: { schedule: [0] } });
    expect(stats).toMatchObject({ claimed: 1, succeeded: 1 });
    const [first, second] = receiver.requestsTo(path);
    expect(receiver.requestsTo(path)).toHaveLength(2);
    expect(first?.headers["webhook-id"]).toBe(event.id);
    expect(second?.headers["webhook-id"]).toBe(event.id);
    expect(second?.body).toBe(first?.body);

    const detail = await getDelivery(context.owner.user.id, delivery.id);
    expect(detail).toMatchObject({ status: "succeeded", attempts: 2, lastStatusCode: 200, lastError: null });
    expect(detail.attemptsList.map((a) => [a.attempt, a.response?.status])).toEqual([
      [1, 500],
      [2, 200],
    ]);
    // A delivered one can be redelivered too (the receiver asked for it again).
    expect((await redeliver(context.owner.user.id, delivery.id)).status).toBe("pending");
    await drainOnce({ config: { schedule: [0] } });
    expect(receiver.requestsTo(path).map((r) => r.headers["webhook-id"])).toEqual([
      event.id,
      event.id,
      event.id,
    ]);
    await cleanUp(webhook.id);
  });

  test("a running worker is woken at once (NOTIFY), not at its next poll", async () => {
    const { path, webhook, delivery } = await failedDelivery();
    let firstIdle = () => {};
    const asleep = new Promise<void>((resolve) => {
      firstIdle = resolve;
    });
    const worker = startWorker({
      id: `redeliver-${kind}`,
      config: { schedule: [0], pollMs: 60_000 },
      onIdle: () => firstIdle(),
    });
    try {
      // The worker has made its first (empty) claim and sleeps until its next poll, a minute away.
      await asleep;
      await redeliver(context.owner.user.id, delivery.id);
      await receiver.waitForCount(path, 2, 5000);
    } finally {
      await worker.stop();
    }
    expect((await getDelivery(context.owner.user.id, delivery.id)).status).toBe("succeeded");
    await cleanUp(webhook.id);
  });

  test("refused while it is being sent, and when its webhook is off or deleted", async () => {
    const { webhook, delivery } = await failedDelivery();
    const database = await db();
    await database
      .update(deliveries)
      .set({ status: "sending", lockedBy: "another-worker", lockedUntil: sql`now() + interval '1 minute'` })
      .where(eq(deliveries.id, delivery.id));
    const sending = await appErrorOf(() => redeliver(context.owner.user.id, delivery.id));
    expect(sending.code).toBe("conflict");
    expect(sending.message).toMatch(/being sent right now/);
    // A lease that has run out (its worker died) does not block it.
    await database
      .update(deliveries)
      .set({ lockedUntil: sql`now() - interval '1 second'` })
      .where(eq(deliveries.id, delivery.id));
    expect((await redeliver(context.owner.user.id, delivery.id)).status).toBe("pending");

    await database.update(webhooks).set({ enabled: false }).where(eq(webhooks.id, webhook.id));
    const off = await appErrorOf(() => redeliver(context.owner.user.id, delivery.id));
    expect(off.code).toBe("conflict");
    expect(off.message).toMatch(/switched off/);

    await cleanUp(webhook.id);
    const gone = await appErrorOf(() => redeliver(context.owner.user.id, delivery.id));
    expect(gone.code).toBe("conflict");
    expect(gone.message).toMatch(/webhook was deleted/);
  });

  test("members are refused; another team's user or key, and unknown ids, get not found", async () => {
    const { webhook, delivery } = await failedDelivery();
    const member = await makeUser("Mia Member");
    await addMember(context.team.id, member.user.id, "member");
    expect((await appErrorOf(() => redeliver(member.user.id, delivery.id))).code).toBe("forbidden");
    const memberKey = {
      apiKey: { id: crypto.randomUUID(), teamId: context.team.id, role: "member" as const },
    };
    expect((await appErrorOf(() => redeliver(memberKey, delivery.id))).code).toBe("forbidden");

    const stranger = await makeUser("Stranger");
    expect((await appErrorOf(() => redeliver(stranger.user.id, delivery.id))).code).toBe("not_found");
    const foreignKey = {
      apiKey: { id: crypto.randomUUID(), teamId: stranger.team.id, role: "admin" as const },
    };
    expect((await appErrorOf(() => redeliver(foreignKey, delivery.id))).code).toBe("not_found");
    expect((await appErrorOf(() => redeliver(context.owner.user.id, "x"))).code).toBe("not_found");
    // Nothing was queued by the refused calls.
    expect((await getDelivery(context.owner.user.id, delivery.id)).status).toBe("failed");

    const admin = await makeUser("Adam Admin");
    await addMember(context.team.id, admin.user.id, "admin");
    expect((await redeliver(admin.user.id, delivery.id)).status).toBe("pending");
    await cleanUp(webhook.id);
  });
});
