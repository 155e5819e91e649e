import { eq } from "drizzle-orm";
import { Webhook as StandardWebhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";
import { newSigningSecret } from "@/lib/crypto/signature";
import { db } from "@/lib/db/client";
import { apps, deliveries, deliveryAttempts, type Webhook, webhooks } from "@/lib/db/schema";
import { EVENT_TYPES, type EventType, type Language } from "@/lib/domain/event-catalog";
import { updatePayloadTimeZone } from "@/lib/teams/team-settings";
import { createWebhook } from "@/lib/webhooks/save-webhook";
import packageJson from "@/package.json";
import { dbTargets, useTestDatabase } from "@/test/databases";
import { emitSample, type SampleEvent } from "@/test/event-fixtures";
import { makeTeamWithApp, type TeamWithApp, webhookBody } from "@/test/factories";
import { type ReceivedRequest, type Receiver, startReceiver } from "@/test/receiver";
import { startWorker, type Worker } from "./worker";

const BASE_URL = "https://apphooks.example.test";
const ACTIONS: Record<Language, Record<EventType, string>> = {
  en: {
    updateVersion: "App Update",
    versionChange: "Version Management",
    feedback: "App Feedback",
    crashlog: "Crash log",
    settingsChange: "App Settings",
    appMigration: "App Migration",
    appDelete: "App Deletion",
  },
  "zh-CN": {
    updateVersion: "应用更新",
    versionChange: "版本变动",
    feedback: "应用反馈",
    crashlog: "崩溃日志",
    settingsChange: "App 设置变动",
    appMigration: "迁移应用",
    appDelete: "删除应用",
  },
};
const DATE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const utc = (date: Date) => date.toISOString().replace("T", " ").slice(0, 19);
/** China time is UTC+8 all year (no daylight saving). */
const shanghai = (date: Date) => utc(new Date(date.getTime() + 8 * 3600_000));

// Webhook A gets the even event types (English), B the odd ones (Chinese); C subscribes to all but is off.
const EVEN = EVENT_TYPES.filter((_, index) => index % 2 === 0);
const ODD = EVENT_TYPES.filter((_, index) => index % 2 === 1);

async function secretsOf(webhookId: string): Promise<{ current: string; row: Webhook }> {
  const [row] = await (await db()).select().from(webhooks).where(eq(webhooks.id, webhookId));
  if (!row?.signingSecretEncrypted) throw new Error("webhook without a signing secret");
  return { current: decryptSecret(row.signingSecretEncrypted), row };
}

function verify(secret: string, request: ReceivedRequest): unknown {
  return new StandardWebhook(secret).verify(request.body, request.headers);
}

/** Starts a worker that is woken only by NOTIFY (the poll is a minute): prompt delivery proves LISTEN works. */
function listeningWorker(id: string): Worker {
  return startWorker({
    id,
    config: {
      pollMs: 60_000,
      schedule: [0, 100, 100],
      totalTimeoutMs: 3000,
      leaseMs: 10_000,
      baseUrl: BASE_URL,
    },
  });
}

describe.each(dbTargets())("delivery of every event type (%s)", (kind) => {
  useTestDatabase(kind);
  let receiver: Receiver;
  let worker: Worker;
  let context: TeamWithApp;
  const hooks = {} as Record<"a" | "b" | "c", Webhook>;
  const sent: SampleEvent[] = [];

  beforeAll(async () => {
    receiver = await startReceiver();
    context = await makeTeamWithApp("owner");
    const create = (overrides: Parameters<typeof webhookBody>[0]) =>
      createWebhook(context.actor.user.id, context.app.appKey, webhookBody(overrides));
    hooks.a = await create({ name: "A", url: receiver.url("/a"), events: EVEN, language: "en" });
    hooks.b = await create({ name: "B", url: receiver.url("/b"), events: ODD, language: "zh-CN" });
    hooks.c = await create({ name: "C", url: receiver.url("/c"), events: [...EVENT_TYPES], enabled: false });
    worker = listeningWorker(`fanout-${kind}`);
  });
  afterAll(async () => {
    await worker?.stop();
    await receiver?.close();
  });

  test.each(EVENT_TYPES)("%s: one signed POST with every docs/events.md#json-payload field", async (type) => {
    const subscribed = EVEN.includes(type) ? hooks.a : hooks.b;
    const path = subscribed === hooks.a ? "/a" : "/b";
    const language: Language = subscribed === hooks.a ? "en" : "zh-CN";
    const event = await emitSample(type, { teamId: context.team.id, app: context.app });
    sent.push(event);
    expect(event.deliveries).toBe(1);
    await receiver.waitFor((all) => all.some((r) => r.headers["webhook-id"] === event.id));
    const request = receiver.requests.find((r) => r.headers["webhook-id"] === event.id) as ReceivedRequest;
    expect(request.path).toBe(path);
    expect(request.method).toBe("POST");

    // Headers (docs/events.md#headers).
    expect(request.headers["user-agent"]).toBe(`AppHooks/${packageJson.version}`);
    expect(request.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(request.headers["webhook-id"]).toMatch(/^evt_[a-z2-9]{26}$/);
    expect(request.headers["x-apphooks-event"]).toBe(type);
    const timestamp = Number(request.headers["webhook-timestamp"]);
    expect(Number.isInteger(timestamp)).toBe(true);
    // The attempt's time: not before the event, not after the request arrived (however slow the machine).
    expect(timestamp).toBeGreaterThanOrEqual(event.emittedBetween[0]);
    expect(timestamp).toBeLessThanOrEqual(request.at / 1000);
    expect(request.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);

    // Body: every field with its type and value.
    const body = JSON.parse(request.body) as Record<string, unknown>;
    expect(body).toEqual({
      action: ACTIONS[language][type],
      title: context.app.name,
      link: type === "appDelete" ? `${BASE_URL}/apps` : `${BASE_URL}/apps/${context.app.appKey}`,
      message: expect.any(String),
      type,
      os_version: "2.4",
      build_version: event.version.build,
      created: utc(event.subjectCreatedAt),
      updated: utc(event.subjectUpdatedAt),
      timestamp: expect.any(Number),
      appsize: String(event.version.sizeBytes),
      device_type: "iOS",
      notes: event.notes,
      event_id: event.id,
      app_key: context.app.appKey,
      data: event.data,
    });
    expect(body.message).toContain(context.app.name);
    expect(body.created).toMatch(DATE_TIME);
    expect(body.updated).toMatch(DATE_TIME);
    expect(body.appsize).toMatch(/^\d+$/);
    expect(Number.isInteger(body.timestamp)).toBe(true);
    expect(body.timestamp).toBeGreaterThanOrEqual(event.emittedBetween[0]);
    expect(body.timestamp).toBeLessThanOrEqual(event.emittedBetween[1]);
    expect(body.event_id).toBe(request.headers["webhook-id"]);
    expect(request.body).not.toContain("whsec_");

    // Signature: verifies with the webhook's secret (standardwebhooks), not with another one.
    const { current } = await secretsOf(subscribed.id);
    expect(verify(current, request)).toEqual(body);
    expect(() => verify(newSigningSecret(), request)).toThrow(/No matching signature/);
  });

  test("exactly one request per subscribed enabled webhook; none for unsubscribed or disabled ones", async () => {
    expect(sent.map((event) => event.type)).toEqual([...EVENT_TYPES]);
    await worker.stop(); // nothing in flight any more
    const ids = (path: string) => receiver.requestsTo(path).map((r) => r.headers["webhook-id"]);
    const idsOf = (types: readonly EventType[]) =>
      sent.filter((event) => types.includes(event.type)).map((event) => event.id);
    expect(ids("/a")).toEqual(idsOf(EVEN));
    expect(ids("/b")).toEqual(idsOf(ODD));
    expect(ids("/c")).toEqual([]);
    expect(receiver.requests).toHaveLength(EVENT_TYPES.length);
    const rows = await (await db()).select().from(deliveries).where(eq(deliveries.appId, context.app.id));
    expect(rows).toHaveLength(EVENT_TYPES.length);
    for (const row of rows) {
      expect(row).toMatchObject({ status: "succeeded", attempts: 1, lastStatusCode: 200, lockedBy: null });
      expect(row.completedAt).toBeInstanceOf(Date);
    }
    // The attempt record keeps the request as sent, with the signature masked.
    const [attempt] = await (await db())
      .select()
      .from(deliveryAttempts)
      .where(eq(deliveryAttempts.deliveryId, rows[0]?.id ?? ""));
    expect(attempt?.requestHeaders["webhook-signature"]).toBe("v1,••••");
    expect(attempt?.requestUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[ab]$/);
    expect(attempt?.responseStatus).toBe(200);
    expect(attempt?.responseBody).toBe("ok");
  });
});

describe.each(dbTargets())("signatures, disabled and deleted webhooks (%s)", (kind) => {
  useTestDatabase(kind);
  let receiver: Receiver;
  let worker: Worker;

  beforeAll(async () => {
    receiver = await startReceiver();
    worker = listeningWorker(`lifecycle-${kind}`);
  });
  afterAll(async () => {
    await worker?.stop();
    await receiver?.close();
  });

  async function appWithHook(path: string, events: EventType[] = [...EVENT_TYPES]) {
    const context = await makeTeamWithApp("owner");
    const hook = await createWebhook(
      context.actor.user.id,
      context.app.appKey,
      webhookBody({ url: receiver.url(path), events }),
    );
    return { context, hook };
  }

  const requestFor = async (eventId: string) => {
    await receiver.waitFor((all) => all.some((r) => r.headers["webhook-id"] === eventId));
    return receiver.requests.find((r) => r.headers["webhook-id"] === eventId) as ReceivedRequest;
  };

  test("during a rotation both secrets verify; after it expires only the current one is sent", async () => {
    const { context, hook } = await appWithHook("/rotation");
    const previous = newSigningSecret();
    const database = await db();
    await database
      .update(webhooks)
      .set({
        previousSigningSecretEncrypted: encryptSecret(previous),
        previousSecretExpiresAt: new Date(Date.now() + 24 * 3600_000),
      })
      .where(eq(webhooks.id, hook.id));
    const { current } = await secretsOf(hook.id);

    const during = await requestFor(
      (await emitSample("feedback", { teamId: context.team.id, app: context.app })).id,
    );
    expect(during.headers["webhook-signature"]?.split(" ")).toHaveLength(2);
    expect(verify(current, during)).toMatchObject({ type: "feedback" });
    expect(verify(previous, during)).toMatchObject({ type: "feedback" });
    expect(() => verify(newSigningSecret(), during)).toThrow();

    await database
      .update(webhooks)
      .set({ previousSecretExpiresAt: new Date(Date.now() - 1000) })
      .where(eq(webhooks.id, hook.id));
    const after = await requestFor(
      (await emitSample("crashlog", { teamId: context.team.id, app: context.app })).id,
    );
    expect(after.headers["webhook-signature"]?.split(" ")).toHaveLength(1);
    expect(verify(current, after)).toMatchObject({ type: "crashlog" });
    expect(() => verify(previous, after)).toThrow();
  });

  test("a webhook disabled after the event was recorded: the delivery ends 'disabled' without a request", async () => {
    const { context, hook } = await appWithHook("/disabled-later");
    const database = await db();
    await worker.stop(); // so that the webhook is off before any worker sees the delivery
    const eventId = (await emitSample("updateVersion", { teamId: context.team.id, app: context.app })).id;
    await database.update(webhooks).set({ enabled: false }).where(eq(webhooks.id, hook.id));
    worker = listeningWorker(`lifecycle-2-${kind}`);
    await expect
      .poll(
        async () =>
          (await database.select().from(deliveries).where(eq(deliveries.eventId, eventId)))[0]?.status,
        { timeout: 10_000 },
      )
      .toBe("disabled");
    expect(receiver.requestsTo("/disabled-later")).toEqual([]);
  });

  test("appDelete: the app and its webhooks are deleted with the event, and it is still delivered, signed", async () => {
    const { context, hook } = await appWithHook("/deleted", ["appDelete"]);
    const { current } = await secretsOf(hook.id);
    const database = await db();
    await worker.stop(); // so the delivery is sent after the deletion, from its snapshot
    const event = await emitSample("appDelete", { teamId: context.team.id, app: context.app });
    await database.delete(apps).where(eq(apps.id, context.app.id));
    expect(await database.select().from(webhooks).where(eq(webhooks.id, hook.id))).toEqual([]);
    worker = listeningWorker(`lifecycle-3-${kind}`);
    const request = await requestFor(event.id);
    expect(request.path).toBe("/deleted");
    expect(verify(current, request)).toMatchObject({ type: "appDelete", app_key: context.app.appKey });
  });

  test("a team in Asia/Shanghai: created and updated in China time, timestamp in Unix seconds; a change applies to the next event", async () => {
    const { context } = await appWithHook("/china", ["updateVersion", "feedback"]);
    await updatePayloadTimeZone(context.owner.user.id, context.team.id, { timeZone: "Asia/Shanghai" });
    const upload = await emitSample("updateVersion", { teamId: context.team.id, app: context.app });
    const body = JSON.parse((await requestFor(upload.id)).body) as Record<string, unknown>;
    expect(body.created).toBe(shanghai(upload.subjectCreatedAt));
    expect(body.updated).toBe(shanghai(upload.subjectUpdatedAt));
    expect(body.created).not.toBe(utc(upload.subjectCreatedAt));
    expect(body.timestamp).toBeGreaterThanOrEqual(upload.emittedBetween[0]);
    expect(body.timestamp).toBeLessThanOrEqual(upload.emittedBetween[1]);

    await updatePayloadTimeZone(context.owner.user.id, context.team.id, { timeZone: "UTC" });
    const feedback = await emitSample("feedback", { teamId: context.team.id, app: context.app });
    const later = JSON.parse((await requestFor(feedback.id)).body) as Record<string, unknown>;
    expect(later.created).toBe(utc(feedback.subjectCreatedAt));
  });
});
