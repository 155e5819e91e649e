import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { updateUserLocale } from "@/lib/db/queries/users";
import { alertLog, auditEntries, type Webhook, webhooks } from "@/lib/db/schema";
import { getAlertSettings, listEmailPreviews, updateAlertSettings } from "@/lib/teams/alert-settings";
import { enableWebhook } from "@/lib/webhooks/enable-webhook";
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
} from "@/test/factories";
import { FakeDingTalk, FakeLark, fakeRobots } from "@/test/fake-robots";
import { type Receiver, startReceiver } from "@/test/receiver";
import { robotWebhook } from "@/test/robot-fixtures";
import { type MaintenanceOptions, runMaintenance } from "./maintenance";
import { drainOnce } from "./worker";

const BASE_URL = "https://apphooks.example.test";
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** One attempt per delivery: each failing event adds one failure to the streak. */
const ONE_ATTEMPT = { schedule: [0] };
/** Never disabled automatically unless a test says so. */
const NO_DISABLE = { failingForMs: 1000 * HOUR, minFailures: 1000 };

type ReceivedMail = { to: string[]; mail: ParsedMail };

/** A real SMTP server in the test process: what arrives is parsed as a mail client would. */
async function startSmtp() {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), mail });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.each(dbTargets())("webhook alerts (%s)", (kind) => {
  useTestDatabase(kind);
  let receiver: Receiver;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const robots = fakeRobots();

  beforeAll(async () => {
    receiver = await startReceiver();
    smtp = await startSmtp();
  });
  afterAll(async () => {
    await receiver?.close();
    await smtp?.close();
    await robots.close();
  });
  beforeEach(() => {
    smtp.received.length = 0;
  });
  // Each test starts without the webhooks of the one before (a pass looks at every webhook of the database).
  afterEach(async () => {
    const conn = await db();
    await conn.delete(webhooks);
    await conn.delete(alertLog);
  });

  /** One maintenance pass at `now` that sends through the test's SMTP server. */
  const pass = (now = new Date(), options: Partial<MaintenanceOptions> = {}) =>
    runMaintenance({
      now: () => now,
      rule: NO_DISABLE,
      alerts: { smtpUrl: smtp.url, baseUrl: BASE_URL },
      ...options,
    });

  /** `count` events of the app, each delivered once (one attempt) to its webhooks. */
  async function deliver(context: TeamWithApp, count: number) {
    for (let i = 0; i < count; i++)
      await emitSample("feedback", { teamId: context.team.id, app: context.app });
    await drainOnce({ config: ONE_ATTEMPT });
  }

  /** A team (owner, admin and member) with a webhook at the receiver's `path`. */
  async function failingSetup() {
    const context = await makeTeamWithApp("admin");
    const member = await makeUser("Mia Member");
    await addMember(context.team.id, member.user.id, "member");
    const path = `/down-${uniqueSuffix()}`;
    receiver.script(path, [{ status: 500, body: "database is down" }]);
    const hook = (await insertWebhook(context.app.id, receiver.url(path), { name: "Orders hook" })).row;
    return { context, member, path, hook };
  }

  const deliveriesLink = (context: TeamWithApp, hook: Webhook) =>
    `${BASE_URL}/apps/${context.app.appKey}/settings/webhooks/${hook.id}/deliveries`;

  test("a webhook that starts failing: one email to each owner and admin in their language, once an hour", async () => {
    const { context, member, path, hook } = await failingSetup();
    await updateUserLocale(context.owner.user.id, "zh-CN");

    await deliver(context, 2);
    expect((await pass()).alerts).toEqual([]); // two failures: not yet
    await deliver(context, 1);
    const t0 = new Date();
    const first = await pass(t0);
    expect(first.alerts).toHaveLength(1);
    expect(first.alerts[0]).toMatchObject({ webhookId: hook.id, kind: "failing", robot: null });

    // Owners and admins only, one email each; never the member.
    const to = smtp.received.flatMap((mail) => mail.to).sort();
    expect(to).toEqual([context.owner.email, context.actor.email].sort());
    expect(to).not.toContain(member.email);
    const english = smtp.received.find((mail) => mail.to[0] === context.actor.email)?.mail;
    expect(english?.subject).toBe("AppHooks Application Alert · Test App · webhook Orders hook is failing");
    expect(english?.from?.text).toContain("alerts@apphooks.localhost");
    expect(english?.text).toContain("has failed 3 times in a row since");
    expect(english?.text).toContain("Last answer: HTTP 500: database is down");
    expect(english?.text).toContain(deliveriesLink(context, hook));
    expect(english?.html).toContain(`href="${deliveriesLink(context, hook)}"`);
    const chinese = smtp.received.find((mail) => mail.to[0] === context.owner.email)?.mail;
    expect(chinese?.subject).toBe("AppHooks 应用告警 · Test App · Webhook Orders hook 推送失败");
    expect(chinese?.text).toContain("已连续失败 3 次");
    expect(chinese?.text).toContain(deliveriesLink(context, hook));

    // Recorded, one row per email.
    const log = await (await db()).select().from(alertLog).where(eq(alertLog.webhookId, hook.id));
    expect(log.map((row) => [row.channel, row.outcome])).toEqual([
      ["email", "sent"],
      ["email", "sent"],
    ]);

    // The same streak is alerted once, however many passes and failures follow.
    smtp.received.length = 0;
    await deliver(context, 1);
    expect((await pass(new Date(t0.getTime() + MINUTE))).alerts).toEqual([]);
    expect(smtp.received).toEqual([]);

    // It recovers: a success after the alert.
    receiver.script(path, [200]);
    await deliver(context, 1);
    const recovered = await pass();
    expect(recovered.alerts.map((alert) => alert.kind)).toEqual(["recovered"]);
    expect(smtp.received.map((mail) => mail.mail.subject)).toContain(
      "AppHooks Application Alert · Test App · webhook Orders hook recovered",
    );

    // A new streak within the hour of the first alert: held back by the throttle…
    smtp.received.length = 0;
    receiver.script(path, [{ status: 502, body: "bad gateway" }]);
    await deliver(context, 3);
    expect((await pass(new Date(t0.getTime() + 30 * MINUTE))).alerts).toEqual([]);
    expect(smtp.received).toEqual([]);
    // …and sent once the hour is over, as long as it still fails.
    const later = await pass(new Date(t0.getTime() + HOUR + MINUTE));
    expect(later.alerts.map((alert) => alert.kind)).toEqual(["failing"]);
    expect(smtp.received).toHaveLength(2);
    expect(smtp.received[0]?.mail.text).toContain("HTTP 502: bad gateway");
  });

  test("turned off automatically: the reason is sent; re-enabling alone is no recovery, a success is", async () => {
    const { context, path, hook } = await failingSetup();
    await deliver(context, 3);
    const report = await pass(new Date(), { rule: { failingForMs: 1, minFailures: 3 } });
    expect(report.disabled.map((d) => d.id)).toEqual([hook.id]);
    // The disable is what is alerted (the pass sees the webhook off), not the streak before it.
    expect(report.alerts.map((alert) => alert.kind)).toEqual(["disabled"]);
    const mail = smtp.received[0]?.mail;
    expect(mail?.subject).toBe("AppHooks Application Alert · Test App · webhook Orders hook was turned off");
    expect(mail?.text).toContain("Reason: Turned off automatically on");
    expect(mail?.text).toContain(deliveriesLink(context, hook));
    expect((await pass()).alerts).toEqual([]);

    await enableWebhook(context.actor.user.id, context.app.appKey, hook.id);
    expect((await pass()).alerts).toEqual([]); // on again, but nothing has succeeded yet

    receiver.script(path, [200]);
    await deliver(context, 1);
    expect((await pass()).alerts.map((alert) => alert.kind)).toEqual(["recovered"]);
    expect((await pass()).alerts).toEqual([]);
  });

  test("a robot webhook gets the alert in its own format, language and signature; email off sends none", async () => {
    const { context, hook } = await failingSetup();
    const ding = await robots.add(new FakeDingTalk({ secret: "SECabc123", keywords: ["Application"] }));
    const lark = await robots.add(new FakeLark({ secret: "lark-secret", keywords: ["应用"] }));
    const dingHook = await robotWebhook(context.app.id, {
      type: "dingtalk",
      url: ding.url,
      secret: "SECabc123",
      events: ["appDelete"],
    });
    const larkHook = await robotWebhook(context.app.id, {
      type: "lark",
      url: lark.url,
      secret: "lark-secret",
      language: "zh-CN",
      events: ["appDelete"],
    });
    await updateAlertSettings(context.actor.user.id, context.team.id, {
      email: false,
      robotWebhookId: dingHook.id,
    });
    await deliver(context, 3);
    const report = await pass();
    expect(report.alerts).toEqual([
      { webhookId: hook.id, kind: "failing", emails: [], robot: { webhookId: dingHook.id, outcome: "sent" } },
    ]);
    expect(smtp.received).toEqual([]);
    expect(ding.rejected).toEqual([]);
    expect(ding.posted).toHaveLength(1);
    const markdown = ding.posted[0]?.body.markdown as { title: string; text: string };
    expect(markdown.title).toContain("AppHooks Application Alert · Test App");
    expect(markdown.text).toContain(deliveriesLink(context, hook));

    // The Chinese Lark robot, for the disable.
    await updateAlertSettings(context.actor.user.id, context.team.id, {
      email: false,
      robotWebhookId: larkHook.id,
    });
    const off = await pass(new Date(), { rule: { failingForMs: 1, minFailures: 3 } });
    expect(off.alerts.map((alert) => [alert.kind, alert.robot?.outcome])).toEqual([["disabled", "sent"]]);
    expect(lark.rejected).toEqual([]);
    expect(JSON.stringify(lark.posted[0]?.body)).toContain("AppHooks 应用告警 · Test App");

    // A robot that refuses the message (its keyword is missing): recorded as failed, nothing thrown.
    const strict = await robots.add(new FakeDingTalk({ keywords: ["only-this-word"] }));
    const strictHook = await robotWebhook(context.app.id, {
      type: "dingtalk",
      url: strict.url,
      events: ["appDelete"],
    });
    await updateAlertSettings(context.actor.user.id, context.team.id, {
      email: true,
      robotWebhookId: strictHook.id,
    });
    await enableWebhook(context.actor.user.id, context.app.appKey, hook.id);
    // Unscripted paths answer 200: the webhook's endpoint is fixed.
    await (await db())
      .update(webhooks)
      .set({ url: receiver.url("/fixed") })
      .where(eq(webhooks.id, hook.id));
    await deliver(context, 1);
    const recovered = await pass();
    expect(recovered.alerts.map((alert) => [alert.kind, alert.robot?.outcome])).toEqual([
      ["recovered", "failed"],
    ]);
    const failed = await (await db()).select().from(alertLog).where(eq(alertLog.outcome, "failed"));
    expect(failed.map((row) => row.error)).toEqual([expect.stringContaining("keywords not in content")]);
  });

  test("two passes at once send each alert once", async () => {
    const { context } = await failingSetup();
    await deliver(context, 3);
    const now = new Date();
    const [a, b] = await Promise.all([pass(now), pass(now)]);
    expect(a.alerts.length + b.alerts.length).toBe(1);
    expect(smtp.received).toHaveLength(2);
  });

  test("an SMTP server that cannot be reached: logged and recorded, the pass goes on", async () => {
    const { context, hook } = await failingSetup();
    await deliver(context, 3);
    const report = await pass(new Date(), {
      alerts: { smtpUrl: "smtp://127.0.0.1:1", baseUrl: BASE_URL },
    });
    expect(report.alerts[0]?.emails.map((email) => email.outcome)).toEqual(["failed", "failed"]);
    const log = await (await db()).select().from(alertLog).where(eq(alertLog.webhookId, hook.id));
    expect(log.every((row) => row.outcome === "failed" && (row.error ?? "").length > 0)).toBe(true);
    expect(report.purged).toBeDefined();
  });

  test("without SMTP_URL: emails are logged and kept for the preview page of the team's admins", async () => {
    const { context, member, hook } = await failingSetup();
    await deliver(context, 3);
    await pass(new Date(), { alerts: { smtpUrl: null, baseUrl: BASE_URL } });
    expect(smtp.received).toEqual([]);
    const previews = await listEmailPreviews(context.actor.user.id, context.team.id);
    expect(previews.map((email) => email.recipient).sort()).toEqual(
      [context.owner.email, context.actor.email].sort(),
    );
    expect(previews[0]?.textBody).toContain(deliveriesLink(context, hook));
    expect(previews[0]?.htmlBody).toContain("<a href=");
    expect((await appErrorOf(() => listEmailPreviews(member.user.id, context.team.id))).code).toBe(
      "forbidden",
    );
    const stranger = await makeUser("Sam Stranger");
    expect((await appErrorOf(() => listEmailPreviews(stranger.user.id, context.team.id))).code).toBe(
      "not_found",
    );
  });
});

