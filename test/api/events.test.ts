import { eq } from "drizzle-orm";
import { afterAll, describe, expect, test } from "vitest";
import { POST } from "@/app/api/v1/apps/[appKey]/events/route";
import { createApiKey, revokeApiKey } from "@/lib/api-keys/api-keys";
import { transferApp } from "@/lib/apps/transfer-app";
import { db } from "@/lib/db/client";
import { listApiKeys } from "@/lib/db/queries/api-keys";
import { deliveries, events, versions } from "@/lib/db/schema";
import { createTeam } from "@/lib/teams/members";
import { createWebhook } from "@/lib/webhooks/save-webhook";
import { appErrorOf } from "@/test/app-error";
import { dbTargets, useTestDatabase } from "@/test/databases";
import { makeTeamWithApp, makeUser, webhookBody } from "@/test/factories";
import { tableCounts } from "@/test/table-counts";

// A small per-key limit, read when the route first needs it (env() is parsed lazily).
// 12 a minute: a burst of 10, then one more every 5 s (slow enough that a loaded machine cannot refill it).
process.env.INGEST_RATE_PER_MINUTE = "12";
afterAll(() => {
  delete process.env.INGEST_RATE_PER_MINUTE;
});

type Answer = {
  id: string;
  type?: string;
  deliveries?: number;
  error: { code: string; message: string; fields: Record<string, string> };
};

type Send = { key?: string; body?: unknown; raw?: string; contentType?: string; appKey: string };

async function send({ key, body, raw, contentType = "application/json", appKey }: Send) {
  const headers: Record<string, string> = { "content-type": contentType };
  if (key) headers.authorization = `Bearer ${key}`;
  const request = new Request(`http://localhost/api/v1/apps/${appKey}/events`, {
    method: "POST",
    headers,
    body: raw ?? JSON.stringify(body),
  });
  const response = await POST(request, { params: Promise.resolve({ appKey }) });
  return {
    status: response.status,
    retryAfter: response.headers.get("retry-after"),
    json: (await response.json()) as Answer,
  };
}

