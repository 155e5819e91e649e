import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { createTranslator } from "use-intl/core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { listAutoDisabledWebhooks } from "@/lib/db/queries/webhooks";
import { deliveries, type Webhook, webhooks } from "@/lib/db/schema";
import { formatUtc } from "@/lib/format";
import { enableWebhook } from "@/lib/webhooks/enable-webhook";
import { updateWebhook } from "@/lib/webhooks/save-webhook";
import en from "@/messages/en.json";
import { appErrorOf } from "@/test/app-error";
import { dbTargets, useTestDatabase } from "@/test/databases";
import { emitSample } from "@/test/event-fixtures";
import {
  addMember,
  insertWebhook,
  makeTeamWithApp,
  makeUser,
  type TeamWithApp,
  uniqueSuffix,
  webhookBody,
} from "@/test/factories";
import { type Receiver, startReceiver } from "@/test/receiver";
import { describeRule, disableFailingWebhooks } from "./auto-disable";
import { recordResults } from "./record-results";
import type { AttemptResult } from "./types";
import { drainOnce } from "./worker";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const RULE = { failingForMs: 5 * DAY, minFailures: 10 };
/** Five attempts per delivery, all at once: two failing events make ten failures in a row. */
const FIVE_AT_ONCE = { schedule: [0, 0, 0, 0, 0] };

async function row(id: string): Promise<Webhook> {
  const [found] = await (await db()).select().from(webhooks).where(eq(webhooks.id, id));
  if (!found) throw new Error(`no webhook ${id}`);
  return found;
}

describe("describeRule", () => {
  // As the dashboard words it (messages/*.json `webhooks.rule`).
  const say = createTranslator({ locale: "en", messages: en, namespace: "webhooks" });
  const inWords = (rule: Parameters<typeof describeRule>[0]) => say("rule", describeRule(rule));

  test("says the rule in days, or hours when it is not whole days", () => {
    expect(inWords(RULE)).toBe("5 days of failures and at least 10 in a row");
    expect(inWords({ failingForMs: DAY, minFailures: 3 })).toBe("1 day of failures and at least 3 in a row");
    expect(inWords({ failingForMs: 1.5 * HOUR, minFailures: 3 })).toBe(
      "1.5 hours of failures and at least 3 in a row",
    );
  });
});

