import { eq } from "drizzle-orm";
import { Webhook as StandardWebhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { events } from "@/lib/db/schema";
import { drainOnce } from "@/lib/delivery/worker";
import { EVENT_TYPES } from "@/lib/domain/event-catalog";
import { maskUrl } from "@/lib/domain/mask-url";
import { updatePayloadTimeZone } from "@/lib/teams/team-settings";
import { createWebhook, deleteWebhook } from "@/lib/webhooks/save-webhook";
import { revealSigningSecret } from "@/lib/webhooks/signing-secret";
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
import { FakeDingTalk, fakeRobots } from "@/test/fake-robots";
import type { FakeRobots } from "@/test/fake-robots/server";
import { type Receiver, startReceiver } from "@/test/receiver";
import { getDelivery } from "./get-delivery";
import { listDeliveries } from "./list-deliveries";
import { redeliver } from "./redeliver";
import { sendTest } from "./send-test";

const DINGTALK_SECRET = "SEC0f1e2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3";

describe.each(dbTargets())("sendTest (%s)", (kind) => {
  useTestDatabase(kind);
  let receiver: Receiver;
  let robots: FakeRobots;
  let context: TeamWithApp;

  beforeAll(async () => {
    receiver = await startReceiver();
    robots = fakeRobots();
    context = await makeTeamWithApp("owner");
  });
  afterAll(async () => {
    await receiver?.close();
    await robots?.close();
  });

  const owner = () => context.owner.user.id;

  async function hookAt(path: string, events = ["updateVersion" as const]) {
    return createWebhook(owner(), context.app.appKey, webhookBody({ url: receiver.url(path), events }));
  }

  test("200: the sample reaches the receiver signed, marked test, and is logged as a delivered test", async () => {
    const path = `/test-${uniqueSuffix()}`;
    const webhook = await hookAt(path);
    receiver.script(path, [{ status: 200, body: '{"thanks":true}' }]);
    const sample = await emitSample("updateVersion", { teamId: context.team.id, app: context.app });
    await drainOnce(); // the real event, so that the test uses the app's latest version
    const result = await sendTest(owner(), context.app.appKey, webhook.id, { event: "updateVersion" });
    expect(result).toMatchObject({
      status: "succeeded",
      responseStatus: 200,
      responseBody: '{"thanks":true}',
      error: null,
    });
    expect(result.durationMs).toBeGreaterThanOrEqual(0);

    const requests = receiver.requestsTo(path);
    expect(requests).toHaveLength(2);
    const request = requests[1];
    expect(request?.headers["webhook-id"]).toBe(result.eventId);
    const body = JSON.parse(request?.body ?? "{}");
    expect(body).toMatchObject({
      type: "updateVersion",
      action: "App Update",
      title: context.app.name,
      event_id: result.eventId,
      app_key: context.app.appKey,
      os_version: sample.version.version,
      build_version: sample.version.build,
      device_type: "iOS",
      test: true,
    });
    expect(JSON.parse(requests[0]?.body ?? "{}")).not.toHaveProperty("test");
    const { secret } = await revealSigningSecret(owner(), context.app.appKey, webhook.id);
    expect(() =>
      new StandardWebhook(secret).verify(request?.body ?? "", request?.headers ?? {}),
    ).not.toThrow();

    // The result shows the request as it was sent: the same headers (the real signature) and body.
    expect(result.request.url).toBe(maskUrl(receiver.url(path)));
    expect(result.request.body).toBe(request?.body);
    for (const name of ["webhook-id", "webhook-timestamp", "webhook-signature", "x-apphooks-event"]) {
      const sent = Object.entries(result.request.headers).find(([key]) => key.toLowerCase() === name)?.[1];
      expect(sent, name).toBe(request?.headers[name]);
    }
    expect(result.request.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/=]{40,}$/);

    // Stored like any other event, and in the log as a test delivery.
    const [stored] = await (await db()).select().from(events).where(eq(events.id, result.eventId));
    expect(stored).toMatchObject({ type: "updateVersion", appId: context.app.id, teamId: context.team.id });
    const [logged] = (await listDeliveries(owner(), context.app.appKey, webhook.id, {})).deliveries;
    expect(logged).toMatchObject({
      id: result.deliveryId,
      eventId: result.eventId,
      status: "succeeded",
      attempts: 1,
      lastStatusCode: 200,
      test: true,
    });
    await deleteWebhook(owner(), context.app.appKey, webhook.id);
  });

  test("the sample writes its times in the team's payload time zone", async () => {
    const china = await makeTeamWithApp("owner");
    await updatePayloadTimeZone(china.owner.user.id, china.team.id, { timeZone: "Asia/Shanghai" });
    const path = `/test-${uniqueSuffix()}`;
    const webhook = await createWebhook(
      china.owner.user.id,
      china.app.appKey,
      webhookBody({ url: receiver.url(path), events: ["feedback"] }),
    );
    await sendTest(china.owner.user.id, china.app.appKey, webhook.id, { event: "feedback" });
    const body = JSON.parse(receiver.requestsTo(path)[0]?.body ?? "{}");
    // The sample feedback arrives as it is sent: created is the event's time, in China time (UTC+8).
    const chinaTime = new Date(body.timestamp * 1000 + 8 * 3600_000)
      .toISOString()
      .replace("T", " ")
      .slice(0, 19);
    expect(body.created).toBe(chinaTime);
  });

  test("500: failed at once, not retried, with the answer's body", async () => {
    const path = `/test-${uniqueSuffix()}`;
    const webhook = await hookAt(path);
    receiver.script(path, [{ status: 500, body: "boom: no database" }]);
    const result = await sendTest(owner(), context.app.appKey, webhook.id, { event: "crashlog" });
    expect(result).toMatchObject({
      status: "failed",
      responseStatus: 500,
      responseBody: "boom: no database",
      error: "HTTP 500",
    });
    const detail = await getDelivery(owner(), result.deliveryId);
    expect(detail).toMatchObject({ status: "failed", attempts: 1, nextAttemptAt: null, test: true });
    expect(detail.attemptsList).toHaveLength(1);
    // Nothing is left for a worker.
    expect(await drainOnce({ config: { schedule: [0, 0, 0] } })).toMatchObject({ claimed: 0 });
    expect(receiver.requestsTo(path)).toHaveLength(1);
    // Redelivering a test sends it once more, still not retried.
    await redeliver(owner(), result.deliveryId);
    await drainOnce({ config: { schedule: [0, 0, 0] } });
    expect(receiver.requestsTo(path)).toHaveLength(2);
    expect((await getDelivery(owner(), result.deliveryId)).status).toBe("failed");
    await deleteWebhook(owner(), context.app.appKey, webhook.id);
  });

  test("every event type has a realistic sample, even for an app with no version yet", async () => {
    const fresh = await makeTeamWithApp("owner");
    const path = `/all-${uniqueSuffix()}`;
    const webhook = await createWebhook(
      fresh.owner.user.id,
      fresh.app.appKey,
      webhookBody({ url: receiver.url(path), events: ["feedback"] }),
    );
    for (const event of EVENT_TYPES) {
      const result = await sendTest(fresh.owner.user.id, fresh.app.appKey, webhook.id, { event });
      expect(result.status).toBe("succeeded");
    }
    const bodies = receiver.requestsTo(path).map((request) => JSON.parse(request.body));
    expect(bodies.map((body) => body.type)).toEqual([...EVENT_TYPES]);
    for (const body of bodies) {
      expect(body).toMatchObject({ test: true, title: "Test App", device_type: "iOS" });
      expect(body.os_version).toMatch(/^\d+\.\d+/);
      expect(body.message).toContain("Test App");
      expect(body.created).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    }
    expect(bodies.find((body) => body.type === "crashlog")?.data.exception).toBeTruthy();
    expect(bodies.find((body) => body.type === "feedback")?.data.contact).toBeTruthy();
  });

  test("a DingTalk robot gets a signed markdown message titled [Test]", async () => {
    const ding = await robots.add(new FakeDingTalk({ secret: DINGTALK_SECRET, keywords: ["AppHooks"] }));
    const webhook = await createWebhook(
      owner(),
      context.app.appKey,
      webhookBody({ type: "dingtalk", url: ding.url, secret: DINGTALK_SECRET, events: ["feedback"] }),
    );
    const result = await sendTest(owner(), context.app.appKey, webhook.id, { event: "feedback" });
    expect(result).toMatchObject({ status: "succeeded", responseStatus: 200 });
    expect(JSON.parse(result.responseBody ?? "{}")).toMatchObject({ errcode: 0 });
    const [posted] = ding.posted;
    const markdown = posted?.body.markdown as { title: string; text: string };
    expect(markdown.title).toMatch(/^\[Test\] AppHooks Application Notice · Test App · App Feedback/);
    const detail = await getDelivery(owner(), result.deliveryId);
    expect(detail.attemptsList[0]?.request.url).not.toContain(ding.token);
    // The result's request: the URL masked as the log masks it (token, timestamp and sign), the body as posted.
    expect(result.request.url).toBe(detail.attemptsList[0]?.request.url);
    expect(result.request.url).not.toContain(ding.token);
    expect(result.request.url).toContain("sign=");
    expect(JSON.parse(result.request.body)).toEqual(posted?.body);
    expect(result.request.headers).not.toHaveProperty("webhook-signature");
    await deleteWebhook(owner(), context.app.appKey, webhook.id);
  });

  test("members are refused, another team gets not found, a bad event type is a field error", async () => {
    const webhook = await hookAt(`/refused-${uniqueSuffix()}`);
    const member = await makeUser("Mia Member");
    await addMember(context.team.id, member.user.id, "member");
    const before = receiver.requests.length;
    const forbidden = await appErrorOf(() =>
      sendTest(member.user.id, context.app.appKey, webhook.id, { event: "feedback" }),
    );
    expect(forbidden.code).toBe("forbidden");
    const stranger = await makeUser("Stranger");
    const foreign = await appErrorOf(() =>
      sendTest(stranger.user.id, context.app.appKey, webhook.id, { event: "feedback" }),
    );
    expect(foreign.code).toBe("not_found");
    const otherApp = await makeTeamWithApp("owner");
    const crossed = await appErrorOf(() =>
      sendTest(otherApp.owner.user.id, otherApp.app.appKey, webhook.id, { event: "feedback" }),
    );
    expect(crossed.code).toBe("not_found");
    const invalid = await appErrorOf(() =>
      sendTest(owner(), context.app.appKey, webhook.id, { event: "install" }),
    );
    expect(invalid.fieldErrors).toEqual({ event: "Choose an event type." });
    expect(receiver.requests.length).toBe(before);
    await deleteWebhook(owner(), context.app.appKey, webhook.id);
  });
});