describe.each(dbTargets())("ingest API (%s)", (kind) => {
  useTestDatabase(kind);

  async function setup() {
    const fixture = await makeTeamWithApp("owner");
    const userId = fixture.owner.user.id;
    const { key } = await createApiKey(userId, fixture.team.id, { name: "CI" });
    const all = await createWebhook(
      userId,
      fixture.app.appKey,
      webhookBody({ name: "All", events: ["updateVersion", "feedback", "crashlog"] }),
    );
    await createWebhook(
      userId,
      fixture.app.appKey,
      webhookBody({ name: "Feedback only", events: ["feedback"] }),
    );
    await createWebhook(
      userId,
      fixture.app.appKey,
      webhookBody({ name: "Off", enabled: false, events: ["updateVersion", "feedback", "crashlog"] }),
    );
    return { ...fixture, key, all };
  }

  test("updateVersion stores the version, the event and one delivery per enabled subscribed webhook", async () => {
    const { key, app, all, team } = await setup();
    const { status, json } = await send({
      key,
      appKey: app.appKey,
      body: {
        type: "updateVersion",
        version: "2.4",
        build: "139",
        size: 48_234_496,
        notes: "Faster uploads",
      },
    });
    expect(status).toBe(202);
    expect(json).toMatchObject({ type: "updateVersion", deliveries: 1 });
    expect(json.id).toMatch(/^evt_[a-z2-9]{26}$/);
    const database = await db();
    const [version] = await database.select().from(versions).where(eq(versions.appId, app.id));
    expect(version).toMatchObject({
      version: "2.4",
      build: "139",
      sizeBytes: 48_234_496,
      notes: "Faster uploads",
    });
    const [event] = await database.select().from(events).where(eq(events.id, json.id));
    expect(event?.type).toBe("updateVersion");
    expect(event?.facts.version).toMatchObject({ version: "2.4", build: "139", sizeBytes: 48_234_496 });
    const rows = await database.select().from(deliveries).where(eq(deliveries.eventId, json.id));
    expect(rows.map((row) => row.webhookId)).toEqual([all.id]);
    expect(rows[0]?.status).toBe("pending");
    const [listed] = await listApiKeys(team.id);
    expect(listed?.lastUsedAt).toBeInstanceOf(Date);
  });

  test("feedback and crashlog are stored and fan out to their subscribers", async () => {
    const { key, app } = await setup();
    const feedback = await send({
      key,
      appKey: app.appKey,
      body: {
        type: "feedback",
        content: "The upload button does nothing",
        contact: "qa@example.test",
        device: "Pixel 8",
      },
    });
    expect(feedback).toMatchObject({ status: 202, json: { type: "feedback", deliveries: 2 } });
    const crash = await send({
      key,
      appKey: app.appKey,
      body: {
        type: "crashlog",
        exception: "NullPointerException",
        stack: "at com.example.Main.run(Main.kt:42)",
      },
    });
    expect(crash).toMatchObject({ status: 202, json: { type: "crashlog", deliveries: 1 } });
    const [event] = await (await db()).select().from(events).where(eq(events.id, crash.json.id));
    expect(event?.facts).toMatchObject({
      notes: "at com.example.Main.run(Main.kt:42)",
      data: { exception: "NullPointerException", occurrences: 1 },
    });
  });

  test.each([
    ["malformed JSON", { raw: "{not json" }, 400, "invalid"],
    ["a JSON array", { body: [1, 2] }, 400, "invalid"],
    ["an unknown type", { body: { type: "appDelete" } }, 400, "invalid"],
    ["missing fields", { body: { type: "updateVersion", version: "1.0" } }, 400, "invalid"],
    [
      "wrong types",
      { body: { type: "updateVersion", version: "1.0", build: "1", size: "12 MB" } },
      400,
      "invalid",
    ],
    [
      "a body that is not JSON",
      { raw: "type=feedback", contentType: "application/x-www-form-urlencoded" },
      415,
      "unsupported_media_type",
    ],
    ["a NUL character", { body: { type: "feedback", content: "a\u0000b" } }, 400, "invalid"],
    [
      "JSON nested 20,000 levels deep",
      { raw: `{"type":"feedback","content":"x","device":${"[".repeat(20_000)}${"]".repeat(20_000)}}` },
      400,
      "invalid",
    ],
    [
      "an oversize body",
      { body: { type: "feedback", content: "x".repeat(300 * 1024) } },
      413,
      "payload_too_large",
    ],
  ])("%s → %i and nothing stored", async (_name, request, status, code) => {
    const { key, app } = await setup();
    const before = await tableCounts();
    const response = await send({ key, appKey: app.appKey, ...request });
    expect(response.status).toBe(status);
    expect(response.json.error.code).toBe(code);
    expect(response.json.error.message).toEqual(expect.any(String));
    expect(await tableCounts()).toEqual(before);
  });

  test("fields the event's type does not know are refused by name (a typo would silently default)", async () => {
    const { key, app } = await setup();
    const before = await tableCounts();
    const { status, json } = await send({
      key,
      appKey: app.appKey,
      body: { type: "crashlog", exception: "Boom", occurences: 40 },
    });
    expect(status).toBe(400);
    expect(json.error.fields).toEqual({ occurences: expect.stringContaining("Unknown field") });
    expect(json.error.fields.occurences).toContain("occurrences");
    expect(await tableCounts()).toEqual(before);
  });

  test("field errors name the field", async () => {
    const { key, app } = await setup();
    const { json } = await send({
      key,
      appKey: app.appKey,
      body: { type: "updateVersion", version: "1.0", size: -1 },
    });
    expect(json.error.fields).toMatchObject({ build: expect.any(String), size: "size cannot be negative." });
    const unknown = await send({ key, appKey: app.appKey, body: { type: "appDelete" } });
    expect(unknown.json.error.fields.type).toContain("updateVersion, feedback, crashlog");
  });

  test("a duplicate version and build is refused", async () => {
    const { key, app } = await setup();
    const body = { type: "updateVersion", version: "3.0", build: "300", size: 1 };
    expect((await send({ key, appKey: app.appKey, body })).status).toBe(202);
    const before = await tableCounts();
    const again = await send({ key, appKey: app.appKey, body });
    expect(again.status).toBe(400);
    expect(again.json.error.fields.build).toContain("already uploaded");
    expect(await tableCounts()).toEqual(before);
  });

  test("no key, a wrong key or a revoked key → 401; another team's app → 404; nothing stored", async () => {
    const { key, app, owner, team } = await setup();
    const other = await makeTeamWithApp("owner");
    const body = { type: "feedback", content: "hello" };
    const before = await tableCounts();
    expect((await send({ appKey: app.appKey, body })).status).toBe(401);
    expect((await send({ key: `ahk_${"x".repeat(43)}`, appKey: app.appKey, body })).status).toBe(401);
    const notFound = await send({ key, appKey: other.app.appKey, body });
    expect(notFound.status).toBe(404);
    expect(notFound.json.error.code).toBe("not_found");
    expect((await send({ key, appKey: "not-a-key", body })).status).toBe(404);
    const [listed] = await listApiKeys(team.id);
    if (!listed) throw new Error("key not listed");
    // A refused request does not even record the key's use.
    expect(listed.lastUsedAt).toBeNull();
    await revokeApiKey(owner.user.id, team.id, listed.id);
    expect((await send({ key, appKey: app.appKey, body })).status).toBe(401);
    expect(await tableCounts()).toEqual(before);
  });

  test("after a transfer the new team's key sends the app's events; the old team's key gets 404, nothing stored", async () => {
    const { key: oldKey, app, owner } = await setup();
    const userId = owner.user.id;
    const target = await createTeam(userId, { name: "Platform" }, "en");
    const { key: newKey } = await createApiKey(userId, target.id, { name: "Platform CI" });
    const body = { type: "feedback", content: "Sent after the move" };
    expect((await send({ key: newKey, appKey: app.appKey, body })).status).toBe(404);

    await transferApp(userId, app.appKey, { teamId: target.id });
    const before = await tableCounts();
    const refused = await send({ key: oldKey, appKey: app.appKey, body });
    expect(refused.status).toBe(404);
    expect(refused.json.error.code).toBe("not_found");
    expect(await tableCounts()).toEqual(before);

    const accepted = await send({ key: newKey, appKey: app.appKey, body });
    expect(accepted.status).toBe(202);
    const [stored] = await (await db()).select().from(events).where(eq(events.id, accepted.json.id));
    expect(stored).toMatchObject({ type: "feedback", appId: app.id, teamId: target.id });
  });

  test("over the key's rate limit → 429 with Retry-After, nothing stored", async () => {
    const { key, app } = await setup();
    const body = { type: "feedback", content: "burst" };
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await send({ key, appKey: app.appKey, body })).status);
    expect(statuses).toEqual(Array(10).fill(202));
    const before = await tableCounts();
    const limited = await send({ key, appKey: app.appKey, body });
    expect(limited.status).toBe(429);
    expect(limited.json.error.code).toBe("rate_limited");
    // The next token comes at most 5 s after the burst (12 a minute).
    expect(Number(limited.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(limited.retryAfter)).toBeLessThanOrEqual(5);
    expect(await tableCounts()).toEqual(before);
  });

  test("API keys: shown once, stored hashed, listed by prefix; members cannot create them", async () => {
    const { team, owner, actor } = await makeTeamWithApp("member");
    const created = await createApiKey(owner.user.id, team.id, { name: "Release CI" });
    expect(created.key).toMatch(/^ahk_[A-Za-z0-9_-]{43}$/);
    const [listed] = await listApiKeys(team.id);
    expect(listed).toMatchObject({ name: "Release CI", prefix: created.key.slice(0, 12), lastUsedAt: null });
    expect(JSON.stringify(listed)).not.toContain(created.key);
    expect((await appErrorOf(() => createApiKey(actor.user.id, team.id, { name: "x" }))).code).toBe(
      "forbidden",
    );
    const stranger = await makeUser();
    expect((await appErrorOf(() => createApiKey(stranger.user.id, team.id, { name: "x" }))).code).toBe(
      "not_found",
    );
    expect(
      (await appErrorOf(() => createApiKey(owner.user.id, team.id, { name: " " }))).fieldErrors?.name,
    ).toBeTruthy();
  });
});
