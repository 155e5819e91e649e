import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { drainOnce } from "@/lib/delivery/worker";
import { createWebhook } from "@/lib/webhooks/save-webhook";
import { appErrorOf } from "@/test/app-error";
import { dbTargets, useTestDatabase } from "@/test/databases";
import { emitSample } from "@/test/event-fixtures";
import { addMember, makeTeamWithApp, makeUser, type TeamWithApp, webhookBody } from "@/test/factories";
import { type Receiver, startReceiver } from "@/test/receiver";
import { getDelivery } from "./get-delivery";
import { listDeliveries } from "./list-deliveries";

const TOKEN = "tok3n5ecretValue0123456789abcdef";

describe.each(dbTargets())("getDelivery (%s)", (kind) => {
  useTestDatabase(kind);
  let receiver: Receiver;
  let context: TeamWithApp;
  let deliveryId: string;
  let eventId: string;

  beforeAll(async () => {
    receiver = await startReceiver();
    context = await makeTeamWithApp("owner");
    const webhook = await createWebhook(
      context.owner.user.id,
      context.app.appKey,
      webhookBody({ url: `${receiver.url(`/hooks/${TOKEN}`)}?access_token=${TOKEN}` }),
    );
    receiver.script(`/hooks/${TOKEN}`, [
      { status: 502, headers: { "x-upstream": "down" }, body: "Bad gateway: upstream down" },
      { status: 200, body: '{"received":true}' },
    ]);
    const event = await emitSample("updateVersion", { teamId: context.team.id, app: context.app });
    eventId = event.id;
    await drainOnce({ config: { schedule: [0, 0] } });
    const page = await listDeliveries(context.owner.user.id, context.app.appKey, webhook.id, {});
    deliveryId = page.deliveries[0]?.id ?? "";
  });
  afterAll(async () => {
    await receiver?.close();
  });

  test("every attempt's request as sent (token and signature masked) and response as received", async () => {
    const detail = await getDelivery(context.owner.user.id, deliveryId);
    expect(detail).toMatchObject({
      id: deliveryId,
      eventId,
      eventType: "updateVersion",
      status: "succeeded",
      attempts: 2,
      lastStatusCode: 200,
      appKey: context.app.appKey,
      test: false,
    });
    expect(detail.attemptsList.map((a) => [a.attempt, a.response?.status, a.error])).toEqual([
      [1, 502, "HTTP 502"],
      [2, 200, null],
    ]);
    const [first, second] = detail.attemptsList;
    expect(first?.response).toMatchObject({ body: "Bad gateway: upstream down" });
    expect(first?.response?.headers["x-upstream"]).toBe("down");
    expect(second?.response?.body).toBe('{"received":true}');
    const sent = receiver.requestsTo(`/hooks/${TOKEN}`);
    for (const [index, attempt] of detail.attemptsList.entries()) {
      expect(JSON.stringify(attempt.request)).not.toContain(TOKEN);
      expect(attempt.request.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${receiver.port}/hooks/`));
      expect(attempt.request.headers["webhook-id"]).toBe(eventId);
      expect(attempt.request.headers["webhook-signature"]).toBe("v1,••••");
      expect(attempt.request.body).toBe(sent[index]?.body);
      expect(attempt.durationMs).toBeGreaterThanOrEqual(0);
      expect(attempt.startedAt).toBeInstanceOf(Date);
    }
  });

  test("members may read it; another team's user, and a malformed or unknown id, get not found", async () => {
    const member = await makeUser("Mia Member");
    await addMember(context.team.id, member.user.id, "member");
    expect((await getDelivery(member.user.id, deliveryId)).id).toBe(deliveryId);

    const stranger = await makeUser("Stranger");
    expect((await appErrorOf(() => getDelivery(stranger.user.id, deliveryId))).code).toBe("not_found");
    const owner = context.owner.user.id;
    expect((await appErrorOf(() => getDelivery(owner, "not-a-uuid"))).code).toBe("not_found");
    expect((await appErrorOf(() => getDelivery(owner, crypto.randomUUID()))).code).toBe("not_found");
    // A team API key of another team does not see it either; one of this team does.
    const foreignKey = {
      apiKey: { id: crypto.randomUUID(), teamId: stranger.team.id, role: "admin" as const },
    };
    expect((await appErrorOf(() => getDelivery(foreignKey, deliveryId))).code).toBe("not_found");
    const ownKey = { apiKey: { id: crypto.randomUUID(), teamId: context.team.id, role: "member" as const } };
    expect((await getDelivery(ownKey, deliveryId)).eventId).toBe(eventId);
  });
});
