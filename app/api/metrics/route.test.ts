import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { POST as ingestBatch } from "@/app/api/v1/apps/[appKey]/events/batch/route";
import { POST as ingest } from "@/app/api/v1/apps/[appKey]/events/route";
import { database } from "@/lib/db/client";
import { robotSendWindows } from "@/lib/db/schema";
import { startHeartbeat } from "@/lib/delivery/heartbeat";
import { drainOnce } from "@/lib/delivery/worker";
import { renderMetrics } from "@/lib/observability/metrics";
import { callApi, keyFor } from "@/test/api/call-api";
import { dbTargets, useTestDatabase } from "@/test/databases";
import { insertWebhook, makeTeamWithApp } from "@/test/factories";
import { type Receiver, startReceiver } from "@/test/receiver";
import { GET } from "./route";

// Read when the route first needs it (env() is parsed lazily).
const TOKEN = "metrics-token-for-tests-0123456789abcdef";
process.env.METRICS_TOKEN = TOKEN;
afterAll(() => {
  delete process.env.METRICS_TOKEN;
});

const scrape = (authorization?: string) =>
  GET(new Request("http://localhost/api/metrics", { headers: authorization ? { authorization } : {} }));

/** The samples of a Prometheus text exposition: `name{labels}` → value. */
function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const match = /^([a-zA-Z_:][\w:]*)(\{.*\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    const labels = [...(match[2] ?? "").matchAll(/(\w+)="([^"]*)"/g)]
      .map(([, name, value]) => `${name}=${value}`)
      .sort()
      .join(",");
    out.set(labels ? `${match[1]}{${labels}}` : (match[1] as string), Number(match[3]));
  }
  return out;
}

async function read(): Promise<Map<string, number>> {
  const response = await scrape(`Bearer ${TOKEN}`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return samples(await response.text());
}

const ATTEMPTS_OK = "apphooks_delivery_attempt_duration_seconds_count{outcome=succeeded,webhook_type=json}";

describe.each(dbTargets())("GET /api/metrics (%s)", (kind) => {
  useTestDatabase(kind);
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
  });

  test("refuses a scraper without the token (401), in constant-time comparison of the whole token", async () => {
    for (const authorization of [
      undefined,
      "Bearer wrong",
      `Bearer ${TOKEN.slice(0, -1)}`,
      `Basic ${TOKEN}`,
    ]) {
      const response = await scrape(authorization);
      expect(response.status, authorization).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe("Bearer");
    }
  });

  test("reports the backlog from the database, the ingest answers and this process's attempts", async () => {
    const fixture = await makeTeamWithApp("owner");
    await insertWebhook(fixture.app.id, receiver.url("/metrics"));
    const key = await keyFor(fixture, "admin");
    const params = { appKey: fixture.app.appKey };
    const before = await read();
    const count = (after: Map<string, number>, name: string) =>
      (after.get(name) ?? 0) - (before.get(name) ?? 0);

    const feedback = { type: "feedback", content: "The upload button does nothing" };
    expect((await callApi(ingest, "POST", { params, key, body: feedback })).status).toBe(202);
    expect(
      (await callApi(ingestBatch, "POST", { params, key, body: { events: [feedback, feedback, feedback] } }))
        .status,
    ).toBe(202);
    expect((await callApi(ingest, "POST", { params, key, body: { type: "nonsense" } })).status).toBe(400);
    expect((await callApi(ingest, "POST", { params, body: feedback })).status).toBe(401);
    const handle = await database();
    await handle.db
      .insert(robotSendWindows)
      .values({ key: "robot-at-its-limit", freeAt: new Date(Date.now() + 60_000) });
    const heartbeat = await startHeartbeat({
      database: handle,
      workerId: "w-1",
      kind: "standalone",
      intervalMs: 1000,
    });

    const queued = await read();
    expect(queued.get("apphooks_metrics_database_up")).toBe(1);
    expect(queued.get("apphooks_deliveries{status=pending,webhook_type=json}")).toBe(4);
    expect(queued.get("apphooks_delivery_queue_depth")).toBe(4);
    expect(queued.get("apphooks_delivery_oldest_due_age_seconds")).toBeGreaterThanOrEqual(0);
    expect(queued.get("apphooks_robot_windows_waiting")).toBe(1);
    expect(queued.get("apphooks_delivery_workers{kind=standalone}")).toBe(1);
    expect(queued.get("apphooks_delivery_workers{kind=server}")).toBe(0);
    expect(count(queued, "apphooks_ingest_requests_total{outcome=accepted,status=202}")).toBe(2);
    expect(count(queued, "apphooks_ingest_requests_total{outcome=refused,status=400}")).toBe(1);
    expect(count(queued, "apphooks_ingest_requests_total{outcome=refused,status=401}")).toBe(1);
    expect(count(queued, "apphooks_ingest_events_accepted_total")).toBe(4);
    expect(queued.has("process_resident_memory_bytes")).toBe(true);

    // This process's worker sends them: four attempts in the latency histogram; the backlog empties.
    expect(await drainOnce()).toMatchObject({ claimed: 4, succeeded: 4 });
    expect(receiver.requestsTo("/metrics")).toHaveLength(4);
    const delivered = await read();
    expect(count(delivered, ATTEMPTS_OK)).toBe(4);
    expect(delivered.get("apphooks_deliveries{status=pending,webhook_type=json}")).toBe(0);
    expect(delivered.get("apphooks_delivery_queue_depth")).toBe(0);
    expect(delivered.get("apphooks_delivery_oldest_due_age_seconds")).toBe(0);
    await heartbeat.stop();
  });

  test("a database that cannot be read leaves its metrics out and says so, the process's own stay", async () => {
    const { body } = await renderMetrics(() => Promise.reject(new Error("connection refused")));
    const down = samples(body);
    expect(down.get("apphooks_metrics_database_up")).toBe(0);
    expect(
      [...down.keys()].filter((name) =>
        /^apphooks_(deliveries|delivery_queue|robot|delivery_workers)/.test(name),
      ),
    ).toEqual([]);
    expect([...down.keys()].some((name) => name.startsWith(ATTEMPTS_OK.split("{")[0] as string))).toBe(true);
  });
});