describe.each(dbTargets())("failure streaks and automatic disable (%s)", (kind) => {
  useTestDatabase(kind);
  let receiver: Receiver;

  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
  });

  /** A webhook of the app at the receiver's `path`, subscribed to every event (inserted: no 3-per-app limit). */
  const hook = async (context: TeamWithApp, path: string) =>
    (await insertWebhook(context.app.id, receiver.url(path))).row.id;

  async function deliverEvents(context: TeamWithApp, count: number, config = FIVE_AT_ONCE) {
    for (let i = 0; i < count; i++) {
      await emitSample("feedback", { teamId: context.team.id, app: context.app });
    }
    return drainOnce({ config });
  }

  test("a webhook failing past the rule is turned off with its reason; shorter, fewer or healthy ones are not", async () => {
    const context = await makeTeamWithApp("owner");
    const down = `/down-${uniqueSuffix()}`;
    const ok = `/ok-${uniqueSuffix()}`;
    receiver.script(down, [{ status: 500, body: "database is down" }]);
    const failing = await hook(context, down);
    const healthy = await hook(context, ok);

    const before = new Date();
    await deliverEvents(context, 2);
    const after = new Date();
    expect(receiver.requestsTo(down)).toHaveLength(10);
    const streak = await row(failing);
    expect(streak.consecutiveFailures).toBe(10);
    expect(streak.failingSince?.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    expect(streak.failingSince?.getTime()).toBeLessThanOrEqual(after.getTime());
    expect(await row(healthy)).toMatchObject({ consecutiveFailures: 0, failingSince: null });

    const since = streak.failingSince as Date;
    // Not failing for long enough yet: five days less a minute.
    const early = new Date(since.getTime() + RULE.failingForMs - 60_000);
    expect(await disableFailingWebhooks({ now: early, ...RULE })).toEqual([]);
    // Long enough, but one failure short of a stricter minimum.
    const late = new Date(since.getTime() + 6 * DAY);
    expect(await disableFailingWebhooks({ now: late, ...RULE, minFailures: 11 })).toEqual([]);
    expect((await row(failing)).enabled).toBe(true);

    const disabled = await disableFailingWebhooks({ now: late, ...RULE });
    expect(disabled.map((d) => d.id)).toEqual([failing]);
    const off = await row(failing);
    expect(off.enabled).toBe(false);
    expect(off.disabledAt?.getTime()).toBe(late.getTime());
    expect(off.disabledReason).toBe(
      `Turned off automatically on ${formatUtc(late)}: all of its last 10 delivery attempts failed, ` +
        `since ${formatUtc(since)} (last: HTTP 500). Fix the endpoint, then re-enable the webhook.`,
    );
    expect(disabled[0]?.reason).toBe(off.disabledReason);
    // The same facts, for the dashboard to say in each viewer's language (components/webhooks/disabled-reason.tsx).
    expect(off.disabledFacts).toEqual({ failures: 10, since: since.toISOString(), last: "HTTP 500" });
    // The healthy webhook is untouched.
    expect(await row(healthy)).toMatchObject({
      enabled: true,
      disabledReason: null,
      disabledAt: null,
      consecutiveFailures: 0,
    });
    // A second run finds nothing more to do.
    expect(await disableFailingWebhooks({ now: late, ...RULE })).toEqual([]);
  });

  test("a pending retry of a webhook turned off is finished as disabled, without sending", async () => {
    const context = await makeTeamWithApp("owner");
    const down = `/down-${uniqueSuffix()}`;
    receiver.script(down, [503]);
    const failing = await hook(context, down);
    await deliverEvents(context, 2);
    // One more event: its first attempt fails and its retry waits an hour.
    await deliverEvents(context, 1, { schedule: [0, HOUR] });
    expect((await row(failing)).consecutiveFailures).toBe(11);
    const since = (await row(failing)).failingSince as Date;

    await disableFailingWebhooks({ now: new Date(since.getTime() + 6 * DAY), ...RULE });
    const database = await db();
    await database
      .update(deliveries)
      .set({ nextAttemptAt: sql`now()` })
      .where(eq(deliveries.status, "pending"));
    const sent = receiver.requestsTo(down).length;
    expect(await drainOnce()).toMatchObject({ claimed: 1, disabled: 1 });
    expect(receiver.requestsTo(down)).toHaveLength(sent);
    const statuses = await database
      .select({ status: deliveries.status })
      .from(deliveries)
      .where(eq(deliveries.webhookId, failing));
    expect(statuses.map((s) => s.status).sort()).toEqual(["disabled", "failed", "failed"]);
  });

  test("a success in between restarts the streak, so the webhook stays on", async () => {
    const context = await makeTeamWithApp("owner");
    const flaky = `/flaky-${uniqueSuffix()}`;
    // Two events fail five times each, the third succeeds at once, the fourth fails five times.
    receiver.script(flaky, [...Array(10).fill(500), 200, ...Array(5).fill(500)]);
    const id = await hook(context, flaky);
    await deliverEvents(context, 2);
    expect((await row(id)).consecutiveFailures).toBe(10);
    const firstSince = (await row(id)).failingSince as Date;

    await deliverEvents(context, 1);
    expect(await row(id)).toMatchObject({ consecutiveFailures: 0, failingSince: null });
    const recovered = new Date();
    await deliverEvents(context, 1);
    const streak = await row(id);
    expect(streak.consecutiveFailures).toBe(5);
    expect(streak.failingSince?.getTime()).toBeGreaterThanOrEqual(recovered.getTime() - 1000);

    // Six days after the first failure: the old streak would qualify, the new one does not.
    const now = new Date(firstSince.getTime() + 6 * DAY);
    expect(await disableFailingWebhooks({ now, ...RULE })).toEqual([]);
    expect((await row(id)).enabled).toBe(true);
  });

  test("within one batch of results, attempts count in the order they started", async () => {
    const context = await makeTeamWithApp("owner");
    const id = await hook(context, `/unused-${uniqueSuffix()}`);
    const t0 = Date.now() - 60_000;
    const result = (at: number, succeeded: boolean, webhookId = id): AttemptResult => ({
      deliveryId: randomUUID(),
      webhookId,
      workerId: "streak-test",
      attempt: 1,
      startedAt: new Date(at),
      durationMs: 10,
      requestUrl: "http://127.0.0.1/",
      requestHeaders: {},
      requestBody: "{}",
      responseStatus: succeeded ? 200 : 500,
      responseHeaders: {},
      responseBody: "",
      error: succeeded ? null : "HTTP 500",
      next: succeeded ? { status: "succeeded" } : { status: "pending", delayMs: 1000 },
      configError: false,
      pause: null,
    });

    // Given out of order: fail, success, fail, fail → two failures since the third attempt.
    await recordResults([
      result(t0 + 3, false),
      result(t0 + 1, false),
      result(t0 + 4, false),
      result(t0 + 2, true),
    ]);
    expect(await row(id)).toMatchObject({ consecutiveFailures: 2, failingSince: new Date(t0 + 3) });
    // Failures add up and keep the first failure's time; a deleted webhook in the batch is simply skipped.
    await recordResults([result(t0 + 5, false), result(t0 + 6, false, randomUUID())]);
    expect(await row(id)).toMatchObject({ consecutiveFailures: 3, failingSince: new Date(t0 + 3) });
    // A success followed by a failure in one batch: the failure counts, from its own time.
    await recordResults([result(t0 + 8, false), result(t0 + 7, true)]);
    expect(await row(id)).toMatchObject({ consecutiveFailures: 1, failingSince: new Date(t0 + 8) });
    await recordResults([result(t0 + 9, true)]);
    expect(await row(id)).toMatchObject({ consecutiveFailures: 0, failingSince: null });
  });

  test("re-enable: admins turn it back on in one click, the reason goes, and the next delivery is sent", async () => {
    const context = await makeTeamWithApp("owner");
    const path = `/back-${uniqueSuffix()}`;
    receiver.script(path, [500]);
    const id = await hook(context, path);
    await deliverEvents(context, 2);
    const since = (await row(id)).failingSince as Date;
    await disableFailingWebhooks({ now: new Date(since.getTime() + 6 * DAY), ...RULE });
    expect((await row(id)).enabled).toBe(false);

    // Members may not; another team's user does not even find it.
    const member = await makeUser("Mia Member");
    await addMember(context.team.id, member.user.id, "member");
    expect((await appErrorOf(() => enableWebhook(member.user.id, context.app.appKey, id))).code).toBe(
      "forbidden",
    );
    const stranger = await makeUser("Stranger");
    expect((await appErrorOf(() => enableWebhook(stranger.user.id, context.app.appKey, id))).code).toBe(
      "not_found",
    );
    expect(
      (await appErrorOf(() => enableWebhook(context.owner.user.id, context.app.appKey, "nope"))).code,
    ).toBe("not_found");

    // The owners' notice lists it (for this team only).
    expect(await listAutoDisabledWebhooks(context.team.id)).toEqual([
      expect.objectContaining({ webhookId: id, appKey: context.app.appKey, appName: context.app.name }),
    ]);
    expect(await listAutoDisabledWebhooks(stranger.team.id)).toEqual([]);

    const enabled = await enableWebhook(context.owner.user.id, context.app.appKey, id);
    expect(enabled).toMatchObject({
      enabled: true,
      disabledReason: null,
      disabledAt: null,
      consecutiveFailures: 0,
      failingSince: null,
    });

    expect(await listAutoDisabledWebhooks(context.team.id)).toEqual([]);

    receiver.script(path, [200]);
    const event = await emitSample("feedback", { teamId: context.team.id, app: context.app });
    expect(await drainOnce()).toMatchObject({ claimed: 1, succeeded: 1 });
    expect(receiver.requestsTo(path).at(-1)?.headers["webhook-id"]).toBe(event.id);
  });

  test("saving the form with the webhook on clears an automatic disable; saving it while on keeps the streak", async () => {
    const context = await makeTeamWithApp("owner");
    const path = `/form-${uniqueSuffix()}`;
    receiver.script(path, [500]);
    const id = await hook(context, path);
    await deliverEvents(context, 2);
    const since = (await row(id)).failingSince as Date;

    // Still on and failing: an edit that keeps it on does not hide the streak.
    const name = `Renamed ${uniqueSuffix()}`;
    await updateWebhook(
      context.owner.user.id,
      context.app.appKey,
      id,
      webhookBody({ name, url: receiver.url(path) }),
    );
    expect(await row(id)).toMatchObject({ name, consecutiveFailures: 10, failingSince: since });

    await disableFailingWebhooks({ now: new Date(since.getTime() + 6 * DAY), ...RULE });
    // Saved while still off: the reason stays.
    await updateWebhook(
      context.owner.user.id,
      context.app.appKey,
      id,
      webhookBody({ name, url: receiver.url(path), enabled: false }),
    );
    expect((await row(id)).disabledReason).toMatch(/^Turned off automatically/);

    await updateWebhook(
      context.owner.user.id,
      context.app.appKey,
      id,
      webhookBody({ name, url: receiver.url(path) }),
    );
    expect(await row(id)).toMatchObject({
      enabled: true,
      disabledReason: null,
      disabledFacts: null,
      disabledAt: null,
      consecutiveFailures: 0,
      failingSince: null,
    });
  });
});
