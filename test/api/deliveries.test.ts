import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as deliveriesRoute from "@/app/api/v1/apps/[appKey]/webhooks/[webhookId]/deliveries/route";
import * as resendFailedRoute from "@/app/api/v1/apps/[appKey]/webhooks/[webhookId]/resend-failed/route";
import * as testRoute from "@/app/api/v1/apps/[appKey]/webhooks/[webhookId]/test/route";
import * as redeliverRoute from "@/app/api/v1/deliveries/[deliveryId]/redeliver/route";
import * as deliveryRoute from "@/app/api/v1/deliveries/[deliveryId]/route";
import { revokeApiKey } from "@/lib/api-keys/api-keys";
import { listApiKeys } from "@/lib/db/queries/api-keys";
import type { Webhook } from "@/lib/db/schema";
import { drainOnce } from "@/lib/delivery/worker";
import { createWebhook } from "@/lib/webhooks/save-webhook";
import { callApi, keyFor } from "@/test/api/call-api";
import { dbTargets, useTestDatabase } from "@/test/databases";
import { emitSample } from "@/test/event-fixtures";
import { makeTeamWithApp, type TeamWithApp, webhookBody } from "@/test/factories";
import { type Receiver, startReceiver } from "@/test/receiver";

type Fixture = TeamWithApp & { hook: Webhook; deliveryId: string; eventId: string };

