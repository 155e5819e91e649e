import { describe, expect, test } from "vitest";
import * as webhookRoute from "@/app/api/v1/apps/[appKey]/webhooks/[webhookId]/route";
import * as entryRoute from "@/app/api/v1/audit/[entryId]/route";
import * as auditRoute from "@/app/api/v1/audit/route";
import { listApiKeys } from "@/lib/db/queries/api-keys";
import { createWebhook } from "@/lib/webhooks/save-webhook";
import { callApi, keyFor } from "@/test/api/call-api";
import { dbTargets, useTestDatabase } from "@/test/databases";
import { makeTeamWithApp, webhookBody } from "@/test/factories";

// Behind a trusted proxy, the client's address is the last X-Forwarded-For hop (lib/accounts/login-limit.ts).
process.env.TRUST_PROXY = "true";

type Entry = {
  id: string;
  kind: string;
  actor: { type: string; id: string; name: string };
  address: string | null;
  changes: unknown[];
};

describe.each(dbTargets())("public API: audit log (%s)", (kind) => {
  useTestDatabase(kind);

  test("a change through the API is recorded with the key as actor and the client's address; GET /audit reads it", async () => {
    const fixture = await makeTeamWithApp();
    const hook = await createWebhook(
      fixture.owner.user.id,
      fixture.app.appKey,
      webhookBody({ name: "Chat" }),
    );
    const key = await keyFor(fixture, "admin");
    const [keyRow] = await listApiKeys(fixture.team.id);

    const request = new Request("http://localhost/api/v1/test", {
      method: "PATCH",
      headers: {
        authorization: `Bearer ${key}`,
        "content-type": "application/json",
        "x-forwarded-for": "198.51.100.1, 203.0.113.9",
      },
      body: JSON.stringify({ enabled: false }),
    });
    const patched = await webhookRoute.PATCH(request, {
      params: Promise.resolve({ appKey: fixture.app.appKey, webhookId: hook.id }),
    });
    expect(patched.status).toBe(200);

    const page = await callApi(auditRoute.GET, "GET", { key, query: { kind: "webhook.updated" } });
    expect(page.status).toBe(200);
    const entries = page.json.entries as Entry[];
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      kind: "webhook.updated",
      actor: { type: "api_key", id: keyRow?.id, name: "admin key" },
      address: "203.0.113.9",
      app: { id: fixture.app.id, name: "Test App" },
      target: { id: hook.id, name: "Chat" },
      changes: [{ field: "enabled", from: true, to: false }],
    });
    expect(page.json.nextCursor).toBeNull();

    const byActor = await callApi(auditRoute.GET, "GET", { key, query: { actor: `api_key:${keyRow?.id}` } });
    expect((byActor.json.entries as Entry[]).map((entry) => entry.kind)).toEqual(["webhook.updated"]);

    const one = await callApi(entryRoute.GET, "GET", { key, params: { entryId: entries[0]?.id ?? "" } });
    expect(one.status).toBe(200);
    expect(one.json).toEqual(entries[0]);
  });

  test("another team's entries are never visible; read-only keys are refused; bad filters are 400", async () => {
    const ours = await makeTeamWithApp();
    const theirs = await makeTeamWithApp();
    await createWebhook(theirs.owner.user.id, theirs.app.appKey, webhookBody({ name: "Theirs" }));
    const ourKey = await keyFor(ours, "owner");
    const theirKey = await keyFor(theirs, "admin");

    const mine = await callApi(auditRoute.GET, "GET", { key: ourKey });
    expect(mine.status).toBe(200);
    const ourEntries = mine.json.entries as Entry[];
    expect(ourEntries.length).toBeGreaterThan(0);
    expect(JSON.stringify(ourEntries)).not.toContain("Theirs");

    const theirEntries = (await callApi(auditRoute.GET, "GET", { key: theirKey })).json.entries as Entry[];
    const theirId = theirEntries[0]?.id ?? "";
    const across = await callApi(entryRoute.GET, "GET", { key: ourKey, params: { entryId: theirId } });
    expect(across.status).toBe(404);
    expect(across.json.error?.code).toBe("not_found");
    expect((await callApi(entryRoute.GET, "GET", { key: ourKey, params: { entryId: "nope" } })).status).toBe(
      404,
    );
    // The other team's app id as a filter finds nothing in ours.
    const foreignApp = await callApi(auditRoute.GET, "GET", { key: ourKey, query: { app: theirs.app.id } });
    expect(foreignApp.json.entries).toEqual([]);

    const member = await callApi(auditRoute.GET, "GET", { key: await keyFor(ours, "member") });
    expect(member.status).toBe(403);
    const bad = await callApi(auditRoute.GET, "GET", {
      key: ourKey,
      query: { actor: "someone", limit: "500" },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error?.fields).toMatchObject({
      actor: "Actor must be user:<id> or api_key:<id>.",
      limit: "Limit must be at most 200.",
    });
    expect((await callApi(auditRoute.GET, "GET", {})).status).toBe(401);
  });
});
