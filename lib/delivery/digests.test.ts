import { asc, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { deliverySummary, jsonDates } from "@/lib/api/schemas";
import { db, transaction } from "@/lib/db/client";
import { findDeliveryLogRow, listDeliveryLog, requeueDelivery } from "@/lib/db/queries/delivery-log";
import { type Delivery, deliveries, webhooks } from "@/lib/db/schema";
import { toSummary } from "@/lib/delivery-log/list-deliveries";
import { emit } from "@/lib/events/emit";
import { dbTargets, useTestDatabase } from "@/test/databases";
import { makeTeamWithApp, type TeamWithApp, uniqueSuffix } from "@/test/factories";
import { FakeDingTalk, type FakeRobot, fakeRobots, steppedClock } from "@/test/fake-robots";
import { startReceiver } from "@/test/receiver";
import { FIXED_APP, FIXED_TIME, fixedFacts, robotWebhook } from "@/test/robot-fixtures";
import { claim, planDigests } from "./claim";
import type { DeliveryConfig } from "./config";
import { startWorker, type Worker } from "./worker";

const BASE_URL = "https://apphooks.example.test";
const SECRET = "SEC6c2b1f0e9d8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e";
const EXCEPTIONS = ["NSInvalidArgumentException", "EXC_BAD_ACCESS (SIGSEGV)", "NSRangeException"];

type Clock = ReturnType<typeof steppedClock>;
type Fixture = {
  robots: ReturnType<typeof fakeRobots>;
  workers: Worker[];
  idle: Array<Set<() => void>>;
};

function startWorkers(fixture: Fixture, clock: Clock, count = 1, config: Partial<DeliveryConfig> = {}): void {
  for (let i = 0; i < count; i++) {
    const waiters = new Set<() => void>();
    fixture.idle.push(waiters);
    fixture.workers.push(
      startWorker({
        id: `digests-${uniqueSuffix()}`,
        config: {
          pollMs: 20,
          schedule: [0, 300, 300, 300],
          totalTimeoutMs: 10_000,
          leaseMs: 20_000,
          baseUrl: BASE_URL,
          clock,
          ...config,
        },
        onIdle: () => {
          for (const resolve of waiters) resolve();
          waiters.clear();
        },
      }),
    );
  }
}

function nextIdle(fixture: Fixture): Promise<void> {
  return Promise.all(
    fixture.idle.map((waiters) => new Promise<void>((resolve) => waiters.add(resolve))),
  ).then(() => undefined);
}

async function rowsOf(webhookId: string): Promise<Delivery[]> {
  return (await db())
    .select()
    .from(deliveries)
    .where(eq(deliveries.webhookId, webhookId))
    .orderBy(asc(deliveries.createdAt), asc(deliveries.id));
}

const finished = (rows: Delivery[]) =>
  rows.every((row) => row.status !== "pending" && row.status !== "sending");

/** `count` crash reports of the test app, in one transaction (as a burst of ingest calls would record them). */
async function emitCrashes(context: TeamWithApp, count: number, from = 0): Promise<void> {
  await transaction(async (tx) => {
    for (let i = from; i < from + count; i++) {
      const facts = fixedFacts("crashlog");
      await emit(tx, {
        type: "crashlog",
        teamId: context.team.id,
        app: { id: context.app.id, appKey: FIXED_APP.key, name: FIXED_APP.name, platform: "ios" },
        facts: {
          ...facts,
          version: facts.version ? { ...facts.version, version: i % 4 === 0 ? "2.3" : "2.4" } : null,
          notes: `crash ${i}\n${facts.notes}`,
          data: {
            ...facts.data,
            crash_id: `c-${i}`,
            exception: EXCEPTIONS[i % 10 < 6 ? 0 : i % 10 < 9 ? 1 : 2],
          },
        },
        now: new Date(FIXED_TIME.getTime() + i * 1000),
      });
    }
  });
}

/** The number of events a posted message covers: a digest says so in its header, a single message is one. */
function covered(fake: FakeRobot): number[] {
  return fake.exchanges
    .filter((exchange) => exchange.accepted)
    .map((exchange) => Number(exchange.request.headers["x-apphooks-digest"] ?? 1));
}

/**
 * Lets the workers run until the webhook's `count` deliveries are finished: whenever nothing is on the wire
 * and two more claim cycles sent nothing, `stepMs` of the limiter's clock pass.
 */
async function settle(fixture: Fixture, clock: Clock, fake: FakeRobot, webhookId: string, count: number) {
  for (let steps = 0; steps < 200; steps++) {
    const rows = await rowsOf(webhookId);
    if (rows.length === count && finished(rows)) return rows;
    await nextIdle(fixture);
    const seen = fake.exchanges.length;
    if ((await rowsOf(webhookId)).some((row) => row.status === "sending")) continue;
    await nextIdle(fixture);
    await nextIdle(fixture);
    if (fake.exchanges.length === seen) clock.advance(5_000);
  }
  throw new Error("the deliveries did not settle");
}

/** Every delivery accounted exactly once: sent alone, a carrier, or carried by a carrier that was posted. */
function expectAccounted(rows: Delivery[], fake: FakeRobot): void {
  const carriers = new Map(rows.filter((row) => row.digestId === row.id).map((row) => [row.id, row]));
  const carried = rows.filter((row) => row.digestId !== null && row.digestId !== row.id);
  const alone = rows.filter((row) => row.digestId === null);
  for (const row of carried) expect(carriers.has(row.digestId as string)).toBe(true);
  // One accepted message per carrier and per delivery sent alone; DingTalk's msgUuid is the delivery's id.
  const accepted = fake.exchanges.filter((exchange) => exchange.accepted);
  expect(accepted).toHaveLength(carriers.size + alone.length);
  const byUuid = new Map(accepted.map((exchange) => [JSON.parse(exchange.request.body).msgUuid, exchange]));
  for (const carrier of carriers.values()) {
    const size = rows.filter((row) => row.digestId === carrier.id).length;
    expect(byUuid.get(carrier.id)?.request.headers["x-apphooks-digest"]).toBe(String(size));
  }
  for (const row of alone) expect(byUuid.get(row.id)?.request.headers["x-apphooks-digest"]).toBeUndefined();
  expect(covered(fake).reduce((sum, n) => sum + n, 0)).toBe(rows.length);
}

describe("planDigests: how a robot's sends are used", () => {
  const at = (s: number) => new Date(FIXED_TIME.getTime() + s * 1000);
  const group = (type: "crashlog" | "feedback", n: number, first: number, carrier: string | null = null) => ({
    webhook_id: "w",
    carrier,
    type,
    n,
    first_due: at(first),
  });

  test("what fits in the sends goes out alone", () => {
    expect(planDigests([group("crashlog", 3, 0), group("feedback", 2, 1)], 5, 500)).toBeNull();
  });

  test("more than fits: per type, digests of at most the maximum, oldest first, one send each", () => {
    const plan = planDigests([group("crashlog", 1200, 0), group("feedback", 1, 5)], 2, 500);
    expect(plan).toEqual({
      quotas: [{ webhook_id: "w", type: "crashlog", take: 1000, carrier: null }],
      sends: 2,
    });
    const all = planDigests([group("crashlog", 1200, 0), group("feedback", 1, 5)], 20, 500);
    expect(all?.sends).toBe(4);
    expect(all?.quotas.map((quota) => quota.take)).toEqual([1200, 1]);
  });

  test("a due carrier is one send of its own, in the order of its time", () => {
    const plan = planDigests([group("crashlog", 40, 10), group("crashlog", 1, 0, "c-1")], 1, 500);
    expect(plan).toEqual({ quotas: [{ webhook_id: "w", type: null, take: 1, carrier: "c-1" }], sends: 1 });
  });
});

describe.each(dbTargets())("digests for chat robots (%s)", (kind) => {
  useTestDatabase(kind);
  const fixture = {} as Fixture;

  beforeAll(() => {
    fixture.robots = fakeRobots();
    fixture.workers = [];
    fixture.idle = [];
  });
  afterEach(async () => {
    fixture.idle.splice(0);
    await Promise.all(fixture.workers.splice(0).map((worker) => worker.stop()));
  });
  afterAll(async () => {
    await fixture.robots?.close();
  });

  test("1,000 crash reports to a DingTalk robot at 20 a minute: all covered within 3 minutes by accepted messages within the limits; a JSON webhook of the app gets each one", async () => {
    const context = await makeTeamWithApp("owner");
    const clock = steppedClock();
    const ding = await fixture.robots.add(
      new FakeDingTalk({ clock, secret: SECRET, keywords: ["Application"], rateLimit: true }),
    );
    const hook = await robotWebhook(context.app.id, {
      type: "dingtalk",
      url: ding.url,
      secret: SECRET,
      events: ["crashlog"],
      digest: true,
    });
    const receiver = await startReceiver();
    const json = await robotWebhook(context.app.id, {
      type: "json",
      url: receiver.url("/json"),
      events: ["crashlog"],
      digest: true, // never merged: JSON receivers get every event
    });
    try {
      startWorkers(fixture, clock);
      const start = clock();
      // The storm: ten reports first (a window's worth, sent one by one), then the rest in bursts.
      await emitCrashes(context, 10);
      for (let sent = 10; sent < 1000; sent += 110) {
        clock.advance(4_000);
        await emitCrashes(context, Math.min(110, 1000 - sent), sent);
      }
      const rows = await settle(fixture, clock, ding, hook.id, 1000);
      for (const row of rows) expect(row.status).toBe("succeeded");

      expect(ding.rejected).toEqual([]);
      expect(ding.busiestWindow(60_000)).toBeLessThanOrEqual(20);
      const last = Math.max(...ding.posted.map((message) => message.at));
      expect(last - start).toBeLessThanOrEqual(3 * 60_000);
      expectAccounted(rows, ding);
      expect(rows.filter((row) => row.digestId === row.id).length).toBeGreaterThan(0);
      expect(ding.posted.length).toBeLessThan(40);
      for (const exchange of ding.exchanges) {
        expect(Buffer.byteLength(exchange.request.body)).toBeLessThanOrEqual(20_000);
      }
      // A digest's message: the count, the versions, the top exceptions with their counts, the log's link.
      const digest = ding.exchanges.find((exchange) => exchange.request.headers["x-apphooks-digest"]);
      const size = digest?.request.headers["x-apphooks-digest"] as string;
      const text = JSON.parse(digest?.request.body ?? "{}").markdown.text as string;
      expect(text).toContain(
        `AppHooks Application Notice · OooPlay · Crash log · Digest of ${Number(size).toLocaleString("en-US")} crash reports`,
      );
      expect(text).toMatch(/- Versions: 2\.4 \(build 139\) × \d+, 2\.3 \(build 139\) × \d+/);
      expect(text).toMatch(
        /\d+ × NSInvalidArgumentException\n\n\d+ × EXC_BAD_ACCESS \(SIGSEGV\)\n\n\d+ × NSRangeException/,
      );
      expect(text).toContain(`(${BASE_URL}/apps/${FIXED_APP.key}/settings/webhooks/${hook.id}/deliveries)`);

      // The JSON webhook of the same app: every event, one request each.
      await receiver.waitForCount("/json", 1000, 30_000);
      await expect
        .poll(async () => (await rowsOf(json.id)).filter((row) => row.status === "succeeded").length, {
          timeout: 20_000,
        })
        .toBe(1000);
      expect((await rowsOf(json.id)).every((row) => row.digestId === null)).toBe(true);
      expect(new Set(receiver.requestsTo("/json").map((r) => r.headers["webhook-id"])).size).toBe(1000);
    } finally {
      await receiver.close();
    }
  }, 120_000);

  test("a digest the robot throttles: its events wait with it (none sent, none lost) and go out with its retry", async () => {
    const context = await makeTeamWithApp("owner");
    const clock = steppedClock();
    const ding = await fixture.robots.add(new FakeDingTalk({ clock, keywords: ["Application"] }));
    ding.force("rate-limit");
    const hook = await robotWebhook(context.app.id, {
      type: "dingtalk",
      url: ding.url,
      events: ["crashlog"],
      digest: true,
    });
    await emitCrashes(context, 30);
    startWorkers(fixture, clock);
    await expect
      .poll(async () => (await rowsOf(hook.id)).some((row) => row.attempts === 1), { timeout: 10_000 })
      .toBe(true);
    const waiting = await rowsOf(hook.id);
    const carrier = waiting.find((row) => row.digestId === row.id) as Delivery;
    expect(carrier).toMatchObject({ status: "pending", attempts: 1 });
    expect(carrier.lastError).toMatch(/DingTalk asked to slow down/);
    const others = waiting.filter((row) => row.id !== carrier.id);
    expect(others).toHaveLength(29);
    for (const row of others)
      expect(row).toMatchObject({ status: "pending", attempts: 0, digestId: carrier.id });
    // The log: each waiting row says which delivery carries it, and has no retry time of its own.
    const log = (await listDeliveryLog(hook.id, { limit: 50 })).map(toSummary);
    for (const summary of log) {
      const shown = deliverySummary.parse(jsonDates(summary));
      if (summary.id === carrier.id) {
        expect(shown).toMatchObject({ carriedBy: null, carries: 30, status: "pending" });
        expect(shown.nextAttemptAt).not.toBeNull();
      } else {
        expect(shown).toMatchObject({ carriedBy: carrier.id, carries: null, nextAttemptAt: null });
      }
    }

    // DingTalk's 10-minute block passes on the limiter's clock: the retry carries the same 30 events.
    clock.advance(11 * 60_000);
    const rows = await settle(fixture, clock, ding, hook.id, 30);
    for (const row of rows) expect(row.status).toBe("succeeded");
    expect(rows.find((row) => row.id === carrier.id)).toMatchObject({ attempts: 2, digestId: carrier.id });
    expect(ding.posted).toHaveLength(1);
    expectAccounted(rows, ding);
    expect(ding.exchanges.map((e) => e.request.headers["x-apphooks-digest"])).toEqual(["30", "30"]);
  });

  test("a digest the robot rejects fails with all its events; redelivering the carrier resends the same digest, a carried row alone is sent alone", async () => {
    const context = await makeTeamWithApp("owner");
    const clock = steppedClock();
    const wrong = await fixture.robots.add(new FakeDingTalk({ clock, keywords: ["Pgyer"] }));
    const hook = await robotWebhook(context.app.id, {
      type: "dingtalk",
      url: wrong.url,
      language: "zh-CN",
      events: ["crashlog"],
      digest: true,
    });
    await emitCrashes(context, 25);
    startWorkers(fixture, clock);
    const failed = await settle(fixture, clock, wrong, hook.id, 25);
    expect(wrong.exchanges).toHaveLength(1);
    const carrier = failed.find((row) => row.digestId === row.id) as Delivery;
    for (const row of failed) {
      expect(row).toMatchObject({ status: "failed", lastError: carrier.lastError });
      expect(row.digestId).toBe(carrier.id);
    }
    expect(carrier.lastError).toMatch(/keywords not in content/);

    // The robot's keyword is fixed (a new robot URL); the carrier is redelivered: one message for all 25.
    const right = await fixture.robots.add(new FakeDingTalk({ clock, keywords: ["应用"] }));
    await (await db()).update(webhooks).set({ url: right.url }).where(eq(webhooks.id, hook.id));
    expect((await requeueDelivery(carrier.id)).ok).toBe(true);
    const resent = await settle(fixture, clock, right, hook.id, 25);
    for (const row of resent) expect(row).toMatchObject({ status: "succeeded", digestId: carrier.id });
    expect(right.posted).toHaveLength(1);
    expect(right.exchanges[0]?.request.headers["x-apphooks-digest"]).toBe("25");
    const body = JSON.parse(right.exchanges[0]?.request.body ?? "{}");
    expect(body.msgUuid).toBe(carrier.id);
    expect(body.markdown.title).toContain("AppHooks 应用通知 · OooPlay · 崩溃日志 · 汇总 25 条崩溃报告");

    const carrierRow = await findDeliveryLogRow(carrier.id);
    expect(carrierRow && toSummary(carrierRow)).toMatchObject({ carries: 25, carriedBy: null });

    // One carried row redelivered alone: its own message, and it leaves the digest.
    const one = resent.find((row) => row.id !== carrier.id) as Delivery;
    expect((await requeueDelivery(one.id)).ok).toBe(true);
    const after = await settle(fixture, clock, right, hook.id, 25);
    expect(right.posted).toHaveLength(2);
    expect(right.exchanges[1]?.request.headers["x-apphooks-digest"]).toBeUndefined();
    expect(after.find((row) => row.id === one.id)).toMatchObject({ status: "succeeded", digestId: null });
    expect(after.filter((row) => row.digestId === carrier.id)).toHaveLength(24);
    const alone = await findDeliveryLogRow(one.id);
    expect(alone && toSummary(alone)).toMatchObject({ carries: null, carriedBy: null, attempts: 1 });
  });

  test("a worker that dies holding a digest: after its lease every event is delivered, once, by another worker", async () => {
    const context = await makeTeamWithApp("owner");
    const clock = steppedClock();
    const ding = await fixture.robots.add(new FakeDingTalk({ clock, keywords: ["Application"] }));
    const hook = await robotWebhook(context.app.id, {
      type: "dingtalk",
      url: ding.url,
      events: ["crashlog"],
      digest: true,
    });
    await emitCrashes(context, 40);
    // The dead worker claims a digest and never sends it.
    const { rows: claimed } = await claim("dead-worker", {
      batch: 10,
      leaseMs: 400,
      perWebhookCap: 4,
      clock,
    });
    expect(claimed).toHaveLength(1);
    expect(claimed[0]?.digest).toHaveLength(40);
    const held = await rowsOf(hook.id);
    expect(held.filter((row) => row.status === "sending")).toHaveLength(1);
    expect(held.filter((row) => row.status === "pending" && row.digestId === claimed[0]?.id)).toHaveLength(
      39,
    );

    // Its sends still count against the robot's window: the next claims wait for it on the limiter's clock.
    clock.advance(61_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    startWorkers(fixture, clock);
    const rows = await settle(fixture, clock, ding, hook.id, 40);
    for (const row of rows) expect(row).toMatchObject({ status: "succeeded", digestId: claimed[0]?.id });
    expect(ding.posted).toHaveLength(1);
    expectAccounted(rows, ding);
  });

  test("a webhook switched off while its digest waits for a retry: the carrier and every carried row end disabled", async () => {
    const context = await makeTeamWithApp("owner");
    const clock = steppedClock();
    const ding = await fixture.robots.add(new FakeDingTalk({ clock, keywords: ["Application"] }));
    ding.force("rate-limit");
    const hook = await robotWebhook(context.app.id, {
      type: "dingtalk",
      url: ding.url,
      events: ["crashlog"],
      digest: true,
    });
    await emitCrashes(context, 30);
    startWorkers(fixture, clock);
    await expect
      .poll(async () => (await rowsOf(hook.id)).some((row) => row.attempts === 1), { timeout: 10_000 })
      .toBe(true);
    await (await db()).update(webhooks).set({ enabled: false }).where(eq(webhooks.id, hook.id));
    clock.advance(11 * 60_000);
    const rows = await settle(fixture, clock, ding, hook.id, 30);
    for (const row of rows) expect(row.status).toBe("disabled");
    expect(ding.posted).toHaveLength(0);
    expect(ding.exchanges).toHaveLength(1);
  });

  test("digests off: every crash report is its own message, queued within the rate limit", async () => {
    const context = await makeTeamWithApp("owner");
    const clock = steppedClock();
    const ding = await fixture.robots.add(
      new FakeDingTalk({ clock, keywords: ["Application"], rateLimit: true }),
    );
    const hook = await robotWebhook(context.app.id, {
      type: "dingtalk",
      url: ding.url,
      events: ["crashlog"],
      digest: false,
    });
    await emitCrashes(context, 25);
    startWorkers(fixture, clock);
    const rows = await settle(fixture, clock, ding, hook.id, 25);
    for (const row of rows) expect(row).toMatchObject({ status: "succeeded", digestId: null });
    expect(ding.rejected).toEqual([]);
    expect(ding.posted).toHaveLength(25);
    expect(covered(ding)).toEqual(Array.from({ length: 25 }, () => 1));
    expect(ding.busiestWindow(60_000)).toBeLessThanOrEqual(20);
  });
});
