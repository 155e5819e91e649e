import { asc, eq, inArray } from "drizzle-orm";
import { Webhook as StandardWebhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { type Delivery, deliveries, deliveryAttempts, webhooks } from "@/lib/db/schema";
import { dbTargets, useTestDatabase } from "@/test/databases";
import { emitSample } from "@/test/event-fixtures";
import { insertWebhook, makeTeamWithApp, type TeamWithApp, uniqueSuffix } from "@/test/factories";
import { type Receiver, startReceiver } from "@/test/receiver";
import type { DeliveryConfig } from "./config";
import { startWorker } from "./worker";

const FAST: Partial<DeliveryConfig> = { pollMs: 20, leaseMs: 10_000, totalTimeoutMs: 3000 };

/** Runs `work` with a worker of this config, then stops the worker (waiting for its sends). */
async function withWorker<T>(config: Partial<DeliveryConfig>, work: () => Promise<T>): Promise<T> {
  const worker = startWorker({ id: `retries-${uniqueSuffix()}`, config: { ...FAST, ...config } });
  try {
    return await work();
  } finally {
    await worker.stop();
  }
}

async function deliveryOf(eventId: string, webhookId?: string): Promise<Delivery> {
  const rows = await (await db()).select().from(deliveries).where(eq(deliveries.eventId, eventId));
  const row = webhookId ? rows.find((r) => r.webhookId === webhookId) : rows[0];
  if (!row) throw new Error(`no delivery for ${eventId}`);
  return row;
}

async function attemptsOf(deliveryId: string) {
  return (await db())
    .select()
    .from(deliveryAttempts)
    .where(eq(deliveryAttempts.deliveryId, deliveryId))
    .orderBy(asc(deliveryAttempts.attempt));
}

/** Waits until the delivery reaches one of `statuses`. */
async function settled(eventId: string, statuses: Delivery["status"][], webhookId?: string) {
  await expect
    .poll(async () => (await deliveryOf(eventId, webhookId)).status, { timeout: 15_000, interval: 25 })
    .toSatisfy((status: Delivery["status"]) => statuses.includes(status));
  return deliveryOf(eventId, webhookId);
}

describe.each(dbTargets())("retries, timeouts and refused targets (%s)", (kind) => {
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

  /** A webhook of the test app at `url`, subscribed to every event; inserted directly (no 3-per-app limit). */
  const hook = (url: string) => insertWebhook(context.app.id, url);

  /** Disables the app's webhooks, so each test only sends to its own. */
  async function clearHooks() {
    await (await db()).update(webhooks).set({ enabled: false }).where(eq(webhooks.appId, context.app.id));
  }

  const emitNow = () => emitSample("updateVersion", { teamId: context.team.id, app: context.app });

  test("500, 500, 200: delivered on attempt 3 with the same webhook-id, each attempt recorded", async () => {
    await clearHooks();
    const { row, secret } = await hook(receiver.url("/flaky"));
    receiver.script("/flaky", [500, 500, 200]);
    const event = await emitNow();
    const delivery = await withWorker({ schedule: [0, 50, 50, 50] }, () =>
      settled(event.id, ["succeeded", "failed"]),
    );
    expect(delivery).toMatchObject({
      status: "succeeded",
      attempts: 3,
      lastStatusCode: 200,
      lastError: null,
    });
    const requests = receiver.requestsTo("/flaky");
    expect(requests).toHaveLength(3);
    for (const request of requests) {
      expect(request.headers["webhook-id"]).toBe(event.id);
      expect(request.body).toBe(requests[0]?.body);
      expect(() => new StandardWebhook(secret).verify(request.body, request.headers)).not.toThrow();
    }
    const attempts = await attemptsOf(delivery.id);
    expect(attempts.map((a) => [a.attempt, a.responseStatus, a.error])).toEqual([
      [1, 500, "HTTP 500"],
      [2, 500, "HTTP 500"],
      [3, 200, null],
    ]);
    expect(attempts[0]?.responseBody).toBe("status 500");
    expect(row.id).toBe(delivery.webhookId);
  });

  test("429 with Retry-After: 2: the next attempt comes no sooner than 2 s later", async () => {
    await clearHooks();
    await hook(receiver.url("/throttled"));
    receiver.script("/throttled", [{ status: 429, headers: { "retry-after": "2" } }, 200]);
    const event = await emitNow();
    // Scheduled 1.5 s (±20 %): the Retry-After of 2 s is within [1.5 s, 3 s], so it is honoured.
    const delivery = await withWorker({ schedule: [0, 1500, 1500] }, () =>
      settled(event.id, ["succeeded", "failed"]),
    );
    expect(delivery).toMatchObject({ status: "succeeded", attempts: 2 });
    const [first, second] = receiver.requestsTo("/throttled");
    expect(second?.headers["webhook-id"]).toBe(first?.headers["webhook-id"]);
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(2000);
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeLessThan(3500);
    // webhook-timestamp is the time of each attempt, not of the event.
    expect(Number(second?.headers["webhook-timestamp"])).toBeGreaterThan(
      Number(first?.headers["webhook-timestamp"]),
    );
    const [attempt] = await attemptsOf(delivery.id);
    expect(attempt?.responseHeaders?.["retry-after"]).toBe("2");
  });

  test("always 500: failed after the last attempt of the schedule, and no more requests", async () => {
    await clearHooks();
    await hook(receiver.url("/down"));
    receiver.script("/down", [500]);
    const event = await emitNow();
    const delivery = await withWorker({ schedule: [0, 30, 30] }, () => settled(event.id, ["failed"]));
    expect(delivery).toMatchObject({
      status: "failed",
      attempts: 3,
      lastStatusCode: 500,
      lastError: "HTTP 500",
    });
    expect(delivery.completedAt).toBeInstanceOf(Date);
    expect(receiver.requestsTo("/down")).toHaveLength(3);
  });

  test("404 fails fast: one attempt, no retry", async () => {
    await clearHooks();
    await hook(receiver.url("/gone"));
    receiver.script("/gone", [404]);
    const event = await emitNow();
    const delivery = await withWorker({ schedule: [0, 30, 30] }, () => settled(event.id, ["failed"]));
    expect(delivery).toMatchObject({ status: "failed", attempts: 1, lastStatusCode: 404 });
    expect(receiver.requestsTo("/gone")).toHaveLength(1);
  });

  test("a receiver that never answers times out, while another webhook of the event is delivered at once", async () => {
    await clearHooks();
    const hanging = await hook(receiver.url("/never"));
    const prompt = await hook(receiver.url("/prompt"));
    receiver.script("/never", ["hang"]);
    await withWorker({ schedule: [0, 60_000], totalTimeoutMs: 1000, leaseMs: 5000 }, async () => {
      const event = await emitNow();
      const delivered = await settled(event.id, ["succeeded"], prompt.row.id);
      expect(delivered.attempts).toBe(1);
      // Delivered while the other attempt was still waiting for its answer: nothing recorded for it yet.
      const waiting = await deliveryOf(event.id, hanging.row.id);
      expect(waiting.status).toBe("sending");
      expect(await attemptsOf(waiting.id)).toEqual([]);
      const timedOut = await settled(event.id, ["pending"], hanging.row.id);
      expect(timedOut).toMatchObject({
        attempts: 1,
        lastStatusCode: null,
        lastError: "Timed out after 1000 ms",
      });
      expect(timedOut.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 30_000);
      const [attempt] = await attemptsOf(timedOut.id);
      expect(attempt?.durationMs).toBeGreaterThanOrEqual(950);
      expect(attempt?.error).toBe("Timed out after 1000 ms");
    });
    expect(receiver.requestsTo("/never")).toHaveLength(1);
  });

  test("a hanging webhook holds at most its per-webhook share of the pool: others are not blocked", async () => {
    await clearHooks();
    await hook(receiver.url("/stuck"));
    await hook(receiver.url("/flowing"));
    receiver.script("/stuck", ["hang"]);
    const events = [];
    for (let i = 0; i < 6; i++) events.push(await emitNow()); // 6 deliveries to each, due at once
    const config = { schedule: [0, 60_000], totalTimeoutMs: 1500, leaseMs: 5000 };
    await withWorker({ ...config, concurrency: 3, perWebhookConcurrency: 2 }, async () => {
      // The flowing webhook's six go through the one free slot while the stuck one holds two...
      await receiver.waitForCount("/flowing", 6, 1400);
      // ...and, before their timeout, the stuck webhook never had more than its two in flight.
      expect(receiver.requestsTo("/stuck")).toHaveLength(2);
    });
    const ids = receiver.requestsTo("/flowing").map((r) => r.headers["webhook-id"]);
    expect(new Set(ids)).toEqual(new Set(events.map((e) => e.id)));
  });

  test("SSRF at send time: private and local targets fail without a request when they are refused", async () => {
    await clearHooks();
    const port = receiver.port;
    const urls = [
      `http://127.0.0.1:${port}/ssrf`,
      `http://[::1]:${port}/ssrf`,
      "http://10.0.0.5/ssrf",
      "http://169.254.169.254/latest/meta-data/",
      `http://[::ffff:127.0.0.1]:${port}/ssrf`,
      `http://2130706433:${port}/ssrf`,
      `http://localhost:${port}/ssrf`,
    ];
    const ids = [];
    for (const url of urls) ids.push((await hook(url)).row.id);
    const event = await emitNow();
    expect(event.deliveries).toBe(urls.length);
    await withWorker({ allowPrivateTargets: false, schedule: [0, 30, 30] }, async () => {
      await expect
        .poll(
          async () =>
            (await (await db()).select().from(deliveries).where(eq(deliveries.eventId, event.id))).filter(
              (row) => row.status === "failed",
            ).length,
          { timeout: 10_000, interval: 25 },
        )
        .toBe(urls.length);
    });
    const rows = await (await db()).select().from(deliveries).where(inArray(deliveries.webhookId, ids));
    for (const row of rows) {
      expect(row).toMatchObject({ status: "failed", attempts: 1, lastStatusCode: null });
      expect(row.lastError).toMatch(/private or local address/);
    }
    expect(receiver.requestsTo("/ssrf")).toEqual([]);
    expect(receiver.requestsTo("/latest/meta-data/")).toEqual([]);
    // The attempt is recorded as it would have been sent: URL, headers with the signature masked.
    const [attempt] = await attemptsOf(rows[0]?.id ?? "");
    expect(attempt?.requestHeaders["webhook-signature"]).toBe("v1,••••");
    expect(attempt?.responseStatus).toBeNull();
  });
});