describe.each(dbTargets())("notification settings (%s)", (kind) => {
  useTestDatabase(kind);

  test("defaults, who may change them, the team's robots only, and the audit log", async () => {
    const context = await makeTeamWithApp("admin");
    const member = await makeUser("Mia Member");
    await addMember(context.team.id, member.user.id, "member");
    const robot = await robotWebhook(context.app.id, { type: "wecom", url: "https://qyapi.weixin.qq.com/x" });
    const json = (await insertWebhook(context.app.id, "https://receiver.example.test/json")).row;
    const other = await makeTeamWithApp("owner");
    const theirs = await robotWebhook(other.app.id, {
      type: "slack",
      url: "https://hooks.slack.com/services/x",
    });

    const view = await getAlertSettings(member.user.id, context.team.id);
    expect(view.settings).toEqual({ email: true, robotWebhookId: null });
    expect(view.canEdit).toBe(false);
    expect(view.robots.map((r) => r.id)).toEqual([robot.id]);

    const save = (actor: string, input: unknown) =>
      appErrorOf(() => updateAlertSettings(actor, context.team.id, input));
    expect((await save(member.user.id, { email: false, robotWebhookId: null })).code).toBe("forbidden");
    expect((await save(other.owner.user.id, { email: false, robotWebhookId: null })).code).toBe("not_found");
    for (const wrong of [theirs.id, json.id, "not-a-uuid"]) {
      const error = await save(context.actor.user.id, { email: false, robotWebhookId: wrong });
      expect(error.code).toBe("invalid");
      expect(error.fieldTexts?.robotWebhookId?.key).toBe("team.alertRobotUnknown");
    }
    expect((await save(context.actor.user.id, { email: "yes", robotWebhookId: null })).code).toBe("invalid");
    expect((await getAlertSettings(context.owner.user.id, context.team.id)).settings).toEqual({
      email: true,
      robotWebhookId: null,
    });
    const entries = async () =>
      (await db()).select().from(auditEntries).where(eq(auditEntries.kind, "team.alerts_updated"));
    expect(await entries()).toEqual([]);

    await updateAlertSettings(context.actor.user.id, context.team.id, {
      email: false,
      robotWebhookId: robot.id,
    });
    expect((await getAlertSettings(context.owner.user.id, context.team.id)).settings).toEqual({
      email: false,
      robotWebhookId: robot.id,
    });
    const [entry] = await entries();
    expect(entry?.actorId).toBe(context.actor.user.id);
    expect(entry?.changes).toEqual([
      { field: "alert_email", from: true, to: false },
      { field: "alert_robot", from: null, to: robot.name },
    ]);
    // Saving it unchanged records nothing; "" is none.
    await updateAlertSettings(context.actor.user.id, context.team.id, {
      email: false,
      robotWebhookId: robot.id,
    });
    expect(await entries()).toHaveLength(1);
    await updateAlertSettings(context.actor.user.id, context.team.id, { email: false, robotWebhookId: "" });
    expect(
      (await getAlertSettings(context.actor.user.id, context.team.id)).settings.robotWebhookId,
    ).toBeNull();

    // Deleting the robot webhook clears the choice.
    await updateAlertSettings(context.actor.user.id, context.team.id, {
      email: true,
      robotWebhookId: robot.id,
    });
    await (await db()).delete(webhooks).where(eq(webhooks.id, robot.id));
    expect(
      (await getAlertSettings(context.actor.user.id, context.team.id)).settings.robotWebhookId,
    ).toBeNull();
  });
});
