import { describe, expect, test } from "vitest";
import * as webhookRoute from "@/app/api/v1/apps/[appKey]/webhooks/[webhookId]/route";
import * as webhooksRoute from "@/app/api/v1/apps/[appKey]/webhooks/route";
import { revokeApiKey } from "@/lib/api-keys/api-keys";
import { listApiKeys } from "@/lib/db/queries/api-keys";
import { findWebhook, listWebhooks } from "@/lib/db/queries/webhooks";
import { inEnglish } from "@/lib/errors";
import { createWebhook, LIMIT_MESSAGE } from "@/lib/webhooks/save-webhook";
import { callApi, keyFor } from "@/test/api/call-api";
import { dbTargets, useTestDatabase } from "@/test/databases";
import { makeTeamWithApp, webhookBody } from "@/test/factories";
import { outboxOf } from "@/test/outbox";

const ROBOT_URL = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693axxx6-7aoc-4bc4-97a0-0ec2sifa5aaa";

describe.each(dbTargets())("public API: webhooks (%s)", (kind) => {
  useTestDatabase(kind);

  async function setup() {
    const fixture = await makeTeamWithApp();
    const hook = await createWebhook(
      fixture.owner.user.id,
      fixture.app.appKey,
      webhookBody({ name: "Team chat", type: "wecom", url: ROBOT_URL, secret: "s3cr3t-value" }),
    );
    return { ...fixture, hook, params: { appKey: fixture.app.appKey } };
  }

  test("GET …/webhooks: full URLs for Admin keys, masked for read-only keys, never a secret", async () => {
    const fixture = await setup();
    const admin = await callApi(webhooksRoute.GET, "GET", {
      key: await keyFor(fixture, "admin"),
      params: fixture.params,
    });
    expect(admin.status).toBe(200);
    expect(admin.json.webhooks).toEqual([
      expect.objectContaining({
        id: fixture.hook.id,
        name: "Team chat",
        type: "wecom",
        url: ROBOT_URL,
        urlMasked: false,
        hasSecret: true,
        secretHint: "alue",
        events: ["updateVersion", "feedback"],
        enabled: true,
        disabledReason: null,
      }),
    ]);
    const member = await callApi(webhooksRoute.GET, "GET", {
      key: await keyFor(fixture, "member"),
      params: fixture.params,
    });
    expect(member.status).toBe(200);
    const [masked] = member.json.webhooks as Array<Record<string, unknown>>;
    expect(masked).toMatchObject({ urlMasked: true, secretHint: null, hasSecret: true });
    expect(masked?.url).toBe("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a••••");
    for (const answer of [admin, member]) {
      const text = JSON.stringify(answer.json);
      expect(text).not.toContain("s3cr3t-value");
      expect(text).not.toMatch(/whsec_|secretEncrypted|signingSecret/);
    }
  });

  test("POST …/webhooks creates a webhook (201) and emits nothing", async () => {
    const fixture = await makeTeamWithApp();
    const key = await keyFor(fixture, "admin");
    const { status, json } = await callApi(webhooksRoute.POST, "POST", {
      key,
      params: { appKey: fixture.app.appKey },
      body: {
        name: "CI",
        type: "json",
        url: "https://hooks.example.test/apphooks",
        events: ["crashlog", "feedback"],
      },
    });
    expect(status).toBe(201);
    expect(json).toMatchObject({
      name: "CI",
      url: "https://hooks.example.test/apphooks",
      events: ["feedback", "crashlog"],
      language: "en",
      enabled: true,
      hasSecret: false,
    });
    expect(await findWebhook(fixture.app.id, String(json.id))).toMatchObject({ name: "CI" });
    expect(await outboxOf(fixture.app.id)).toEqual([]);
  });

  test("POST …/webhooks: field errors, unknown fields, read-only keys, another team's app; nothing stored", async () => {
    const fixture = await makeTeamWithApp();
    const other = await makeTeamWithApp();
    const key = await keyFor(fixture, "admin");
    const params = { appKey: fixture.app.appKey };
    const invalid = await callApi(webhooksRoute.POST, "POST", {
      key,
      params,
      body: { name: "", type: "pager", url: "ftp://example.test/x", events: [] },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.json.error).toMatchObject({
      code: "invalid",
      fields: {
        name: "Enter a webhook name.",
        type: "Choose a webhook type.",
        url: expect.stringContaining("http"),
        events: "Select at least one event to push.",
      },
    });
    const typo = await callApi(webhooksRoute.POST, "POST", {
      key,
      params,
      body: { ...webhookBody(), enable: false },
    });
    expect(typo.status).toBe(400);
    expect(typo.json.error?.fields?.enable).toContain("Unknown field");
    // JSON nested 20,000 levels deep: a 400 naming the field, not a stack overflow (500).
    const { enabled: _enabled, ...rest } = webhookBody();
    const deep = await callApi(webhooksRoute.POST, "POST", {
      key,
      params,
      raw: `{${JSON.stringify(rest).slice(1, -1)},"enabled":${"[".repeat(20_000)}${"]".repeat(20_000)}}`,
    });
    expect(deep.status).toBe(400);
    expect(deep.json.error?.fields?.enabled).toContain("nested more than 64 levels");
    const member = await callApi(webhooksRoute.POST, "POST", {
      key: await keyFor(fixture, "member"),
      params,
      body: webhookBody(),
    });
    expect(member.status).toBe(403);
    expect(member.json.error?.code).toBe("forbidden");
    const across = await callApi(webhooksRoute.POST, "POST", {
      key,
      params: { appKey: other.app.appKey },
      body: webhookBody(),
    });
    expect(across.status).toBe(404);
    expect(await listWebhooks(fixture.app.id)).toEqual([]);
    expect(await listWebhooks(other.app.id)).toEqual([]);
  });

  test("20 concurrent POST …/webhooks on an empty app → three 201s, seventeen 409 limit_reached, 3 rows", async () => {
    const fixture = await makeTeamWithApp();
    const key = await keyFor(fixture, "admin");
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        callApi(webhooksRoute.POST, "POST", {
          key,
          params: { appKey: fixture.app.appKey },
          body: webhookBody({ name: `Hook ${i}` }),
        }),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(3);
    const refused = answers.filter((answer) => answer.status === 409);
    expect(refused).toHaveLength(17);
    for (const answer of refused) {
      expect(answer.json.error).toEqual({ code: "limit_reached", message: inEnglish(LIMIT_MESSAGE) });
    }
    expect(inEnglish(LIMIT_MESSAGE)).toContain("already has 3 webhooks");
    expect(await listWebhooks(fixture.app.id)).toHaveLength(3);
  });

  test("GET …/webhooks/{id}: 200; another team's webhook or app, or a malformed id → 404", async () => {
    const fixture = await setup();
    const other = await setup();
    const key = await keyFor(fixture, "member");
    const own = await callApi(webhookRoute.GET, "GET", {
      key,
      params: { ...fixture.params, webhookId: fixture.hook.id },
    });
    expect(own.status).toBe(200);
    expect(own.json).toMatchObject({ id: fixture.hook.id, urlMasked: true });
    for (const params of [
      { ...fixture.params, webhookId: other.hook.id },
      { ...other.params, webhookId: other.hook.id },
      { ...fixture.params, webhookId: "not-a-uuid" },
    ]) {
      const { status, json } = await callApi(webhookRoute.GET, "GET", { key, params });
      expect(status).toBe(404);
      expect(json.error?.code).toBe("not_found");
    }
  });

  test("PATCH …/webhooks/{id} merges the fields sent (the secret is kept) and emits nothing", async () => {
    const fixture = await setup();
    const key = await keyFor(fixture, "admin");
    const params = { ...fixture.params, webhookId: fixture.hook.id };
    const { status, json } = await callApi(webhookRoute.PATCH, "PATCH", {
      key,
      params,
      body: { enabled: false, events: ["crashlog"] },
    });
    expect(status).toBe(200);
    expect(json).toMatchObject({
      name: "Team chat",
      type: "wecom",
      url: ROBOT_URL,
      enabled: false,
      events: ["crashlog"],
      hasSecret: true,
      secretHint: "alue",
    });
    const stored = await findWebhook(fixture.app.id, fixture.hook.id);
    expect(stored).toMatchObject({
      enabled: false,
      events: ["crashlog"],
      secretEncrypted: fixture.hook.secretEncrypted,
    });
    const cleared = await callApi(webhookRoute.PATCH, "PATCH", { key, params, body: { clearSecret: true } });
    expect(cleared.json).toMatchObject({ hasSecret: false, secretHint: null, enabled: false });
    expect(await outboxOf(fixture.app.id)).toEqual([]);
  });

  test("PATCH …/webhooks/{id}: field errors, read-only keys, across teams; nothing changed", async () => {
    const fixture = await setup();
    const other = await setup();
    const key = await keyFor(fixture, "admin");
    const params = { ...fixture.params, webhookId: fixture.hook.id };
    const invalid = await callApi(webhookRoute.PATCH, "PATCH", {
      key,
      params,
      body: { url: "javascript:alert(1)", events: ["nope"], language: "fr" },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.json.error?.fields).toMatchObject({
      url: expect.any(String),
      events: "Unknown event type.",
      language: "Choose English or Simplified Chinese.",
    });
    const member = await callApi(webhookRoute.PATCH, "PATCH", {
      key: await keyFor(fixture, "member"),
      params,
      body: { enabled: false },
    });
    expect(member.status).toBe(403);
    const across = await callApi(webhookRoute.PATCH, "PATCH", {
      key,
      params: { ...other.params, webhookId: other.hook.id },
      body: { enabled: false },
    });
    expect(across.status).toBe(404);
    expect(await findWebhook(fixture.app.id, fixture.hook.id)).toEqual(fixture.hook);
    expect(await findWebhook(other.app.id, other.hook.id)).toEqual(other.hook);
  });

  test("DELETE …/webhooks/{id}: 204 for Admin keys; 403 for read-only keys; 404 across teams", async () => {
    const fixture = await setup();
    const other = await setup();
    const key = await keyFor(fixture, "admin");
    const params = { ...fixture.params, webhookId: fixture.hook.id };
    expect(
      (await callApi(webhookRoute.DELETE, "DELETE", { key: await keyFor(fixture, "member"), params })).status,
    ).toBe(403);
    const across = await callApi(webhookRoute.DELETE, "DELETE", {
      key,
      params: { ...other.params, webhookId: other.hook.id },
    });
    expect(across.status).toBe(404);
    expect(await listWebhooks(other.app.id)).toHaveLength(1);
    const deleted = await callApi(webhookRoute.DELETE, "DELETE", { key, params });
    expect(deleted.status).toBe(204);
    expect(await listWebhooks(fixture.app.id)).toEqual([]);
    expect((await callApi(webhookRoute.GET, "GET", { key, params })).status).toBe(404);
  });

  test("without a key, with a wrong or a revoked key → 401, nothing changed", async () => {
    const fixture = await setup();
    const key = await keyFor(fixture, "owner");
    const [listed] = await listApiKeys(fixture.team.id);
    if (!listed) throw new Error("no key");
    await revokeApiKey(fixture.owner.user.id, fixture.team.id, listed.id);
    const one = { ...fixture.params, webhookId: fixture.hook.id };
    for (const candidate of [undefined, `ahk_${"y".repeat(43)}`, key]) {
      const answers = [
        await callApi(webhooksRoute.GET, "GET", { key: candidate, params: fixture.params }),
        await callApi(webhooksRoute.POST, "POST", {
          key: candidate,
          params: fixture.params,
          body: webhookBody(),
        }),
        await callApi(webhookRoute.GET, "GET", { key: candidate, params: one }),
        await callApi(webhookRoute.PATCH, "PATCH", { key: candidate, params: one, body: { enabled: false } }),
        await callApi(webhookRoute.DELETE, "DELETE", { key: candidate, params: one }),
      ];
      expect(answers.map((answer) => answer.status)).toEqual([401, 401, 401, 401, 401]);
    }
    expect(await listWebhooks(fixture.app.id)).toEqual([fixture.hook]);
  });
});
