import { describe, expect, test } from "vitest";
import * as appRoute from "@/app/api/v1/apps/[appKey]/route";
import * as appsRoute from "@/app/api/v1/apps/route";
import { revokeApiKey } from "@/lib/api-keys/api-keys";
import { listApiKeys } from "@/lib/db/queries/api-keys";
import { findAppForTeam } from "@/lib/db/queries/apps";
import { listWebhooks } from "@/lib/db/queries/webhooks";
import { createWebhook } from "@/lib/webhooks/save-webhook";
import { callApi, keyFor } from "@/test/api/call-api";
import { dbTargets, useTestDatabase } from "@/test/databases";
import { makeTeamWithApp, webhookBody } from "@/test/factories";
import { onlyEventOf, outboxOf } from "@/test/outbox";
import { tableCounts } from "@/test/table-counts";

describe.each(dbTargets())("public API: apps (%s)", (kind) => {
  useTestDatabase(kind);

  test("GET /apps lists the key's team's apps only, and records the key's use", async () => {
    const fixture = await makeTeamWithApp();
    const other = await makeTeamWithApp();
    const key = await keyFor(fixture, "member");
    const { status, json } = await callApi(appsRoute.GET, "GET", { key });
    expect(status).toBe(200);
    expect(json.apps).toEqual([
      expect.objectContaining({
        appKey: fixture.app.appKey,
        name: "Test App",
        platform: "ios",
        hasInstallPassword: false,
        latestVersion: null,
        webhookCount: 0,
      }),
    ]);
    expect(JSON.stringify(json)).not.toContain(other.app.appKey);
    const [listed] = await listApiKeys(fixture.team.id);
    expect(listed?.lastUsedAt).toBeInstanceOf(Date);
  });

  test("POST /apps creates an app in the key's team (201)", async () => {
    const fixture = await makeTeamWithApp();
    const key = await keyFor(fixture, "admin");
    const { status, json } = await callApi(appsRoute.POST, "POST", {
      key,
      body: { name: "Release Radar", platform: "android", bundleId: "com.example.radar" },
    });
    expect(status).toBe(201);
    expect(json).toMatchObject({ name: "Release Radar", platform: "android", bundleId: "com.example.radar" });
    expect(json.appKey).toMatch(/^[a-z2-9]{16}$/);
    expect(await findAppForTeam(fixture.team.id, String(json.appKey))).toMatchObject({
      name: "Release Radar",
      teamId: fixture.team.id,
    });
  });

  test("POST /apps: field errors (400), unknown fields, not JSON (415), bad JSON (400), read-only key (403)", async () => {
    const fixture = await makeTeamWithApp();
    const key = await keyFor(fixture, "admin");
    const invalid = await callApi(appsRoute.POST, "POST", { key, body: { name: " ", platform: "symbian" } });
    expect(invalid.status).toBe(400);
    expect(invalid.json.error).toMatchObject({
      code: "invalid",
      fields: { name: "Enter the app's name.", platform: "Choose iOS, Android or HarmonyOS." },
    });
    const typo = await callApi(appsRoute.POST, "POST", {
      key,
      body: { name: "A", platform: "ios", bundle: "com.example.a" },
    });
    expect(typo.status).toBe(400);
    expect(typo.json.error?.fields?.bundle).toContain("Unknown field");
    const form = await callApi(appsRoute.POST, "POST", {
      key,
      raw: "name=A&platform=ios",
      contentType: "application/x-www-form-urlencoded",
    });
    expect(form.status).toBe(415);
    expect(form.json.error?.code).toBe("unsupported_media_type");
    const broken = await callApi(appsRoute.POST, "POST", { key, raw: "{name:" });
    expect(broken.status).toBe(400);
    expect(broken.json.error?.message).toBe("The body is not valid JSON.");
    const member = await keyFor(fixture, "member");
    const refused = await callApi(appsRoute.POST, "POST", {
      key: member,
      body: { name: "A", platform: "ios" },
    });
    expect(refused.status).toBe(403);
    expect(refused.json.error).toEqual({
      code: "forbidden",
      message: "This API key has Read-only (member) access, which does not allow this.",
    });
    const { json } = await callApi(appsRoute.GET, "GET", { key });
    expect(json.apps).toHaveLength(1);
  });

  test("GET /apps/{appKey}: 200 for the team's app, 404 for another team's or a malformed key", async () => {
    const fixture = await makeTeamWithApp();
    const other = await makeTeamWithApp();
    const key = await keyFor(fixture, "member");
    const own = await callApi(appRoute.GET, "GET", { key, params: { appKey: fixture.app.appKey } });
    expect(own.status).toBe(200);
    expect(own.json).toMatchObject({ appKey: fixture.app.appKey, description: "", iconUrl: null });
    expect(Object.keys(own.json)).not.toContain("installPasswordEncrypted");
    for (const appKey of [other.app.appKey, "not-an-app-key"]) {
      const { status, json } = await callApi(appRoute.GET, "GET", { key, params: { appKey } });
      expect(status).toBe(404);
      expect(json.error).toEqual({ code: "not_found", message: "App not found." });
    }
  });

  test("PATCH /apps/{appKey} merges the fields sent, validates the whole and emits settingsChange", async () => {
    const fixture = await makeTeamWithApp();
    const key = await keyFor(fixture, "admin");
    const hook = await createWebhook(
      fixture.owner.user.id,
      fixture.app.appKey,
      webhookBody({ events: ["settingsChange"] }),
    );
    const params = { appKey: fixture.app.appKey };
    const { status, json } = await callApi(appRoute.PATCH, "PATCH", {
      key,
      params,
      body: { description: "Nightly builds", installPassword: "letmein" },
    });
    expect(status).toBe(200);
    expect(json).toMatchObject({ name: "Test App", description: "Nightly builds", hasInstallPassword: true });
    expect(JSON.stringify(json)).not.toContain("letmein");
    const event = await onlyEventOf(fixture.app.id, "settingsChange");
    expect(event.facts.data).toMatchObject({
      changes: [
        { field: "description", from: "", to: "Nightly builds" },
        { field: "install_password", from: null, to: "(set)" },
      ],
    });
    expect(event.deliveries.map((delivery) => delivery.webhookId)).toEqual([hook.id]);

    // Sending the same values again changes nothing: no event.
    const again = await callApi(appRoute.PATCH, "PATCH", {
      key,
      params,
      body: { description: "Nightly builds" },
    });
    expect(again.status).toBe(200);
    expect(await outboxOf(fixture.app.id)).toHaveLength(1);
  });

  test("concurrent PATCHes of different fields both stay: the merge happens under the app's lock", async () => {
    const fixture = await makeTeamWithApp();
    const key = await keyFor(fixture, "admin");
    const params = { appKey: fixture.app.appKey };
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        callApi(appRoute.PATCH, "PATCH", {
          key,
          params,
          body: i % 2 === 0 ? { name: `Renamed ${i}` } : { description: `Described ${i}` },
        }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(6).fill(200));
    const { json } = await callApi(appRoute.GET, "GET", { key, params });
    expect(String(json.name)).toMatch(/^Renamed \d$/);
    expect(String(json.description)).toMatch(/^Described \d$/);
  });

  test("PATCH /apps/{appKey}: 400 with field errors, 403 for read-only keys, 404 across teams; nothing stored", async () => {
    const fixture = await makeTeamWithApp();
    const other = await makeTeamWithApp();
    const key = await keyFor(fixture, "admin");
    const params = { appKey: fixture.app.appKey };
    const before = await tableCounts();
    const invalid = await callApi(appRoute.PATCH, "PATCH", {
      key,
      params,
      body: { name: "", iconUrl: "ftp://icons.example.test/a.png" },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.json.error?.fields).toMatchObject({
      name: "Enter the app's name.",
      iconUrl: expect.any(String),
    });
    const unknown = await callApi(appRoute.PATCH, "PATCH", { key, params, body: { platform: "android" } });
    expect(unknown.json.error?.fields?.platform).toContain("Unknown field");
    const member = await keyFor(fixture, "member");
    const refused = await callApi(appRoute.PATCH, "PATCH", {
      key: member,
      params,
      body: { name: "Renamed" },
    });
    expect(refused.status).toBe(403);
    const across = await callApi(appRoute.PATCH, "PATCH", {
      key,
      params: { appKey: other.app.appKey },
      body: { name: "Mine now" },
    });
    expect(across.status).toBe(404);
    expect(await tableCounts()).toEqual(before);
    expect((await findAppForTeam(other.team.id, other.app.appKey))?.name).toBe("Test App");
  });

  test("DELETE /apps/{appKey} needs an Owner key and the app's name in confirmName; emits appDelete", async () => {
    const fixture = await makeTeamWithApp();
    const other = await makeTeamWithApp();
    const hook = await createWebhook(
      fixture.owner.user.id,
      fixture.app.appKey,
      webhookBody({ events: ["appDelete"] }),
    );
    const owner = await keyFor(fixture, "owner");
    const admin = await keyFor(fixture, "admin");
    const params = { appKey: fixture.app.appKey };
    const missing = await callApi(appRoute.DELETE, "DELETE", { key: owner, params });
    expect(missing.status).toBe(400);
    expect(missing.json.error?.fields?.confirmName).toBe("Type the app's name to confirm.");
    const wrong = await callApi(appRoute.DELETE, "DELETE", {
      key: owner,
      params,
      query: { confirmName: "Test" },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error?.fields?.confirmName).toBe("Type the app's name exactly as shown: Test App");
    const byAdmin = await callApi(appRoute.DELETE, "DELETE", {
      key: admin,
      params,
      query: { confirmName: "Test App" },
    });
    expect(byAdmin.status).toBe(403);
    expect(byAdmin.json.error?.message).toBe("This API key has Admin access, which does not allow this.");
    const across = await callApi(appRoute.DELETE, "DELETE", {
      key: owner,
      params: { appKey: other.app.appKey },
      query: { confirmName: "Test App" },
    });
    expect(across.status).toBe(404);
    expect(await outboxOf(fixture.app.id)).toEqual([]);

    const deleted = await callApi(appRoute.DELETE, "DELETE", {
      key: owner,
      params,
      query: { confirmName: "Test App" },
    });
    expect(deleted.status).toBe(204);
    expect(deleted.json).toBeNull();
    expect(await findAppForTeam(fixture.team.id, fixture.app.appKey)).toBeUndefined();
    expect(await listWebhooks(fixture.app.id)).toEqual([]);
    const event = await onlyEventOf(fixture.app.id, "appDelete");
    expect(event.deliveries).toEqual([expect.objectContaining({ webhookId: hook.id, status: "pending" })]);
    expect(await findAppForTeam(other.team.id, other.app.appKey)).toMatchObject({ id: other.app.id });
  });

  test("without a key, with a wrong or a revoked key → 401 with WWW-Authenticate", async () => {
    const fixture = await makeTeamWithApp();
    const key = await keyFor(fixture, "owner");
    const params = { appKey: fixture.app.appKey };
    const [listed] = await listApiKeys(fixture.team.id);
    if (!listed) throw new Error("no key");
    await revokeApiKey(fixture.owner.user.id, fixture.team.id, listed.id);
    for (const candidate of [undefined, `ahk_${"x".repeat(43)}`, key]) {
      const answers = [
        await callApi(appsRoute.GET, "GET", { key: candidate }),
        await callApi(appsRoute.POST, "POST", { key: candidate, body: { name: "A", platform: "ios" } }),
        await callApi(appRoute.GET, "GET", { key: candidate, params }),
        await callApi(appRoute.PATCH, "PATCH", { key: candidate, params, body: { name: "B" } }),
        await callApi(appRoute.DELETE, "DELETE", {
          key: candidate,
          params,
          query: { confirmName: "Test App" },
        }),
      ];
      for (const answer of answers) {
        expect(answer.status).toBe(401);
        expect(answer.json.error?.code).toBe("unauthenticated");
        expect(answer.headers.get("www-authenticate")).toBe("Bearer");
      }
    }
    expect(await findAppForTeam(fixture.team.id, fixture.app.appKey)).toMatchObject({ name: "Test App" });
  });
});
