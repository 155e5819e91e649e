import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { deliveries } from "@/lib/db/schema";
import { drainOnce } from "@/lib/delivery/worker";
import { createWebhook } from "@/lib/webhooks/save-webhook";
import { appErrorOf } from "@/test/app-error";
import { dbTargets, useTestDatabase } from "@/test/databases";
import { emitSample } from "@/test/event-fixtures";
import { makeTeamWithApp, makeUser, type TeamWithApp, webhookBody } from "@/test/factories";
import { type Receiver, startReceiver } from "@/test/receiver";
import { type DeliverySummary, listDeliveries } from "./list-deliveries";

describe.each(dbTargets())("listDeliveries (%s)", (kind) => {
  useTestDatabase(kind);
  let receiver: Receiver;
  let context: TeamWithApp;
  let webhookId: string;
  const emitted: Array<{ id: string; type: string }> = [];

  beforeAll(async () => {
    receiver = await startReceiver();
    context = await makeTeamWithApp("owner");
    const webhook = await createWebhook(
      context.owner.user.id,
      context.app.appKey,
      webhookBody({ url: receiver.url("/log"), events: ["updateVersion", "feedback"] }),
    );
    webhookId = webhook.id;
    // Seven events, oldest first: 4 updateVersion (delivered, 200), 3 feedback (answered 500: failed).
    receiver.script("/log", [200, 200, 200, 200, 500]);
    for (const type of ["updateVersion", "updateVersion", "updateVersion", "updateVersion"] as const) {
      emitted.push(await emitSample(type, { teamId: context.team.id, app: context.app }));
    }
    await drainOnce({ config: { schedule: [0] } });
    for (const type of ["feedback", "feedback", "feedback"] as const) {
      emitted.push(await emitSample(type, { teamId: context.team.id, app: context.app }));
    }
    await drainOnce({ config: { schedule: [0] } });
  });
  afterAll(async () => {
    await receiver?.close();
  });

  const list = (query: Record<string, unknown>) =>
    listDeliveries(context.owner.user.id, context.app.appKey, webhookId, query);

  async function allPages(query: Record<string, unknown>): Promise<DeliverySummary[][]> {
    const pages: DeliverySummary[][] = [];
    let cursor: string | undefined;
    do {
      const page = await list({ ...query, cursor });
      pages.push(page.deliveries);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && pages.length < 20);
    return pages;
  }

  test("newest first, with each delivery's event, status, HTTP code, duration and attempts", async () => {
    const { deliveries: rows, nextCursor } = await list({});
    expect(nextCursor).toBeNull();
    expect(rows.map((row) => row.eventId)).toEqual(emitted.map((event) => event.id).reverse());
    const [newest] = rows;
    expect(newest).toMatchObject({
      eventType: "feedback",
      status: "failed",
      attempts: 1,
      lastStatusCode: 500,
      lastError: "HTTP 500",
      nextAttemptAt: null,
      test: false,
    });
    expect(newest?.lastDurationMs).toBeGreaterThanOrEqual(0);
    expect(rows.at(-1)).toMatchObject({
      eventType: "updateVersion",
      status: "succeeded",
      lastStatusCode: 200,
    });
  });

  test("pages of 3 cover every delivery once, in order, and the last page has no cursor", async () => {
    const pages = await allPages({ limit: 3 });
    expect(pages.map((page) => page.length)).toEqual([3, 3, 1]);
    expect(pages.flat().map((row) => row.eventId)).toEqual(emitted.map((event) => event.id).reverse());
  });

  test("keyset boundaries: rows with the same created_at, or microseconds apart, are neither skipped nor repeated", async () => {
    const database = await db();
    const ids = (await list({})).deliveries.map((row) => row.id);
    // Four rows share one instant; three others are 1 µs apart within the same millisecond.
    await database
      .update(deliveries)
      .set({ createdAt: sql`'2026-01-01 00:00:00.000500+00'::timestamptz` })
      .where(
        sql`${deliveries.id} in (${sql.join(
          ids.slice(0, 4).map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
      );
    for (const [index, id] of ids.slice(4).entries()) {
      await database
        .update(deliveries)
        .set({ createdAt: sql`${`2025-12-31 23:59:59.99900${index + 1}+00`}::timestamptz` })
        .where(eq(deliveries.id, id));
    }
    for (const limit of [1, 2, 3]) {
      const seen = (await allPages({ limit })).flat().map((row) => row.id);
      expect(seen).toHaveLength(ids.length);
      expect(new Set(seen).size).toBe(ids.length);
    }
    const ordered = (await allPages({ limit: 1 })).flat();
    // The microsecond rows come last, newest (…003) first.
    expect(ordered.slice(4).map((row) => row.id)).toEqual(ids.slice(4).reverse());
  });

  test("filters by status and by event type, and pages within the filter", async () => {
    const failed = await list({ status: "failed" });
    expect(failed.deliveries).toHaveLength(3);
    expect(failed.deliveries.every((row) => row.status === "failed")).toBe(true);
    const updates = await allPages({ event: "updateVersion", limit: 3 });
    expect(updates.map((page) => page.length)).toEqual([3, 1]);
    expect(updates.flat().every((row) => row.eventType === "updateVersion")).toBe(true);
    expect((await list({ event: "feedback", status: "succeeded" })).deliveries).toEqual([]);
    // A select's "All" sends an empty value: no filter.
    expect((await list({ status: "", event: "" })).deliveries).toHaveLength(7);
  });

  test("finds one event's delivery by its id (the webhook-id header) or by the delivery's id", async () => {
    const target = emitted[2];
    if (!target) throw new Error("no event");
    const byEvent = await list({ search: target.id });
    expect(byEvent.deliveries.map((row) => row.eventId)).toEqual([target.id]);
    const deliveryId = byEvent.deliveries[0]?.id ?? "";
    expect((await list({ search: ` ${deliveryId.toUpperCase()} ` })).deliveries.map((row) => row.id)).toEqual(
      [deliveryId],
    );
    expect((await list({ search: "evt_nosuchevent" })).deliveries).toEqual([]);
  });

  test("a time range keeps the deliveries created at or after since and before until", async () => {
    const rows = (await list({})).deliveries;
    // Spread the seven over seven days, newest today.
    for (const [index, row] of rows.entries()) {
      await (await db())
        .update(deliveries)
        .set({ createdAt: sql`now() - ${index} * interval '1 day'` })
        .where(eq(deliveries.id, row.id));
    }
    const day = 86_400_000;
    const since = new Date(Date.now() - 2.5 * day).toISOString();
    const until = new Date(Date.now() - 0.5 * day).toISOString();
    const ranged = (await list({ since, until })).deliveries;
    expect(ranged.map((row) => row.id)).toEqual(rows.slice(1, 3).map((row) => row.id));
    expect((await list({ since })).deliveries).toHaveLength(3);
    expect((await list({ until })).deliveries).toHaveLength(6);
  });

  test("a pending retry shows when it is due", async () => {
    receiver.script("/log", [503]);
    const event = await emitSample("updateVersion", { teamId: context.team.id, app: context.app });
    await drainOnce({ config: { schedule: [0, 3_600_000] } });
    const [row] = (await list({ status: "pending" })).deliveries;
    expect(row).toMatchObject({ eventId: event.id, status: "pending", attempts: 1, lastStatusCode: 503 });
    // An hour with ±20 % jitter.
    expect(row?.nextAttemptAt?.getTime()).toBeGreaterThan(Date.now() + 47 * 60_000);
  });

  test("bad filters, limits and cursors are field errors", async () => {
    expect((await appErrorOf(() => list({ status: "lost" }))).fieldErrors).toHaveProperty("status");
    expect((await appErrorOf(() => list({ event: "install" }))).fieldErrors).toHaveProperty("event");
    expect((await appErrorOf(() => list({ limit: 0 }))).fieldErrors).toHaveProperty("limit");
    expect((await appErrorOf(() => list({ search: "DROP TABLE" }))).fieldErrors?.search).toMatch(/event id/);
    expect((await appErrorOf(() => list({ since: "last week" }))).fieldErrors?.since).toMatch(/ISO 8601/);
    const reversed = await appErrorOf(() =>
      list({ since: "2026-03-02T10:00:00Z", until: "2026-03-02T09:00:00+08:00" }),
    );
    expect(reversed.fieldErrors?.until).toMatch(/after Since/);
    expect((await appErrorOf(() => list({ limit: 101 }))).fieldErrors).toHaveProperty("limit");
    for (const cursor of ["nonsense", Buffer.from('["x","y"]').toString("base64url")]) {
      const error = await appErrorOf(() => list({ cursor }));
      expect(error.code).toBe("invalid");
      expect(error.fieldErrors).toHaveProperty("cursor");
    }
  });

  test("members may read; another team's app or webhook is not found", async () => {
    const member = await makeTeamWithApp("member");
    const memberHook = await createWebhook(member.owner.user.id, member.app.appKey, webhookBody());
    const page = await listDeliveries(member.actor.user.id, member.app.appKey, memberHook.id, {});
    expect(page).toEqual({ deliveries: [], nextCursor: null });

    const stranger = await makeUser("Stranger");
    const foreign = await appErrorOf(() =>
      listDeliveries(stranger.user.id, context.app.appKey, webhookId, {}),
    );
    expect(foreign.code).toBe("not_found");
    // Another app's webhook id through an app the caller may see.
    const crossed = await appErrorOf(() =>
      listDeliveries(member.owner.user.id, member.app.appKey, webhookId, {}),
    );
    expect(crossed.code).toBe("not_found");
    const malformed = await appErrorOf(() =>
      listDeliveries(context.owner.user.id, context.app.appKey, "nope", {}),
    );
    expect(malformed.code).toBe("not_found");
  });
});
