import { Webhook as StandardWebhook } from "standardwebhooks";
import { beforeAll, describe, expect, test } from "vitest";
import { POST } from "@/app/api/inbox/[token]/route";
import { transferApp } from "@/lib/apps/transfer-app";
import { listAudit } from "@/lib/audit/list-audit";
import { purgeTestInboxes } from "@/lib/db/queries/test-inboxes";
import { deliveryConfig } from "@/lib/delivery/config";
import { createHttpClient } from "@/lib/delivery/http-client";
import { withTestInboxes } from "@/lib/delivery/inbox-client";
import { drainOnce } from "@/lib/delivery/worker";
import { sendTest } from "@/lib/delivery-log/send-test";
import { INBOX_LIMITS } from "@/lib/domain/test-inbox";
import { createWebhook, updateWebhook } from "@/lib/webhooks/save-webhook";
import { revealSigningSecret } from "@/lib/webhooks/signing-secret";
import { appErrorOf } from "@/test/app-error";
import { dbTargets, useTestDatabase } from "@/test/databases";
import { emitSample } from "@/test/event-fixtures";
import {
  addMember,
  insertWebhook,
  makeTeamWithApp,
  makeUser,
  type TeamWithApp,
  webhookBody,
} from "@/test/factories";
import { receiveAtInbox } from "./receive";
import { createTestInbox, getTestInbox, inboxRequests, setInboxMode } from "./test-inboxes";

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  POST(
    new Request(url, { method: "POST", body, headers: { "content-type": "application/json", ...headers } }),
    {
      params: Promise.resolve({ token: new URL(url).pathname.split("/").pop() ?? "" }),
    },
  );

