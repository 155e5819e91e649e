import { asc, eq, inArray } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { db, transaction } from "@/lib/db/client";
import { webhookWarnings } from "@/lib/db/queries/webhook-warnings";
import { type Delivery, deliveries, deliveryAttempts, type Webhook, webhooks } from "@/lib/db/schema";
import { EVENT_TYPES, type EventType, type Language } from "@/lib/domain/event-catalog";
import { emit } from "@/lib/events/emit";
import { dbTargets, useTestDatabase } from "@/test/databases";
import { makeTeamWithApp, type TeamWithApp, uniqueSuffix } from "@/test/factories";
import {
  type Clock,
  FakeDingTalk,
  FakeDiscord,
  FakeLark,
  type FakeRobot,
  FakeSlack,
  FakeTeams,
  FakeWeCom,
  fakeRobots,
  fastClock,
  steppedClock,
} from "@/test/fake-robots";
import {
  chineseCrashLog,
  emitFixed,
  FIXED_APP,
  FIXED_TIME,
  fixedFacts,
  robotWebhook,
} from "@/test/robot-fixtures";
import type { DeliveryConfig } from "./config";
import type { RobotType } from "./formats";
import { startWorker, type Worker } from "./worker";

const BASE_URL = "https://apphooks.example.test";
const ROBOT_TYPES: RobotType[] = ["wecom", "dingtalk", "lark", "slack", "discord", "teams"];
const LANGUAGES: Language[] = ["en", "zh-CN"];
const DINGTALK_SECRET = "SEC6c2b1f0e9d8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e";
const LARK_SECRET = "qR7wXy2mZk9pLs4tVb6nHc";

type Fixture = {
  context: TeamWithApp;
  robots: ReturnType<typeof fakeRobots>;
  workers: Worker[];
  /** Per worker: who waits for its next idle moment (a claim cycle ended, nothing more to claim now). */
  idleWaiters: Array<Set<() => void>>;
};