describe.each(dbTargets())("public API: deliveries (%s)", (kind) => {
  useTestDatabase(kind);
  let receiver: Receiver;
  let mine: Fixture;
  let theirs: Fixture;

  /** A team whose webhook got one updateVersion delivery: 500, then 200 on the retry. */
  async function deliveredFixture(path: string): Promise<Fixture> {
    const fixture = await makeTeamWithApp();
    const hook = await createWebhook(
      fixture.owner.user.id,
      fixture.app.appKey,
      webhookBody({ url: receiver.url(path), events: ["updateVersion", "feedback"] }),
    );
    receiver.script(path, [
      { status: 500, body: "boom" },
      { status: 200, body: '{"ok":true}' },
    ]);
    const event = await emitSample("updateVersion", { teamId: fixture.team.id, app: fixture.app });
    await drainOnce({ config: { schedule: [0, 0] } });
    const owner = await keyFor(fixture, "owner");
    const page = await callApi(deliveriesRoute.GET, "GET", {
      key: owner,
      params: { appKey: fixture.app.appKey, webhookId: hook.id },
    });
    const [first] = page.json.deliveries as Array<{ id: string }>;
    if (!first) throw new Error("no delivery");
    return { ...fixture, hook, deliveryId: first.id, eventId: event.id };
  }

  beforeAll(async () => {
    receiver = await startReceiver();
    mine = await deliveredFixture("/mine");
    theirs = await deliveredFixture("/theirs");
  });
  afterAll(async () => {
    await receiver?.close();
  });

  const hookParams = (fixture: Fixture) => ({ appKey: fixture.app.appKey, webhookId: fixture.hook.id });

  test("GET …/deliveries: newest first, filtered, paged; read-only keys may read", async () => {
    const key = await keyFor(mine, "member");
    await emitSample("feedback", { teamId: mine.team.id, app: mine.app });
    const { status, json } = await callApi(deliveriesRoute.GET, "GET", { key, params: hookParams(mine) });
    expect(status).toBe(200);
    expect(json.deliveries).toEqual([
      expect.objectContaining({ eventType: "feedback", status: "pending", attempts: 0 }),
      expect.objectContaining({
        id: mine.deliveryId,
        eventId: mine.eventId,
        eventType: "updateVersion",
        status: "succeeded",
        attempts: 2,
        lastStatusCode: 200,
        test: false,
      }),
    ]);
    const firstPage = await callApi(deliveriesRoute.GET, "GET", {
      key,
      params: hookParams(mine),
      query: { limit: "1" },
    });
    expect(firstPage.json.deliveries).toHaveLength(1);
    expect(firstPage.json.nextCursor).toEqual(expect.any(String));
    const secondPage = await callApi(deliveriesRoute.GET, "GET", {
      key,
      params: hookParams(mine),
      query: { limit: "1", cursor: String(firstPage.json.nextCursor) },
    });
    expect(secondPage.json).toMatchObject({ deliveries: [{ id: mine.deliveryId }], nextCursor: null });
    const filtered = await callApi(deliveriesRoute.GET, "GET", {
      key,
      params: hookParams(mine),
      query: { status: "succeeded" },
    });
    expect((filtered.json.deliveries as unknown[]).length).toBe(1);
  });

  test("GET …/deliveries: 400 for a bad filter, 404 for another team's webhook", async () => {
    const key = await keyFor(mine, "member");
    const invalid = await callApi(deliveriesRoute.GET, "GET", {
      key,
      params: hookParams(mine),
      query: { status: "lost", limit: "500" },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.json.error?.fields).toMatchObject({
      status: expect.stringContaining("pending"),
      limit: "Limit must be at most 100.",
    });
    for (const params of [hookParams(theirs), { appKey: mine.app.appKey, webhookId: theirs.hook.id }]) {
      expect((await callApi(deliveriesRoute.GET, "GET", { key, params })).status).toBe(404);
    }
  });

  test("GET /deliveries/{id}: the attempts with requests and responses; 404 across teams", async () => {
    const key = await keyFor(mine, "member");
    const { status, json } = await callApi(deliveryRoute.GET, "GET", {
      key,
      params: { deliveryId: mine.deliveryId },
    });
    expect(status).toBe(200);
    expect(json).toMatchObject({ id: mine.deliveryId, webhookId: mine.hook.id, appKey: mine.app.appKey });
    const attempts = json.attemptsList as Array<{
      attempt: number;
      response: { status: number; body: string };
    }>;
    expect(
      attempts.map((attempt) => [attempt.attempt, attempt.response.status, attempt.response.body]),
    ).toEqual([
      [1, 500, "boom"],
      [2, 200, '{"ok":true}'],
    ]);
    for (const deliveryId of [theirs.deliveryId, "not-a-uuid"]) {
      const across = await callApi(deliveryRoute.GET, "GET", { key, params: { deliveryId } });
      expect(across.status).toBe(404);
      expect(across.json.error).toEqual({ code: "not_found", message: "Delivery not found." });
    }
  });

  test("POST /deliveries/{id}/redeliver: 202 pending with the same event; 403 read-only; 404 across teams", async () => {
    const member = await callApi(redeliverRoute.POST, "POST", {
      key: await keyFor(mine, "member"),
      params: { deliveryId: mine.deliveryId },
    });
    expect(member.status).toBe(403);
    const admin = await keyFor(mine, "admin");
    const across = await callApi(redeliverRoute.POST, "POST", {
      key: admin,
      params: { deliveryId: theirs.deliveryId },
    });
    expect(across.status).toBe(404);
    const { status, json } = await callApi(redeliverRoute.POST, "POST", {
      key: admin,
      params: { deliveryId: mine.deliveryId },
    });
    expect(status).toBe(202);
    expect(json).toMatchObject({ id: mine.deliveryId, eventId: mine.eventId, status: "pending" });
    const before = receiver.requestsTo("/mine").length;
    await drainOnce({ config: { schedule: [0, 0] } });
    const sent = receiver.requestsTo("/mine").slice(before);
    expect(sent.map((request) => request.headers["webhook-id"])).toContain(mine.eventId);
  });

  test("POST …/resend-failed: 202 with what was queued; 400 for a bad time; 403 read-only; 404 across teams", async () => {
    const params = { appKey: mine.app.appKey, webhookId: mine.hook.id };
    const since = new Date(Date.now() - 3_600_000).toISOString();
    const member = await callApi(resendFailedRoute.POST, "POST", {
      key: await keyFor(mine, "member"),
      params,
      body: { since },
    });
    expect(member.status).toBe(403);
    const admin = await keyFor(mine, "admin");
    const across = await callApi(resendFailedRoute.POST, "POST", {
      key: admin,
      params: { appKey: mine.app.appKey, webhookId: theirs.hook.id },
      body: { since },
    });
    expect(across.status).toBe(404);
    const bad = await callApi(resendFailedRoute.POST, "POST", {
      key: admin,
      params,
      body: { since: "last week" },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error?.fields?.since).toMatch(/ISO 8601/);
    const extra = await callApi(resendFailedRoute.POST, "POST", {
      key: admin,
      params,
      body: { since, all: true },
    });
    expect(extra.status).toBe(400);
    // Its one delivery succeeded on the retry: nothing failed to queue.
    const { status, json } = await callApi(resendFailedRoute.POST, "POST", {
      key: admin,
      params,
      body: { since },
    });
    expect(status).toBe(202);
    expect(json).toEqual({ requeued: 0, remaining: 0 });
  });

  test("POST …/test sends a sample now and answers the receiver's result; 400, 403, 404", async () => {
    const admin = await keyFor(mine, "admin");
    receiver.script("/mine", [{ status: 200, body: '{"thanks":"for testing"}' }]);
    const { status, json } = await callApi(testRoute.POST, "POST", {
      key: admin,
      params: hookParams(mine),
      body: { event: "crashlog" },
    });
    expect(status).toBe(200);
    expect(json).toMatchObject({
      status: "succeeded",
      responseStatus: 200,
      responseBody: '{"thanks":"for testing"}',
    });
    const received = receiver.requestsTo("/mine").at(-1);
    expect(received?.headers["webhook-id"]).toBe(json.eventId);
    expect(JSON.parse(received?.body ?? "{}")).toMatchObject({ type: "crashlog" });

    const invalid = await callApi(testRoute.POST, "POST", {
      key: admin,
      params: hookParams(mine),
      body: { event: "nope" },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.json.error?.fields).toEqual({ event: "Choose an event type." });
    const member = await callApi(testRoute.POST, "POST", {
      key: await keyFor(mine, "member"),
      params: hookParams(mine),
      body: { event: "crashlog" },
    });
    expect(member.status).toBe(403);
    const across = await callApi(testRoute.POST, "POST", {
      key: admin,
      params: hookParams(theirs),
      body: { event: "crashlog" },
    });
    expect(across.status).toBe(404);
    expect(receiver.requestsTo("/theirs")).toHaveLength(2);
  });

  test("without a key, with a wrong or a revoked key → 401", async () => {
    const fixture = await makeTeamWithApp();
    const key = await keyFor(fixture, "owner");
    const [listed] = await listApiKeys(fixture.team.id);
    if (!listed) throw new Error("no key");
    await revokeApiKey(fixture.owner.user.id, fixture.team.id, listed.id);
    for (const candidate of [undefined, `ahk_${"z".repeat(43)}`, key]) {
      const answers = [
        await callApi(deliveriesRoute.GET, "GET", { key: candidate, params: hookParams(mine) }),
        await callApi(testRoute.POST, "POST", {
          key: candidate,
          params: hookParams(mine),
          body: { event: "feedback" },
        }),
        await callApi(deliveryRoute.GET, "GET", { key: candidate, params: { deliveryId: mine.deliveryId } }),
        await callApi(redeliverRoute.POST, "POST", {
          key: candidate,
          params: { deliveryId: mine.deliveryId },
        }),
      ];
      expect(answers.map((answer) => answer.status)).toEqual([401, 401, 401, 401]);
    }
  });
});