describe.each(dbTargets())("test inboxes (%s)", (kind) => {
  useTestDatabase(kind);
  let context: TeamWithApp;
  const owner = () => context.owner.user.id;

  beforeAll(async () => {
    context = await makeTeamWithApp("owner");
  });

  test("Send test to an inbox URL arrives in the inbox, signature valid, as the engine sent it", async () => {
    const inbox = await createTestInbox(owner(), context.app.appKey);
    expect(inbox.url).toBe(`${new URL(deliveryConfig().baseUrl).origin}/api/inbox/${inbox.token}`);
    const webhook = await createWebhook(owner(), context.app.appKey, webhookBody({ url: inbox.url }));
    const result = await sendTest(owner(), context.app.appKey, webhook.id, { event: "feedback" });
    expect(result).toMatchObject({ status: "succeeded", responseStatus: 200, error: null });

    const [arrived, ...older] = await inboxRequests(owner(), inbox.token);
    expect(older).toHaveLength(0);
    expect(arrived).toMatchObject({
      via: "engine",
      method: "POST",
      signature: "valid",
      webhookId: webhook.id,
      answerStatus: 200,
    });
    expect(arrived?.headers["webhook-id"]).toBe(result.eventId);
    expect(JSON.parse(arrived?.body ?? "{}")).toMatchObject({
      type: "feedback",
      app_key: context.app.appKey,
    });
    // The receiver's own check agrees: the body verifies with the webhook's secret.
    const { secret } = await revealSigningSecret(owner(), context.app.appKey, webhook.id);
    expect(() =>
      new StandardWebhook(secret).verify(arrived?.body ?? "", arrived?.headers ?? {}),
    ).not.toThrow();
  });

  test("a real event is delivered by the worker; 'fail' answers 500 and the delivery is retried", async () => {
    const inbox = await createTestInbox(owner(), context.app.appKey);
    await createWebhook(owner(), context.app.appKey, webhookBody({ url: inbox.url, events: ["crashlog"] }));
    await setInboxMode(owner(), inbox.token, { mode: "fail" });
    await emitSample("crashlog", { teamId: context.team.id, app: context.app });
    await drainOnce();
    const [failed] = await inboxRequests(owner(), inbox.token);
    expect(failed).toMatchObject({ via: "engine", signature: "valid", answerStatus: 500 });
    expect(JSON.parse(failed?.body ?? "{}")).toMatchObject({ type: "crashlog" });
  });

  test("'slow' keeps the engine waiting until its timeout: recorded, and the attempt is a timeout", async () => {
    const inbox = await createTestInbox(owner(), context.app.appKey);
    await insertWebhook(context.app.id, inbox.url);
    await setInboxMode(owner(), inbox.token, { mode: "slow" });
    const http = withTestInboxes(
      createHttpClient({ connectTimeoutMs: 1000, allowPrivateTargets: false }),
      deliveryConfig().baseUrl,
    );
    const result = await http.post({
      url: inbox.url,
      headers: { "content-type": "application/json" },
      body: "{}",
      timeoutMs: 200,
    });
    await http.close();
    expect(result.outcome).toMatchObject({ kind: "error", error: "timeout" });
    const [slow] = await inboxRequests(owner(), inbox.token);
    expect(slow).toMatchObject({
      signature: "unsigned",
      answerStatus: 200,
      answerDelayMs: INBOX_LIMITS.slowMs,
    });
  });

  test("the SSRF guard stays closed: only the exact inbox URL is served in process", async () => {
    const inbox = await createTestInbox(owner(), context.app.appKey);
    await insertWebhook(context.app.id, inbox.url);
    const base = new URL(deliveryConfig().baseUrl);
    const http = withTestInboxes(
      createHttpClient({ connectTimeoutMs: 1000, allowPrivateTargets: false }),
      base.href,
    );
    const send = (url: string) => http.post({ url, headers: {}, body: "{}", timeoutMs: 2000 });
    try {
      expect((await send(inbox.url)).outcome).toMatchObject({ kind: "response", status: 200 });
      // A DingTalk-style signature query is still the inbox.
      expect((await send(`${inbox.url}?timestamp=1&sign=x`)).outcome).toMatchObject({
        kind: "response",
        status: 200,
      });
      const other = Number(base.port || (base.protocol === "https:" ? 443 : 80)) + 1;
      for (const url of [
        `${base.origin}/api/v1/apps`,
        `${base.origin}/api/inbox/${inbox.token}/../../v1/apps`,
        `${base.origin}/api/inbox/${inbox.token}/more`,
        `${base.protocol}//${base.hostname}:${other}/api/inbox/${inbox.token}`,
        `${base.protocol}//127.0.0.1:${base.port || 80}/api/inbox/${inbox.token}`,
      ]) {
        expect((await send(url)).outcome, url).toMatchObject({ kind: "error", error: "blocked" });
      }
      const withUser = `${base.protocol}//user@${base.host}/api/inbox/${inbox.token}`;
      expect((await send(withUser)).outcome).toMatchObject({ kind: "error", error: "invalid" });
      // An unknown token of the right shape is the inbox's 404, never the network.
      expect((await send(`${base.origin}/api/inbox/${"a".repeat(32)}`)).outcome).toMatchObject({
        kind: "response",
        status: 404,
      });
    } finally {
      await http.close();
    }
  });

  test("team-scoped: another team's user gets 404, a member reads but cannot change it, its URL is refused", async () => {
    const inbox = await createTestInbox(owner(), context.app.appKey);
    const stranger = await makeUser("Stan Stranger");
    for (const run of [
      () => getTestInbox(stranger.user.id, inbox.token),
      () => inboxRequests(stranger.user.id, inbox.token),
      () => setInboxMode(stranger.user.id, inbox.token, { mode: "fail" }),
      () => getTestInbox(owner(), "not-a-token"),
    ]) {
      expect((await appErrorOf(run)).code).toBe("not_found");
    }
    const member = await makeUser("Mia Member");
    await addMember(context.team.id, member.user.id, "member");
    expect((await getTestInbox(member.user.id, inbox.token)).mode).toBe("ok");
    expect((await appErrorOf(() => setInboxMode(member.user.id, inbox.token, { mode: "fail" }))).code).toBe(
      "forbidden",
    );
    expect((await appErrorOf(() => createTestInbox(member.user.id, context.app.appKey))).code).toBe(
      "forbidden",
    );
    expect(
      (await appErrorOf(() => setInboxMode(owner(), inbox.token, { mode: "teapot" }))).fieldErrors,
    ).toEqual({
      mode: "Choose what the inbox answers: 200 OK, 500 error or slow.",
    });

    // Another team cannot point its webhook at this inbox.
    const other = await makeTeamWithApp("owner");
    const refused = await appErrorOf(() =>
      createWebhook(other.owner.user.id, other.app.appKey, webhookBody({ url: inbox.url })),
    );
    expect(refused.fieldErrors?.url).toMatch(/does not belong to this team/);
  });

  test("a webhook whose app moved to another team no longer reaches the old team's inbox", async () => {
    const moving = await makeTeamWithApp("owner");
    const inbox = await createTestInbox(moving.owner.user.id, moving.app.appKey);
    const webhook = await createWebhook(
      moving.owner.user.id,
      moving.app.appKey,
      webhookBody({ url: inbox.url }),
    );
    const newTeam = await makeTeamWithApp("owner");
    await addMember(newTeam.team.id, moving.owner.user.id, "owner");
    await transferApp(moving.owner.user.id, moving.app.appKey, { teamId: newTeam.team.id });

    const result = await sendTest(moving.owner.user.id, moving.app.appKey, webhook.id, { event: "feedback" });
    expect(result).toMatchObject({ status: "failed", responseStatus: 404 });
    expect(await inboxRequests(moving.owner.user.id, inbox.token)).toHaveLength(0);
  });

  test("creating an inbox and changing its answer are in the audit log, with who and from where", async () => {
    const team = await makeTeamWithApp("owner");
    const admin = team.owner.user.id;
    const origin = { address: "203.0.113.9" };
    const inbox = await createTestInbox(admin, team.app.appKey, origin);
    await createTestInbox(admin, team.app.appKey, origin); // the same unused inbox: nothing new to record
    await setInboxMode(admin, inbox.token, { mode: "slow" }, origin);
    await setInboxMode(admin, inbox.token, { mode: "slow" }, origin); // no change: no entry
    const { entries } = await listAudit(admin, team.team.id, {});
    const inboxEntries = entries.filter((entry) => entry.kind.startsWith("inbox."));
    expect(inboxEntries.map((entry) => entry.kind)).toEqual(["inbox.answer_changed", "inbox.created"]);
    expect(inboxEntries[0]).toMatchObject({
      address: "203.0.113.9",
      actor: { type: "user", name: team.owner.user.name },
      changes: [{ field: "answer", from: "ok", to: "slow" }],
    });
    // The URL's token is masked, as robot tokens are.
    expect(JSON.stringify(inboxEntries)).not.toContain(inbox.token);
  });

  test("over HTTP: recorded as sent (curl), 404 for an unknown token, 413 past the size limit", async () => {
    const inbox = await createTestInbox(owner(), context.app.appKey);
    const answer = await post(inbox.url, '{"hello":"inbox"}', { cookie: "session=secret", "x-tool": "curl" });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ received: true });
    const [arrived] = await inboxRequests(owner(), inbox.token);
    expect(arrived).toMatchObject({ via: "http", body: '{"hello":"inbox"}', signature: "unsigned" });
    expect(arrived?.headers["x-tool"]).toBe("curl");
    expect(arrived?.headers.cookie).toBeUndefined();

    expect((await post(inbox.url.replace(inbox.token, "b".repeat(32)), "{}")).status).toBe(404);
    expect((await post(inbox.url, "x".repeat(INBOX_LIMITS.bodyBytes + 1))).status).toBe(413);
    expect(await inboxRequests(owner(), inbox.token)).toHaveLength(1);
  });

  test("a changed body or a stale timestamp is 'invalid'; the webhook's rotation secret still verifies", async () => {
    const team = await makeTeamWithApp("owner");
    const admin = team.owner.user.id;
    const inbox = await createTestInbox(admin, team.app.appKey);
    const webhook = await createWebhook(admin, team.app.appKey, webhookBody({ url: inbox.url }));
    const { secret } = await revealSigningSecret(admin, team.app.appKey, webhook.id);
    const signer = new StandardWebhook(secret);
    const body = '{"type":"feedback"}';
    const sign = (at: Date) => ({
      "webhook-id": "msg_1",
      "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
      "webhook-signature": signer.sign("msg_1", at, body),
    });
    const arrive = (headers: Record<string, string>, sent = body) =>
      receiveAtInbox({
        token: inbox.token,
        method: "POST",
        headers,
        body: sent,
        via: "http",
      });
    await arrive(sign(new Date()));
    await arrive(sign(new Date()), '{"type":"crashlog"}');
    await arrive(sign(new Date(Date.now() - 10 * 60_000)));
    const newest = await inboxRequests(admin, inbox.token);
    expect(newest.map((r) => r.signature)).toEqual(["invalid", "invalid", "valid"]);
    // A rename of the URL (another inbox) leaves nothing to verify with.
    await updateWebhook(
      admin,
      team.app.appKey,
      webhook.id,
      webhookBody({ name: webhook.name, url: "https://receiver.example.test/x" }),
    );
    await arrive(sign(new Date()));
    expect((await inboxRequests(admin, inbox.token))[0]?.signature).toBe("unknown");
  });

  test("bounded: the newest 100 requests are kept, 10 inboxes per team, a day's retention", async () => {
    const team = await makeTeamWithApp("owner");
    const arrive = (token: string, body = "{}") =>
      receiveAtInbox({ token, method: "POST", headers: {}, body, via: "http" });
    // A click whose form was never saved leaves an unused inbox: the next click gets the same one.
    const unsaved = await createTestInbox(team.owner.user.id, team.app.appKey);
    expect((await createTestInbox(team.owner.user.id, team.app.appKey)).token).toBe(unsaved.token);
    const inboxes = [];
    for (let i = 0; i < INBOX_LIMITS.perTeam; i++) {
      const inbox = await createTestInbox(team.owner.user.id, team.app.appKey);
      await arrive(inbox.token);
      inboxes.push(inbox);
    }
    expect(new Set(inboxes.map((inbox) => inbox.token)).size).toBe(INBOX_LIMITS.perTeam);
    const over = await appErrorOf(() => createTestInbox(team.owner.user.id, team.app.appKey));
    expect(over.code).toBe("limit_reached");
    expect(over.message).toContain(`already has ${INBOX_LIMITS.perTeam} test inboxes`);

    const [first, used] = inboxes;
    if (!first || !used) throw new Error("no inbox");
    // The first inbox already holds one request ("{}"): 105 more leave the newest 100.
    for (let i = 0; i < INBOX_LIMITS.requests + 5; i++) await arrive(first.token, `{"n":${i}}`);
    const kept = await inboxRequests(team.owner.user.id, first.token);
    expect(kept).toHaveLength(INBOX_LIMITS.requests);
    expect(kept[0]?.body).toBe(`{"n":${INBOX_LIMITS.requests + 4}}`);
    expect(kept.at(-1)?.body).toBe('{"n":5}');

    // A day later: the requests go, and so do the inboxes no webhook targets; the one in use stays.
    await createWebhook(team.owner.user.id, team.app.appKey, webhookBody({ url: used.url }));
    await purgeTestInboxes(new Date(Date.now() + 1000));
    expect(await inboxRequests(team.owner.user.id, used.token)).toHaveLength(0);
    expect((await appErrorOf(() => getTestInbox(team.owner.user.id, first.token))).code).toBe("not_found");
    expect((await getTestInbox(team.owner.user.id, used.token)).token).toBe(used.token);
  });
});
