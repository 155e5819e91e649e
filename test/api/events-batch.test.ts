import { asc, eq, inArray } from "drizzle-orm";
import { afterAll, describe, expect, test } from "vitest";
import { POST as postBatch } from "@/app/api/v1/apps/[appKey]/events/batch/route";
import { POST as postEvent } from "@/app/api/v1/apps/[appKey]/events/route";
import { openApiDocument } from "@/lib/api/openapi";
import { createApiKey } from "@/lib/api-keys/api-keys";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db/client";
import { crashReports, deliveries, events, feedback, versions, webhooks } from "@/lib/db/schema";
import { deliveryTarget } from "@/lib/events/emit";
import { createWebhook } from "@/lib/webhooks/save-webhook";
import { dbTargets, useTestDatabase } from "@/test/databases";
import { insertWebhook, makeTeamWithApp, webhookBody } from "@/test/factories";
import { tableCounts } from "@/test/table-counts";

// 12 a minute: a burst of 10 (the limiter is created on first use, in this file's own module graph).
process.env.INGEST_RATE_PER_MINUTE = "12";
afterAll(() => {
  delete process.env.INGEST_RATE_PER_MINUTE;
});

type EventAnswer = { id: string; type: string; deliveries: number };
type Answer = {
  id?: string;
  events?: EventAnswer[];
  error?: { code: string; message: string; fields?: Record<string, string> };
};

