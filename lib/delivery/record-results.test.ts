import { eq, inArray, sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { deliveries, deliveryAttempts, robotSendWindows, webhooks, webhookWarnings } from "@/lib/db/schema";
import { dbTargets, useTestDatabase } from "@/test/databases";
import { emitSample } from "@/test/event-fixtures";
import { insertWebhook, makeTeamWithApp, uniqueSuffix } from "@/test/factories";
import { claimDue } from "./claim";
import { recordResults } from "./record-results";
import type { AttemptResult } from "./types";

describe.each(dbTargets())("recordResults: a batch in one statement (%s)", (kind) => {
  useTestDatabase(kind);

  test("attempt rows, deliveries, streaks, pauses and warnings of a mixed batch are all recorded", async () => {
    const conn = await db();
    const context = await makeTeamWithApp("owner");
    const url = (name: string) => `https://hooks.example.test/${name}-${uniqueSuffix()}`;
    const ok = (await insertWebhook(context.app.id, url("ok"))).row;
    const flaky = (await insertWebhook(context.app.id, url("flaky"))).row;
    const rejected = (await insertWebhook(context.app.id, url("rejected"))).row;
    // A standing warning on `ok`, from before this batch: its success clears it.
    await conn
      .insert(webhookWarnings)
      .values({ webhookId: ok.id, message: "old", at: new Date(Date.now() - 60_000) });
    await emitSample("feedback", { teamId: context.team.id, app: context.app });
    await emitSample("feedback", { teamId: context.team.id, app: context.app });
    const worker = `record-${uniqueSuffix()}`;
    const claimed = await claimDue(worker, { batch: 10, leaseMs: 60_000, perWebhookCap: 10 });
    expect(claimed).toHaveLength(6);
    const of = (webhookId: string) => claimed.filter((row) => row.webhookId === webhookId);
    // One of `ok`'s rows was taken over by another worker meanwhile: its attempt is kept, its state is not.
    const [stolen, okOther] = of(ok.id);
    if (!stolen || !okOther) throw new Error("expected two rows of ok");
    await conn.update(deliveries).set({ lockedBy: "someone-else" }).where(eq(deliveries.id, stolen.id));

    const started = new Date(Date.now() - 1000);
    const base = (row: (typeof claimed)[number], at: number) => ({
      deliveryId: row.id,
      webhookId: row.webhookId,
      workerId: worker,
      attempt: 1,
      startedAt: new Date(started.getTime() + at),
      durationMs: 12,
      requestUrl: "https://hooks.example.test/••••",
      requestHeaders: { "webhook-signature": "v1,••••", "webhook-id": row.eventId },
      requestBody: `{"event":"${row.eventId}"}`,
      configError: false,
      pause: null,
    });
    const success = (row: (typeof claimed)[number], at: number): AttemptResult => ({
      ...base(row, at),
      responseStatus: 200,
      responseHeaders: { "content-type": "text/plain" },
      responseBody: "ok",
      error: null,
      next: { status: "succeeded" },
    });
    const [flaky1, flaky2] = of(flaky.id);
    const [rejected1, rejected2] = of(rejected.id);
    if (!flaky1 || !flaky2 || !rejected1 || !rejected2) throw new Error("expected two rows each");
    const pauseUntil = Date.now() + 30_000;
    const results: AttemptResult[] = [
      success(stolen, 1),
      success(okOther, 2),
      {
        ...base(flaky1, 3),
        responseStatus: 429,
        responseHeaders: { "retry-after": "30" },
        responseBody: "slow down",
        error: "HTTP 429",
        next: { status: "pending", delayMs: 30_000 },
        pause: { url: flaky.url, until: pauseUntil },
      },
      {
        ...base(flaky2, 4),
        responseStatus: null,
        responseHeaders: null,
        responseBody: null,
        error: "Timed out after 15000 ms",
        next: { status: "pending", delayMs: 5000 },
      },
      {
        ...base(rejected1, 5),
        responseStatus: 400,
        responseHeaders: {},
        responseBody: "bad key",
        error: "The service rejected the message: bad key",
        next: { status: "failed" },
        configError: true,
      },
      success(rejected2, 0), // earlier than the rejection: the rejection is the latest word
    ];
    expect(await recordResults(results)).toEqual({
      attempts: 6,
      deliveries: 5,
      streaks: 2, // ok stays healthy: neither locked nor rewritten
      paused: 1,
      cleared: 1,
      carried: 0,
    });

    const attempts = await conn
      .select()
      .from(deliveryAttempts)
      .where(
        inArray(
          deliveryAttempts.deliveryId,
          claimed.map((row) => row.id),
        ),
      );
    expect(attempts).toHaveLength(6);
    const attemptOf = (id: string) => attempts.find((a) => a.deliveryId === id);
    expect(attemptOf(okOther.id)).toMatchObject({
      webhookId: ok.id,
      attempt: 1,
      durationMs: 12,
      requestHeaders: { "webhook-signature": "v1,••••", "webhook-id": okOther.eventId },
      requestBody: `{"event":"${okOther.eventId}"}`,
      responseStatus: 200,
      responseHeaders: { "content-type": "text/plain" },
      error: null,
    });
    expect(attemptOf(flaky2.id)).toMatchObject({
      responseStatus: null,
      responseHeaders: null,
      error: "Timed out after 15000 ms",
    });

    const rows = await conn
      .select()
      .from(deliveries)
      .where(
        inArray(
          deliveries.id,
          claimed.map((row) => row.id),
        ),
      );
    const state = (id: string) => rows.find((row) => row.id === id);
    expect(state(stolen.id)).toMatchObject({ status: "sending", attempts: 0, lockedBy: "someone-else" });
    expect(state(okOther.id)).toMatchObject({
      status: "succeeded",
      attempts: 1,
      lockedBy: null,
      lockedUntil: null,
      lastStatusCode: 200,
    });
    expect(state(okOther.id)?.completedAt).not.toBeNull();
    expect(state(flaky1.id)).toMatchObject({
      status: "pending",
      attempts: 1,
      lastStatusCode: 429,
      lastError: "HTTP 429",
      completedAt: null,
    });
    const wait = (state(flaky1.id)?.nextAttemptAt.getTime() ?? 0) - Date.now();
    expect(wait).toBeGreaterThan(20_000);
    expect(wait).toBeLessThanOrEqual(30_000);
    expect(state(rejected1.id)).toMatchObject({ status: "failed", attempts: 1 });

    const hooks = await conn
      .select()
      .from(webhooks)
      .where(inArray(webhooks.id, [ok.id, flaky.id, rejected.id]));
    const hook = (id: string) => hooks.find((row) => row.id === id);
    expect(hook(ok.id)).toMatchObject({ consecutiveFailures: 0, failingSince: null });
    expect(hook(flaky.id)).toMatchObject({
      consecutiveFailures: 2,
      failingSince: new Date(started.getTime() + 3),
    });
    expect(hook(rejected.id)).toMatchObject({
      consecutiveFailures: 1,
      failingSince: new Date(started.getTime() + 5),
    });

    const [window] = await conn
      .select()
      .from(robotSendWindows)
      .where(eq(robotSendWindows.key, sql`md5(${flaky.url})`));
    expect(window?.freeAt?.getTime()).toBe(pauseUntil);

    const warnings = await conn
      .select()
      .from(webhookWarnings)
      .where(inArray(webhookWarnings.webhookId, [ok.id, flaky.id, rejected.id]));
    expect(warnings).toEqual([
      expect.objectContaining({
        webhookId: rejected.id,
        message: "The service rejected the message: bad key",
        deliveryId: rejected1.id,
      }),
    ]);
  });
});
