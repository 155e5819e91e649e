import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { requeueFailed } from "@/lib/db/queries/delivery-log";
import { deliveries, webhooks } from "@/lib/db/schema";
import { drainOnce } from "@/lib/delivery/worker";
import { createWebhook } from "@/lib/webhooks/save-webhook";
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
import { resendFailed } from "./resend-failed";

describe.each(dbTargets())("resend failed since… (%s)", (kind) => {
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

  /** A webhook whose receiver failed `count` feedback events (one attempt allowed), then answers 200. */
  async function failedDeliveries(count: number) {
    const path = `/resend-${uniqueSuffix()}`;
    const webhook = await createWebhook(
      context.owner.user.id,
      context.app.appKey,
      webhookBody({ url: receiver.url(path), events: ["feedback"] }),
    );
    receiver.script(path, [...Array.from({ length: count }, () => ({ status: 503, body: "down" })), 200]);
    const events = [];
    for (let i = 0; i < count; i++) {
      events.push(await emitSample("feedback", { teamId: context.team.id, app: context.app }));
    }
    await drainOnce({ config: { schedule: [0] } });
    const rows = await (await db()).select().from(deliveries).where(eq(deliveries.webhookId, webhook.id));
    expect(rows.map((row) => row.status)).toEqual(Array(count).fill("failed"));
    return { path, webhook, events, rows };
  }

  async function statuses(webhookId: string) {
    const rows = await (await db())
      .select({ eventId: deliveries.eventId, status: deliveries.status, attempts: deliveries.attempts })
      .from(deliveries)
      .where(eq(deliveries.webhookId, webhookId));
    return new Map(rows.map((row) => [row.eventId, row]));
  }

  test("queues the failed deliveries created since the time (not older ones), each sent once more", async () => {
    const { path, webhook, events } = await failedDeliveries(3);
    const [old, ...recent] = events;
    if (!old) throw new Error("no event");
    // The first failed yesterday: before `since`.
    await (await db())
      .update(deliveries)
      .set({ createdAt: sql`now() - interval '1 day'` })
      .where(eq(deliveries.eventId, old.id));
    const since = new Date(Date.now() - 3_600_000).toISOString();

    const result = await resendFailed(context.owner.user.id, context.app.appKey, webhook.id, { since });
    expect(result).toEqual({ requeued: 2, remaining: 0 });
    // Asked again before a worker ran: nothing is queued twice.
    expect(await resendFailed(context.owner.user.id, context.app.appKey, webhook.id, { since })).toEqual({
      requeued: 0,
      remaining: 0,
    });

    receiver.script(path, [200, 200]);
    expect(await drainOnce({ config: { schedule: [0] } })).toMatchObject({ claimed: 2, succeeded: 2 });
    const after = await statuses(webhook.id);
    expect(after.get(old.id)).toMatchObject({ status: "failed", attempts: 1 });
    for (const event of recent)
      expect(after.get(event.id)).toMatchObject({ status: "succeeded", attempts: 2 });
    const resent = receiver.requestsTo(path).slice(3);
    expect(resent.map((request) => request.headers["webhook-id"]).sort()).toEqual(
      recent.map((e) => e.id).sort(),
    );
  });

  test("at most the limit a request, oldest first; the rest is reported and queued by the next request", async () => {
    const { webhook, events } = await failedDeliveries(3);
    const since = new Date(Date.now() - 3_600_000);
    expect(await requeueFailed(webhook.id, since, 2)).toEqual({ ok: true, requeued: 2, remaining: 1 });
    const after = await statuses(webhook.id);
    expect(events.map((event) => after.get(event.id)?.status)).toEqual(["pending", "pending", "failed"]);
    expect(await requeueFailed(webhook.id, since, 2)).toEqual({ ok: true, requeued: 1, remaining: 0 });
  });

  test("admins only, 404 across teams, 409 while the webhook is off, 400 for a bad time: nothing queued", async () => {
    const { webhook } = await failedDeliveries(1);
    const since = new Date(Date.now() - 3_600_000).toISOString();
    const member = await makeUser();
    await addMember(context.team.id, member.user.id, "member");
    expect(
      (await appErrorOf(() => resendFailed(member.user.id, context.app.appKey, webhook.id, { since }))).code,
    ).toBe("forbidden");
    const stranger = await makeUser();
    expect(
      (await appErrorOf(() => resendFailed(stranger.user.id, context.app.appKey, webhook.id, { since })))
        .code,
    ).toBe("not_found");
    const bad = await appErrorOf(() =>
      resendFailed(context.owner.user.id, context.app.appKey, webhook.id, { since: "yesterday" }),
    );
    expect(bad.code).toBe("invalid");
    expect(bad.fieldErrors?.since).toMatch(/ISO 8601/);
    const future = await appErrorOf(() =>
      resendFailed(context.owner.user.id, context.app.appKey, webhook.id, {
        since: new Date(Date.now() + 86_400_000).toISOString(),
      }),
    );
    expect(future.fieldErrors?.since).toMatch(/future/);
    await (await db()).update(webhooks).set({ enabled: false }).where(eq(webhooks.id, webhook.id));
    const off = await appErrorOf(() =>
      resendFailed(context.owner.user.id, context.app.appKey, webhook.id, { since }),
    );
    expect(off.code).toBe("conflict");
    expect((await statuses(webhook.id)).values().next().value).toMatchObject({ status: "failed" });
  });
});