async function call(
  route: typeof postBatch,
  path: string,
  key: string,
  appKey: string,
  body: unknown,
): Promise<{ status: number; json: Answer; headers: Headers }> {
  const request = new Request(`http://localhost/api/v1/apps/${appKey}/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
  const response = await route(request, { params: Promise.resolve({ appKey }) });
  return { status: response.status, json: (await response.json()) as Answer, headers: response.headers };
}

const batch = (key: string, appKey: string, body: unknown) =>
  call(postBatch, "events/batch", key, appKey, body);
const single = (key: string, appKey: string, body: unknown) => call(postEvent, "events", key, appKey, body);

const upload = (version: string, build: string) => ({ type: "updateVersion", version, build, size: 1024 });
const feedbackBody = (content: string, extra: Record<string, unknown> = {}) => ({
  type: "feedback",
  content,
  ...extra,
});

describe.each(dbTargets())("batch ingest API (%s)", (kind) => {
  useTestDatabase(kind);

  /** A team with an app, an Admin key (own limit per test: a fresh key each time), and two webhooks. */
  async function setup() {
    const fixture = await makeTeamWithApp("owner");
    const userId = fixture.owner.user.id;
    const { key } = await createApiKey(userId, fixture.team.id, { name: "SDK" });
    const all = await createWebhook(
      userId,
      fixture.app.appKey,
      webhookBody({ name: "All", events: ["updateVersion", "feedback", "crashlog"], language: "zh-CN" }),
    );
    const crashes = await createWebhook(
      userId,
      fixture.app.appKey,
      webhookBody({ name: "Crashes", events: ["crashlog"] }),
    );
    return { ...fixture, key, all, crashes };
  }

  test("a mixed batch is stored in order, with each event's version and one delivery per subscriber", async () => {
    const { key, app, all, crashes } = await setup();
    expect((await single(key, app.appKey, upload("1.0", "10"))).status).toBe(202);
    const { status, json } = await batch(key, app.appKey, {
      events: [
        feedbackBody("About the old build", { version: "1.0", build: "10", contact: "qa@example.test" }),
        upload("2.0", "20"),
        feedbackBody("About the new build", { version: "2.0", build: "20" }),
        { type: "crashlog", exception: "IllegalStateException", stack: "at Main.kt:7", occurrences: 3 },
        feedbackBody("About a build nobody uploaded", { version: "9.9", build: "99" }),
      ],
    });
    expect(status).toBe(202);
    expect(json.events?.map((e) => [e.type, e.deliveries])).toEqual([
      ["feedback", 1],
      ["updateVersion", 1],
      ["feedback", 1],
      ["crashlog", 2],
      ["feedback", 1],
    ]);
    const ids = json.events?.map((e) => e.id) ?? [];
    expect(new Set(ids).size).toBe(5);

    const database = await db();
    const stored = await database
      .select()
      .from(events)
      .where(inArray(events.id, ids))
      .orderBy(asc(events.createdAt));
    // Stored in the batch's order (every list sorts by created_at).
    expect(stored.map((e) => e.id)).toEqual(ids);
    const facts = stored.map((e) => e.facts);
    expect(facts[0]?.version).toMatchObject({ version: "1.0", build: "10", sizeBytes: 1024 });
    expect(facts[0]?.app).toEqual({ key: app.appKey, name: app.name, platform: app.platform });
    expect(facts[0]?.data).toMatchObject({ contact: "qa@example.test" });
    // A report about a version uploaded earlier in the same batch, and the latest version: the new upload.
    expect(facts[2]?.version).toMatchObject({ version: "2.0", build: "20", sizeBytes: 1024 });
    expect(facts[3]?.version).toMatchObject({ version: "2.0", build: "20" });
    expect(facts[3]).toMatchObject({
      notes: "at Main.kt:7",
      data: { exception: "IllegalStateException", occurrences: 3 },
    });
    // A version the app does not have: what the reporter said.
    expect(facts[4]?.version).toMatchObject({ version: "9.9", build: "99", sizeBytes: 0, notes: "" });

    const [uploaded] = await database
      .select()
      .from(versions)
      .where(eq(versions.id, String(facts[1]?.data.version_id)));
    expect(uploaded).toMatchObject({ version: "2.0", build: "20", sizeBytes: 1024 });
    expect(facts[1]?.version).toEqual({
      version: "2.0",
      build: "20",
      sizeBytes: 1024,
      notes: "",
      createdAt: uploaded?.createdAt.toISOString(),
      updatedAt: uploaded?.updatedAt.toISOString(),
    });
    const [crash] = await database
      .select()
      .from(crashReports)
      .where(eq(crashReports.id, String(facts[3]?.data.crash_id)));
    expect(crash).toMatchObject({ exception: "IllegalStateException", occurrences: 3 });

    // Each delivery carries the same target snapshot as the dashboard's producers take (lib/events/emit.ts).
    const rows = await database.select().from(deliveries).where(inArray(deliveries.eventId, ids));
    expect(rows).toHaveLength(6);
    const hooks = await database
      .select()
      .from(webhooks)
      .where(inArray(webhooks.id, [all.id, crashes.id]));
    for (const row of rows) {
      const hook = hooks.find((h) => h.id === row.webhookId);
      if (!hook) throw new Error("delivery to an unknown webhook");
      expect(row.target).toEqual(deliveryTarget(hook, new Date()));
      expect(row.status).toBe("pending");
    }
  });

  test("the OpenAPI document's example batch is accepted as documented", async () => {
    const { key, app } = await setup();
    const operation = openApiDocument().paths?.["/api/v1/apps/{appKey}/events/batch"]?.post;
    const content =
      operation?.requestBody && "content" in operation.requestBody ? operation.requestBody.content : {};
    const example = content["application/json"]?.examples?.crashStorm;
    const value = example && "value" in example ? (example.value as { events: unknown[] }) : undefined;
    if (!value) throw new Error("no example in the OpenAPI document");
    const { status, json } = await batch(key, app.appKey, value);
    expect(status).toBe(202);
    expect(json.events?.map((e) => e.type)).toEqual(["crashlog", "crashlog", "feedback"]);
  });

  test("the single route's facts are those of the dashboard's producers", async () => {
    const { key, app } = await setup();
    await single(key, app.appKey, upload("3.1", "31"));
    const { json } = await single(key, app.appKey, feedbackBody("Login fails", { device: "Pixel 8" }));
    const [event] = await (await db())
      .select()
      .from(events)
      .where(eq(events.id, json.id ?? ""));
    const [row] = await (await db()).select().from(feedback).where(eq(feedback.appId, app.id));
    const [version] = await (await db()).select().from(versions).where(eq(versions.appId, app.id));
    if (!event || !row || !version) throw new Error("not stored");
    expect(event.facts).toEqual({
      app: { key: app.appKey, name: app.name, platform: app.platform },
      occurredAt: row.createdAt.toISOString(),
      version: {
        version: "3.1",
        build: "31",
        sizeBytes: 1024,
        notes: "",
        createdAt: version.createdAt.toISOString(),
        updatedAt: version.updatedAt.toISOString(),
      },
      subjectCreatedAt: row.createdAt.toISOString(),
      subjectUpdatedAt: row.createdAt.toISOString(),
      notes: "Login fails",
      data: { feedback_id: row.id, contact: "", device: "Pixel 8" },
    });
  });

  test("one invalid event refuses the whole batch, naming its index and field; nothing stored", async () => {
    const { key, app } = await setup();
    const before = await tableCounts();
    const { status, json } = await batch(key, app.appKey, {
      events: [feedbackBody("fine"), upload("1.0", "1"), feedbackBody(""), "not an object"],
    });
    expect(status).toBe(400);
    expect(json.error?.code).toBe("invalid");
    expect(json.error?.message).toBe("Event 2 of the batch is invalid; nothing was stored.");
    expect(json.error?.fields).toEqual({ "events[2].content": "content is required: the feedback text." });
    const notObject = await batch(key, app.appKey, { events: [feedbackBody("fine"), 42] });
    expect(Object.keys(notObject.json.error?.fields ?? {})).toEqual(["events[1]"]);
    const typo = await batch(key, app.appKey, { events: [feedbackBody("x", { contakt: "me" })] });
    expect(Object.keys(typo.json.error?.fields ?? {})).toEqual(["events[0].contakt"]);
    const nul = await batch(key, app.appKey, { events: [feedbackBody("a\u0000b")] });
    expect(Object.keys(nul.json.error?.fields ?? {})).toEqual(["events[0].content"]);
    expect(await tableCounts()).toEqual(before);
  });

  test.each([
    ["no events field", {}, "events"],
    ["an empty list", { events: [] }, "events"],
    ["101 events", { events: Array.from({ length: 101 }, (_, i) => feedbackBody(`n${i}`)) }, "events"],
    ["events that is not a list", { events: { type: "feedback" } }, "events"],
    ["an unknown field", { events: [feedbackBody("x")], event: [] }, "event"],
  ])("%s → 400 naming the field, nothing stored", async (_name, body, field) => {
    const { key, app } = await setup();
    const before = await tableCounts();
    const { status, json } = await batch(key, app.appKey, body);
    expect(status).toBe(400);
    expect(json.error?.fields?.[field]).toEqual(expect.any(String));
    expect(await tableCounts()).toEqual(before);
  });

  test("a duplicate upload, within the batch or of a stored version, refuses the batch", async () => {
    const { key, app } = await setup();
    await single(key, app.appKey, upload("4.0", "40"));
    const before = await tableCounts();
    const twice = await batch(key, app.appKey, { events: [upload("5.0", "50"), upload("5.0", "50")] });
    expect(twice.status).toBe(400);
    expect(twice.json.error?.fields?.["events[1].build"]).toContain("already uploaded");
    const stored = await batch(key, app.appKey, {
      events: [feedbackBody("x"), upload("5.0", "50"), upload("4.0", "40")],
    });
    expect(stored.status).toBe(400);
    expect(stored.json.error?.fields).toEqual({
      "events[2].build": "Version 4.0 (build 40) was already uploaded for this app.",
    });
    expect(await tableCounts()).toEqual(before);
  });

  test("a device_type that is not the app's platform refuses the batch", async () => {
    const { key, app } = await setup();
    const before = await tableCounts();
    const { status, json } = await batch(key, app.appKey, {
      events: [upload("6.0", "60"), { ...upload("6.1", "61"), device_type: "Android" }],
    });
    expect(status).toBe(400);
    expect(json.error?.fields).toEqual({
      "events[1].device_type": "This app is iOS; device_type must match it.",
    });
    expect(await tableCounts()).toEqual(before);
  });

  test("read-only keys are refused, other teams' apps are not found; nothing stored", async () => {
    const { key, app, owner, team } = await setup();
    const other = await makeTeamWithApp("owner");
    const readOnly = await createApiKey(owner.user.id, team.id, { name: "Dashboards", role: "member" });
    const before = await tableCounts();
    const body = { events: [feedbackBody("x")] };
    const refused = await batch(readOnly.key, app.appKey, body);
    expect(refused.status).toBe(403);
    expect(refused.json.error?.message).toContain("read-only");
    expect((await batch(key, other.app.appKey, body)).status).toBe(404);
    expect((await batch(`ahk_${"x".repeat(43)}`, app.appKey, body)).status).toBe(401);
    expect(await tableCounts()).toEqual(before);
  });

  test("a batch counts as its events in the key's rate limit", async () => {
    const { key, app } = await setup();
    const events = (n: number) => Array.from({ length: n }, (_, i) => feedbackBody(`crash storm ${i}`));
    expect((await batch(key, app.appKey, { events: events(8) })).status).toBe(202);
    const before = await tableCounts();
    const limited = await batch(key, app.appKey, { events: events(5) });
    expect(limited.status).toBe(429);
    expect(limited.json.error?.code).toBe("rate_limited");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // More than the burst allows at all: told to send fewer, not to wait.
    const tooMany = await batch(key, app.appKey, { events: events(11) });
    expect(tooMany.status).toBe(429);
    expect(tooMany.json.error?.message).toContain("Send fewer per request");
    expect(tooMany.headers.get("retry-after")).toBeNull();
    expect(await tableCounts()).toEqual(before);
  });

  test("a webhook made before signing secrets existed gets one, and the events are signed with it", async () => {
    const { key, app } = await setup();
    const legacy = await insertWebhook(app.id, "https://receiver.example.test/legacy", {
      signingSecretEncrypted: null,
    });
    const { status, json } = await batch(key, app.appKey, { events: [feedbackBody("a"), feedbackBody("b")] });
    expect(status).toBe(202);
    expect(json.events?.map((e) => e.deliveries)).toEqual([2, 2]);
    const [hook] = await (await db()).select().from(webhooks).where(eq(webhooks.id, legacy.row.id));
    expect(decryptSecret(hook?.signingSecretEncrypted ?? "")).toMatch(/^whsec_/);
    const rows = await (await db()).select().from(deliveries).where(eq(deliveries.webhookId, legacy.row.id));
    expect(rows.map((row) => row.target.signingSecretsEncrypted)).toEqual([
      [hook?.signingSecretEncrypted],
      [hook?.signingSecretEncrypted],
    ]);
  });
});