/** Starts workers sharing `clock`: fast polling, a short retry schedule, the test's base URL. */
function startWorkers(fixture: Fixture, clock: Clock, count = 1, config: Partial<DeliveryConfig> = {}): void {
  for (let i = 0; i < count; i++) {
    const waiters = new Set<() => void>();
    fixture.idleWaiters.push(waiters);
    fixture.workers.push(
      startWorker({
        id: `robots-${uniqueSuffix()}`,
        config: {
          pollMs: 20,
          schedule: [0, 300, 300, 300],
          totalTimeoutMs: 10_000, // generous: a loaded CI machine can take seconds to answer locally
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

/** Resolves once every running worker has ended one more claim cycle. */
function nextIdle(fixture: Fixture): Promise<void> {
  return Promise.all(
    fixture.idleWaiters.map((waiters) => new Promise<void>((resolve) => waiters.add(resolve))),
  ).then(() => undefined);
}

async function deliveriesOf(appId: string): Promise<Delivery[]> {
  return (await db())
    .select()
    .from(deliveries)
    .where(eq(deliveries.appId, appId))
    .orderBy(asc(deliveries.createdAt));
}

/** Waits until the app has `count` deliveries, none of them pending or sending any more. */
async function settledDeliveries(appId: string, count: number, timeout = 20_000): Promise<Delivery[]> {
  await expect
    .poll(
      async () => {
        const rows = await deliveriesOf(appId);
        return (
          rows.length === count && rows.every((row) => row.status !== "pending" && row.status !== "sending")
        );
      },
      { timeout, interval: 50 },
    )
    .toBe(true);
  return deliveriesOf(appId);
}

/** The accepted requests of a fake, by event type (the X-AppHooks-Event header). */
function postedBodies(fake: FakeRobot): Map<EventType, Record<string, unknown>> {
  const out = new Map<EventType, Record<string, unknown>>();
  for (const exchange of fake.exchanges) {
    if (!exchange.accepted) continue;
    out.set(exchange.request.headers["x-apphooks-event"] as EventType, JSON.parse(exchange.request.body));
  }
  return out;
}

describe.each(dbTargets())("chat robots (%s)", (kind) => {
  useTestDatabase(kind);
  const fixture = {} as Fixture;

  beforeAll(() => {
    fixture.robots = fakeRobots();
    fixture.workers = [];
    fixture.idleWaiters = [];
  });
  afterEach(async () => {
    fixture.idleWaiters.splice(0);
    await Promise.all(fixture.workers.splice(0).map((worker) => worker.stop()));
  });
  afterAll(async () => {
    await fixture.robots?.close();
  });

  async function freshApp(): Promise<TeamWithApp> {
    fixture.context = await makeTeamWithApp("owner");
    return fixture.context;
  }

  test("every robot type accepts every event type, in English and in Chinese; the bodies are the committed snapshots", async () => {
    const context = await freshApp();
    const clock = fastClock(20); // Slack's 1 a second: seven messages in well under a second
    const fakes = new Map<string, FakeRobot & { url: string }>();
    for (const language of LANGUAGES) {
      const zh = language === "zh-CN";
      // The keyword Pgyer's guide has users register (docs/robots.md#keywords): DingTalk and Lark refuse a
      // message without it.
      const keywords = [zh ? "应用" : "Application"];
      const made: Record<RobotType, FakeRobot> = {
        wecom: new FakeWeCom({ clock }),
        dingtalk: new FakeDingTalk({ clock, secret: DINGTALK_SECRET, keywords }),
        // The Chinese Lark bot checks the keyword only, and answers the older {"StatusCode":0}.
        lark: zh
          ? new FakeLark({ clock, keywords, legacy: true })
          : new FakeLark({ clock, secret: LARK_SECRET, keywords }),
        slack: new FakeSlack({ clock }),
        discord: new FakeDiscord({ clock }),
        // The Chinese Teams channel is an older Office 365 connector: it answers 200 "1", not 202.
        teams: new FakeTeams({ clock, connector: zh }),
      };
      for (const type of ROBOT_TYPES) {
        const fake = await fixture.robots.add(made[type]);
        fakes.set(`${type}/${language}`, fake);
        const secret =
          type === "dingtalk" ? DINGTALK_SECRET : type === "lark" && !zh ? LARK_SECRET : undefined;
        await robotWebhook(context.app.id, { type, url: fake.url, language, secret });
      }
    }
    for (const type of EVENT_TYPES) await emitFixed(type, { teamId: context.team.id, app: context.app });
    startWorkers(fixture, clock);

    const rows = await settledDeliveries(context.app.id, EVENT_TYPES.length * ROBOT_TYPES.length * 2);
    for (const row of rows) expect(row).toMatchObject({ status: "succeeded", attempts: 1, lastError: null });
    const deliveryIds = new Set(rows.map((row) => row.id));

    for (const type of ROBOT_TYPES) {
      const bodies = LANGUAGES.map((language) => {
        const fake = fakes.get(`${type}/${language}`) as FakeRobot;
        expect(fake.rejected).toEqual([]);
        expect(fake.posted).toHaveLength(EVENT_TYPES.length);
        return postedBodies(fake);
      });
      for (const event of EVENT_TYPES) {
        const snapshot: Record<string, unknown> = {};
        for (const [index, language] of LANGUAGES.entries()) {
          const body = { ...(bodies[index]?.get(event) as Record<string, unknown>) };
          const serialised = JSON.stringify(body);
          // The title's keywords (docs/robots.md#keywords): the product name, the app, and Pgyer's keyword.
          expect(serialised).toContain("AppHooks");
          expect(serialised).toContain(FIXED_APP.name);
          expect(serialised).toContain(language === "zh-CN" ? "应用" : "Application");
          // Variable parts, checked here and replaced so that the snapshot is stable.
          if (type === "dingtalk") {
            expect(deliveryIds.has(body.msgUuid as string)).toBe(true);
            body.msgUuid = "<delivery id>";
          }
          if (type === "lark" && language === "en") {
            expect(body.timestamp).toMatch(/^\d{10}$/);
            expect(body.sign).toMatch(/^[A-Za-z0-9+/]{43}=$/);
            body.timestamp = "<timestamp>";
            body.sign = "<sign>";
          }
          snapshot[language] = body;
        }
        await expect(`${JSON.stringify(snapshot, null, 2)}\n`).toMatchFileSnapshot(
          `./__snapshots__/robots/${type}/${event}.json`,
        );
      }
    }
    // Signed DingTalk requests carry timestamp and sign in the query; the record masks them.
    const [signed] = await (await db())
      .select()
      .from(deliveryAttempts)
      .innerJoin(deliveries, eq(deliveries.id, deliveryAttempts.deliveryId))
      .innerJoin(webhooks, eq(webhooks.id, deliveries.webhookId))
      .where(eq(webhooks.type, "dingtalk"))
      .limit(1);
    expect(signed?.delivery_attempts.requestUrl).toMatch(
      /access_token=ding••••&timestamp=\d{4}••••&sign=.{4}••••$/,
    );
    const lark = await (await db())
      .select()
      .from(deliveryAttempts)
      .innerJoin(deliveries, eq(deliveries.id, deliveryAttempts.deliveryId))
      .innerJoin(webhooks, eq(webhooks.id, deliveries.webhookId))
      .where(eq(webhooks.type, "lark"));
    const signedLark = lark.find((row) => row.webhooks.secretEncrypted !== null);
    expect(JSON.parse(signedLark?.delivery_attempts.requestBody ?? "{}").sign).toBe("••••");
  });

  test("a wrong secret, key or token: failed at once, not retried, with the service's message on the delivery and on the webhook", async () => {
    const context = await freshApp();
    const clock = Date.now;
    const add = <T extends FakeRobot>(fake: T) => fixture.robots.add(fake);
    const dingSigned = await add(new FakeDingTalk({ secret: DINGTALK_SECRET }));
    const dingKeyword = await add(new FakeDingTalk({ keywords: ["Pgyer"] }));
    const larkSigned = await add(new FakeLark({ secret: LARK_SECRET }));
    const larkKeyword = await add(new FakeLark({ keywords: ["Pgyer"] }));
    const wecom = await add(new FakeWeCom());
    const slack = await add(new FakeSlack());
    const discord = await add(new FakeDiscord());
    const teams = await add(new FakeTeams());
    const cases = [
      {
        fake: dingSigned,
        hook: { type: "dingtalk", url: dingSigned.url, secret: `${DINGTALK_SECRET.slice(0, -1)}x` },
        error:
          /^DingTalk rejected the message: sign not match, more: \[.+\] \(errcode 310000\) — the Secret of this webhook does not match the robot's signing secret/,
      },
      {
        fake: dingKeyword,
        hook: { type: "dingtalk", url: dingKeyword.url },
        error:
          /^DingTalk rejected the message: keywords not in content, more: \[.+\] \(errcode 310000\) — add the keyword “Application” \(or “应用” for Chinese messages\) in the robot's security settings$/,
      },
      {
        fake: larkSigned,
        hook: { type: "lark", url: larkSigned.url, secret: "not-the-bot-secret" },
        error:
          /^Lark\/Feishu rejected the message: sign match fail or timestamp is not within one hour from current time \(code 19021\) — the Secret of this webhook does not match/,
      },
      {
        fake: larkKeyword,
        hook: { type: "lark", url: larkKeyword.url },
        error:
          /^Lark\/Feishu rejected the message: Key Words Not Found \(code 19024\) — add the keyword “Application”/,
      },
      {
        fake: wecom,
        hook: { type: "wecom", url: wecom.url.replace(wecom.key, "0a1b2c3d-wrong-key") },
        error:
          /^WeCom rejected the message: invalid webhook url, hint: .+ \(errcode 93000\) — the key in the URL is wrong or the robot was removed/,
      },
      {
        fake: slack,
        hook: { type: "slack", url: slack.url.replace(slack.secret, "XXXXrevokedXXXX") },
        error: /^Slack rejected the message: invalid_token \(HTTP 403\) — the webhook URL was revoked/,
      },
      {
        fake: discord,
        hook: { type: "discord", url: discord.url.replace(discord.token, "wrong-token") },
        error:
          /^Discord rejected the message: Invalid Webhook Token \(code 50027\) \(HTTP 401\) — the token part of the URL is wrong/,
      },
      {
        fake: teams,
        hook: { type: "teams", url: teams.url.replace(teams.sig, "bad-sig") },
        error:
          /^Microsoft Teams rejected the message: The provided authorization signature is not valid\. \(DirectApiInvalidAuthorizationSignature\) \(HTTP 401\) — the workflow URL is wrong/,
      },
    ] as const;
    const hooks: Webhook[] = [];
    for (const entry of cases) {
      hooks.push(
        await robotWebhook(context.app.id, { ...entry.hook, events: ["updateVersion", "feedback"] }),
      );
    }
    await emitFixed("updateVersion", { teamId: context.team.id, app: context.app });
    startWorkers(fixture, clock);
    // Settled means none is pending a retry: "failed" after one attempt is final.
    const rows = await settledDeliveries(context.app.id, cases.length);

    const warnings = await webhookWarnings(context.app.id);
    for (const [index, entry] of cases.entries()) {
      const row = rows.find((r) => r.webhookId === hooks[index]?.id) as Delivery;
      expect(row, entry.fake.service).toMatchObject({ status: "failed", attempts: 1 });
      expect(row.lastError).toMatch(entry.error);
      expect(entry.fake.exchanges).toHaveLength(1);
      expect(entry.fake.posted).toEqual([]);
      // The same sentence is the webhook's warning, with the delivery it came from.
      expect(warnings.find((w) => w.webhookId === row.webhookId)).toMatchObject({
        message: row.lastError,
        deliveryId: row.id,
      });
    }
    expect(warnings).toHaveLength(cases.length);

    // The DingTalk secret is fixed: the next delivery succeeds and clears that webhook's warning only.
    const fixed = hooks[0]?.id as string;
    await (await db())
      .update(webhooks)
      .set({ secretEncrypted: encryptSecret(DINGTALK_SECRET) })
      .where(eq(webhooks.id, fixed));
    await (await db())
      .update(webhooks)
      .set({ enabled: false })
      .where(
        inArray(
          webhooks.id,
          hooks.slice(1).map((h) => h.id),
        ),
      );
    await emitFixed("feedback", { teamId: context.team.id, app: context.app });
    await settledDeliveries(context.app.id, cases.length + 1);
    expect(dingSigned.posted).toHaveLength(1);
    const after = await webhookWarnings(context.app.id);
    expect(after.map((w) => w.webhookId).sort()).toEqual(
      hooks
        .slice(1)
        .map((h) => h.id)
        .sort(),
    );
    // Editing a webhook (its URL, its secret…) hides its older warning: the next delivery will tell.
    await (await db())
      .update(webhooks)
      .set({ updatedAt: new Date() })
      .where(eq(webhooks.id, hooks[1]?.id as string));
    expect((await webhookWarnings(context.app.id)).map((w) => w.webhookId).sort()).toEqual(
      hooks
        .slice(2)
        .map((h) => h.id)
        .sort(),
    );
  });

  test("a rate-limit answer from each service: retried after the service's wait, then delivered", async () => {
    const context = await freshApp();
    const fakes: FakeRobot[] = [
      new FakeWeCom(),
      new FakeDingTalk({ keywords: ["AppHooks"] }),
      new FakeLark(),
      new FakeSlack(),
      Object.assign(new FakeDiscord(), { wait: 0.35 }),
      new FakeTeams(),
    ];
    for (const [index, type] of ROBOT_TYPES.entries()) {
      const fake = await fixture.robots.add(fakes[index] as FakeRobot);
      fake.force("rate-limit");
      await robotWebhook(context.app.id, { type, url: fake.url, events: ["crashlog"] });
    }
    await emitFixed("crashlog", { teamId: context.team.id, app: context.app });
    // The limiter's clock runs 600 times faster: DingTalk's 10-minute block after 130101 lasts one second.
    startWorkers(fixture, fastClock(600), 1, { schedule: [0, 1000, 1000] });
    const rows = await settledDeliveries(context.app.id, ROBOT_TYPES.length);
    for (const row of rows) expect(row).toMatchObject({ status: "succeeded", attempts: 2, lastError: null });
    const waits: Record<string, number> = { Slack: 1000, Teams: 1000, Discord: 350 };
    for (const fake of fakes) {
      const [first, second] = fake.exchanges;
      expect(
        fake.exchanges.map((e) => e.accepted),
        fake.service,
      ).toEqual([false, true]);
      expect(fake.posted).toHaveLength(1);
      // Retry-After / retry_after honoured (the fakes here run on real time).
      expect((second?.request.at ?? 0) - (first?.request.at ?? 0)).toBeGreaterThanOrEqual(
        waits[fake.service] ?? 0,
      );
    }
    const attempts = await (await db())
      .select()
      .from(deliveryAttempts)
      .where(
        inArray(
          deliveryAttempts.deliveryId,
          rows.map((row) => row.id),
        ),
      )
      .orderBy(asc(deliveryAttempts.attempt));
    const firsts = attempts.filter((a) => a.attempt === 1).map((a) => a.error);
    expect(firsts).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^WeCom asked to slow down: api freq out of limit.* \(errcode 45009\)$/),
        expect.stringMatching(
          /^DingTalk asked to slow down: send too fast, exceed 20 times per minute \(errcode 130101\)$/,
        ),
        expect.stringMatching(/^Lark\/Feishu asked to slow down: frequency limited .* \(code 11232\)$/),
        expect.stringMatching(/^Slack asked to slow down: rate_limited \(HTTP 429\)$/),
        expect.stringMatching(/^Discord asked to slow down: You are being rate limited\. \(HTTP 429\)$/),
        expect.stringMatching(/^Microsoft Teams asked to slow down: .+ \(HTTP 429\)$/),
      ]),
    );
    // Slowing down is not a configuration problem: no warnings.
    expect(await webhookWarnings(context.app.id)).toEqual([]);
  });

  test("a 5 KB (and a 40 KB) Chinese crash log: cut to each service's byte limit, marked, and accepted", async () => {
    const context = await freshApp();
    const clock = fastClock(20);
    const fakes: Record<RobotType, FakeRobot & { url: string }> = {
      wecom: await fixture.robots.add(new FakeWeCom({ clock })),
      dingtalk: await fixture.robots.add(
        new FakeDingTalk({ clock, secret: DINGTALK_SECRET, keywords: ["应用"] }),
      ),
      lark: await fixture.robots.add(new FakeLark({ clock, secret: LARK_SECRET, keywords: ["应用"] })),
      slack: await fixture.robots.add(new FakeSlack({ clock })),
      discord: await fixture.robots.add(new FakeDiscord({ clock })),
      teams: await fixture.robots.add(new FakeTeams({ clock })),
    };
    for (const type of ROBOT_TYPES) {
      const secret = type === "dingtalk" ? DINGTALK_SECRET : type === "lark" ? LARK_SECRET : undefined;
      await robotWebhook(context.app.id, {
        type,
        url: fakes[type].url,
        language: "zh-CN",
        secret,
        events: ["crashlog"],
      });
    }
    const small = chineseCrashLog(5 * 1024);
    const large = chineseCrashLog(40 * 1024);
    const app = { teamId: context.team.id, app: context.app };
    await emitFixed("crashlog", app, (facts) => ({ ...facts, notes: small }));
    startWorkers(fixture, clock);
    await settledDeliveries(context.app.id, ROBOT_TYPES.length);
    await emitFixed("crashlog", app, (facts) => ({ ...facts, notes: large }));
    const rows = await settledDeliveries(context.app.id, ROBOT_TYPES.length * 2);
    for (const row of rows) expect(row).toMatchObject({ status: "succeeded", attempts: 1 });

    const firstLine = small.split("\n")[0] as string;
    const lastLine = small.trimEnd().split("\n").pop() as string;
    // Services whose limit is below 5 KB of Chinese cut the small log too; the others carry it whole.
    const cutsSmall: Record<RobotType, boolean> = {
      wecom: true,
      dingtalk: false,
      lark: false,
      slack: true,
      discord: true,
      teams: false,
    };
    for (const type of ROBOT_TYPES) {
      const fake = fakes[type];
      expect(fake.rejected, type).toEqual([]);
      expect(fake.posted).toHaveLength(2);
      const [smallBody, largeBody] = fake.posted.map((message) => JSON.stringify(message.body));
      for (const body of [smallBody, largeBody] as string[]) {
        expect(body).toContain(firstLine);
        expect(body).not.toContain("\uFFFD"); // never cut inside a character
      }
      expect(largeBody).toContain("…（已截断）");
      expect(smallBody?.includes("…（已截断）"), type).toBe(cutsSmall[type]);
      expect(smallBody?.includes(lastLine), type).toBe(!cutsSmall[type]);
    }
    // The limits themselves, as each service counts them.
    const bytes = (value: string) => Buffer.byteLength(value, "utf8");
    for (const message of fakes.wecom.posted) {
      expect(bytes((message.body.markdown as { content: string }).content)).toBeLessThanOrEqual(4096);
      expect(bytes((message.body.markdown as { content: string }).content)).toBeGreaterThan(4000);
    }
    for (const type of ["dingtalk", "lark", "teams"] as const) {
      const limit = type === "teams" ? 28_000 : 20_000;
      const large = fakes[type].posted[1]?.body;
      expect(bytes(JSON.stringify(large))).toBeLessThanOrEqual(limit);
      expect(bytes(JSON.stringify(large))).toBeGreaterThan(limit - 200);
    }
  });

  test("50 events fired at once at a WeCom robot: all delivered, none rejected by its 20-a-minute rule, by two workers", async () => {
    const context = await freshApp();
    const clock = steppedClock();
    const wecom = await fixture.robots.add(new FakeWeCom({ clock, rateLimit: true }));
    await robotWebhook(context.app.id, { type: "wecom", url: wecom.url, events: ["feedback"] });
    await transaction(async (tx) => {
      for (let i = 0; i < 50; i++) {
        await emit(tx, {
          type: "feedback",
          teamId: context.team.id,
          app: { id: context.app.id, appKey: FIXED_APP.key, name: FIXED_APP.name, platform: "ios" },
          facts: { ...fixedFacts("feedback"), notes: `Feedback number ${i + 1}` },
          now: FIXED_TIME,
        });
      }
    });
    startWorkers(fixture, clock, 2);
    const sending = async () =>
      (await deliveriesOf(context.app.id)).filter((row) => row.status === "sending").length;
    // Whenever the limiter holds the rest back, a third of a minute passes: three such steps free the window.
    // Held back means: nothing on the wire, and two more claim cycles of every worker, both begun after
    // that, sent nothing (a claimed row is "sending" until its answer is recorded).
    let steps = 0;
    while (wecom.posted.length < 50 && steps < 30) {
      await nextIdle(fixture);
      const seen = wecom.exchanges.length;
      if ((await sending()) > 0) continue;
      await nextIdle(fixture);
      await nextIdle(fixture);
      if (wecom.exchanges.length === seen && (await sending()) === 0 && wecom.posted.length < 50) {
        clock.advance(21_000);
        steps++;
      }
    }
    const rows = await settledDeliveries(context.app.id, 50);
    for (const row of rows) expect(row).toMatchObject({ status: "succeeded", attempts: 1 });
    expect(wecom.rejected).toEqual([]);
    expect(wecom.posted).toHaveLength(50);
    expect(wecom.busiestWindow(60_000)).toBeLessThanOrEqual(20);
    const times = wecom.posted.map((message) => message.at);
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThanOrEqual(120_000); // queued, not dropped
    expect(steps).toBeLessThanOrEqual(12); // it did not need more than the three windows' worth
  });

  test("limits under a second, at real speed: Lark 5/s, Slack 1/s, Teams 4/s, Discord 5 per 2 s; none rejected", async () => {
    const context = await freshApp();
    const lark = await fixture.robots.add(new FakeLark({ rateLimit: true }));
    const slack = await fixture.robots.add(new FakeSlack({ rateLimit: true }));
    const teams = await fixture.robots.add(new FakeTeams({ rateLimit: true }));
    const discord = await fixture.robots.add(new FakeDiscord({ rateLimit: true }));
    await robotWebhook(context.app.id, { type: "lark", url: lark.url, events: ["updateVersion"] });
    await robotWebhook(context.app.id, { type: "teams", url: teams.url, events: ["updateVersion"] });
    await robotWebhook(context.app.id, { type: "discord", url: discord.url, events: ["updateVersion"] });
    await robotWebhook(context.app.id, { type: "slack", url: slack.url, events: ["feedback"] });
    const facts = {
      teamId: context.team.id,
      app: { id: context.app.id, appKey: "k", name: "OooPlay", platform: "ios" as const },
    };
    await transaction(async (tx) => {
      for (let i = 0; i < 6; i++)
        await emit(tx, { type: "updateVersion", ...facts, facts: fixedFacts("updateVersion") });
      for (let i = 0; i < 3; i++)
        await emit(tx, { type: "feedback", ...facts, facts: fixedFacts("feedback") });
    });
    startWorkers(fixture, Date.now, 2);
    const rows = await settledDeliveries(context.app.id, 6 * 3 + 3, 15_000);
    for (const row of rows) expect(row).toMatchObject({ status: "succeeded", attempts: 1 });
    for (const fake of [lark, slack, teams, discord]) expect(fake.rejected, fake.service).toEqual([]);
    expect(lark.busiestWindow(1000)).toBeLessThanOrEqual(5);
    expect(teams.busiestWindow(1000)).toBeLessThanOrEqual(4);
    expect(discord.busiestWindow(2000)).toBeLessThanOrEqual(5);
    expect(slack.busiestWindow(1000)).toBe(1);
    expect([lark, teams, discord].map((fake) => fake.posted.length)).toEqual([6, 6, 6]);
    expect(slack.posted).toHaveLength(3);
  });

  test("DingTalk msgUuid: a retry after a lost response carries the same msgUuid, the delivery's id", async () => {
    const context = await freshApp();
    const ding = await fixture.robots.add(new FakeDingTalk({ secret: DINGTALK_SECRET }));
    ding.force("accept-then-hang");
    await robotWebhook(context.app.id, {
      type: "dingtalk",
      url: ding.url,
      secret: DINGTALK_SECRET,
      events: ["updateVersion"],
    });
    await emitFixed("updateVersion", { teamId: context.team.id, app: context.app });
    startWorkers(fixture, Date.now, 1, { totalTimeoutMs: 400, leaseMs: 5000, schedule: [0, 100, 100] });
    const [row] = await settledDeliveries(context.app.id, 1);
    expect(row).toMatchObject({ status: "succeeded", attempts: 2 });
    // Both reached the robot (the first answer was lost); each carries the delivery's id as its msgUuid. The
    // public documentation promises no de-duplication by it, so the fake posts both: a lost answer can mean
    // the group sees the message twice.
    const uuids = ding.exchanges.map((e) => JSON.parse(e.request.body).msgUuid);
    expect(uuids).toEqual([row?.id, row?.id]);
    expect(ding.posted).toHaveLength(2);
  });
});
