import { type ChildProcess, spawn } from "node:child_process";
import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { deliveries, webhooks } from "@/lib/db/schema";
import { SERVER_NODE_ARGS } from "@/scripts/server-node";
import { dbTargets, useTestDatabase } from "@/test/databases";
import { emitSample } from "@/test/event-fixtures";
import { insertWebhook, makeTeamWithApp, type TeamWithApp } from "@/test/factories";
import { type Receiver, startReceiver } from "@/test/receiver";
import { claimDue } from "./claim";
import { drainOnce, startWorker } from "./worker";

/** A webhook subscribed to every event, inserted directly (tests here need more than the 3-per-app limit). */
const hook = async (appId: string, url: string) => (await insertWebhook(appId, url)).row.id;

async function statusCounts(appId: string): Promise<Record<string, number>> {
  const rows = await (await db()).select().from(deliveries).where(eq(deliveries.appId, appId));
  const counts: Record<string, number> = {};
  for (const row of rows) counts[row.status] = (counts[row.status] ?? 0) + 1;
  return counts;
}

describe.each(dbTargets())("claiming (%s)", (kind) => {
  useTestDatabase(kind);
  let context: TeamWithApp;
  beforeAll(async () => {
    context = await makeTeamWithApp("owner");
  });
  const emitMany = async (count: number) => {
    for (let i = 0; i < count; i++)
      await emitSample("feedback", { teamId: context.team.id, app: context.app });
  };
  afterEach(async () => {
    // Each test starts from an empty outbox.
    await (await db()).delete(deliveries).where(eq(deliveries.appId, context.app.id));
    await (await db()).delete(webhooks).where(eq(webhooks.appId, context.app.id));
  });

  test("concurrent claims never return the same row, and together return every due row", async () => {
    for (let i = 0; i < 4; i++) await hook(context.app.id, `https://receiver.example.test/${i}`);
    await emitMany(10); // 40 deliveries
    const seen: string[] = [];
    for (let round = 0; round < 10; round++) {
      const claims = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          claimDue(`claimer-${i}`, { batch: 4, leaseMs: 60_000, perWebhookCap: 100 }),
        ),
      );
      const ids = claims.flat().map((row) => row.id);
      seen.push(...ids);
      if (ids.length === 0) break;
    }
    expect(seen).toHaveLength(40);
    expect(new Set(seen).size).toBe(40);
    expect(await statusCounts(context.app.id)).toEqual({ sending: 40 });
  });

  test("a claimed row carries its event and the live webhook, and is leased to its worker", async () => {
    const webhookId = await hook(context.app.id, "https://receiver.example.test/one");
    await emitMany(1);
    const [row] = await claimDue("w1", { batch: 10, leaseMs: 60_000, perWebhookCap: 4 });
    expect(row).toMatchObject({ webhookId, attempts: 0, event: { type: "feedback" } });
    expect(row?.event.facts.app.key).toBe(context.app.appKey);
    expect(row?.webhook?.id).toBe(webhookId);
    expect(row?.target.url).toBe("https://receiver.example.test/one");
    const [stored] = await (await db())
      .select()
      .from(deliveries)
      .where(eq(deliveries.id, row?.id ?? ""));
    expect(stored).toMatchObject({ status: "sending", lockedBy: "w1" });
    expect(stored?.lockedUntil?.getTime()).toBeGreaterThan(Date.now() + 50_000);
  });

  test("the per-webhook cap counts rows in flight; other webhooks are still claimed; an expired lease frees a row", async () => {
    const busy = await hook(context.app.id, "https://receiver.example.test/busy");
    await emitMany(10); // 10 deliveries to `busy`
    const options = { batch: 20, leaseMs: 60_000, perWebhookCap: 3 };
    const first = await claimDue("w1", options);
    expect(first.map((row) => row.webhookId)).toEqual([busy, busy, busy]);
    expect(await claimDue("w2", options)).toEqual([]); // `busy` has 3 in flight

    const other = await hook(context.app.id, "https://receiver.example.test/other");
    await emitMany(2); // 2 more to each webhook
    const second = await claimDue("w2", options);
    expect(second.map((row) => row.webhookId)).toEqual([other, other]);

    // w1 died: its leases run out, and its rows are due again (and no longer count as in flight).
    await (await db())
      .update(deliveries)
      .set({ lockedUntil: sql`now() - interval '1 second'` })
      .where(
        inArray(
          deliveries.id,
          first.map((row) => row.id),
        ),
      );
    const third = await claimDue("w3", options);
    expect(third.map((row) => row.id).sort()).toEqual(first.map((row) => row.id).sort());
  });

  test("rows not yet due (a scheduled retry) are not claimed", async () => {
    await hook(context.app.id, "https://receiver.example.test/later");
    await emitMany(2);
    await (await db())
      .update(deliveries)
      .set({ nextAttemptAt: sql`now() + interval '1 minute'` })
      .where(eq(deliveries.appId, context.app.id));
    expect(await claimDue("w1", { batch: 10, leaseMs: 60_000, perWebhookCap: 4 })).toEqual([]);
  });
});

describe.each(dbTargets())("two workers on one database (%s)", (kind) => {
  useTestDatabase(kind);
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
  });

  test("every due row is sent exactly once", async () => {
    const context = await makeTeamWithApp("owner");
    const paths = ["/w0", "/w1", "/w2"];
    for (const path of paths) await hook(context.app.id, receiver.url(path));
    receiver.script("/w1", [{ status: 200, body: "slow ok" }]);
    const emit = () => emitSample("crashlog", { teamId: context.team.id, app: context.app });
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) ids.push((await emit()).id); // due before the workers start
    const config = { pollMs: 20, concurrency: 4, perWebhookConcurrency: 4, claimBatch: 3 };
    const workers = [
      startWorker({ id: `twin-a-${kind}`, config }),
      startWorker({ id: `twin-b-${kind}`, config }),
    ];
    try {
      for (let i = 0; i < 10; i++) ids.push((await emit()).id); // and while they run
      await receiver.waitFor((all) => all.length >= ids.length * paths.length, 20_000);
      await expect.poll(() => statusCounts(context.app.id), { timeout: 10_000 }).toEqual({ succeeded: 60 });
    } finally {
      await Promise.all(workers.map((worker) => worker.stop()));
    }
    for (const path of paths) {
      const received = receiver.requestsTo(path).map((r) => r.headers["webhook-id"]);
      expect(received.sort()).toEqual([...ids].sort());
    }
    expect(receiver.requests).toHaveLength(60);
  });
});

describe.each(dbTargets())("drainOnce (%s)", (kind) => {
  useTestDatabase(kind);
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
  });

  test("sends everything due, including retries that fall due meanwhile, then returns what it did", async () => {
    const context = await makeTeamWithApp("owner");
    await hook(context.app.id, receiver.url("/drain-ok"));
    await hook(context.app.id, receiver.url("/drain-down"));
    receiver.script("/drain-down", [503]);
    for (let i = 0; i < 3; i++)
      await emitSample("appMigration", { teamId: context.team.id, app: context.app });
    const stats = await drainOnce({ id: `drain-${kind}`, config: { schedule: [0, 0, 0] } });
    // 3 to the healthy webhook; 3 × 3 attempts to the failing one (2 retries each, then failed).
    expect(stats).toEqual({ claimed: 12, succeeded: 3, retried: 6, failed: 3, disabled: 0 });
    expect(await statusCounts(context.app.id)).toEqual({ succeeded: 3, failed: 3 });
    expect(receiver.requestsTo("/drain-ok")).toHaveLength(3);
    expect(receiver.requestsTo("/drain-down")).toHaveLength(9);
    expect(await drainOnce({ config: { schedule: [0, 0, 0] } })).toMatchObject({ claimed: 0 });
  });
});

/** The URL of the database the test uses (its name is chosen by useTestDatabase). */
async function currentDatabaseUrl(): Promise<string> {
  const result = await (await db()).execute(sql`select current_database() as name`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Array<{
    name: string;
  }>;
  const url = new URL(process.env.DATABASE_URL ?? "");
  url.pathname = `/${rows[0]?.name}`;
  return url.toString();
}

type WorkerProcess = { child: ChildProcess; output: () => string; exited: Promise<unknown> };

/** `npm run worker`'s command (node --conditions=react-server --import tsx scripts/worker.ts) against `databaseUrl`; resolves once it says it started. */
async function spawnWorker(databaseUrl: string, env: Record<string, string>): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [...SERVER_NODE_ARGS, "scripts/worker.ts"], {
    cwd: process.cwd(),
    env: { ...process.env, ...env, DATABASE_URL: databaseUrl },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  await expect
    .poll(() => output, { timeout: 20_000, interval: 50 })
    .toMatch(/delivery worker \S+ started|Error/);
  if (!/started/.test(output)) throw new Error(`worker did not start:\n${output}`);
  return { child, output: () => output, exited };
}

const postgresOnly = process.env.DATABASE_URL ? describe : describe.skip;

// PGlite is an in-process database: a second process cannot open it, so crash recovery across processes is
// proven on Postgres only (it runs when DATABASE_URL is set).
postgresOnly("a worker process killed with SIGKILL (postgres)", () => {
  useTestDatabase("postgres");
  let receiver: Receiver;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(async () => {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await receiver?.close();
  });

  test("after its lease, other workers deliver every row it had claimed; nothing is lost or sent twice by them", async () => {
    const context = await makeTeamWithApp("owner");
    await hook(context.app.id, receiver.url("/crash"));
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      ids.push((await emitSample("updateVersion", { teamId: context.team.id, app: context.app })).id);
    }
    const url = await currentDatabaseUrl();
    const settings = {
      DELIVERY_LEASE_MS: "3000",
      DELIVERY_TOTAL_TIMEOUT_MS: "2500",
      DELIVERY_POLL_MS: "100",
      DELIVERY_PER_WEBHOOK_CONCURRENCY: "10",
      DELIVERY_RETRY_SCHEDULE: "0,10s",
    };

    // The first worker claims all six and sends them to a receiver that does not answer...
    receiver.script("/crash", ["hang"]);
    const first = await spawnWorker(url, settings);
    children.push(first.child);
    await receiver.waitForCount("/crash", 6, 10_000);
    const claimed = await (await db()).select().from(deliveries).where(eq(deliveries.appId, context.app.id));
    expect(claimed.map((row) => row.status)).toEqual(Array(6).fill("sending"));
    const leaseEnds = Math.max(...claimed.map((row) => row.lockedUntil?.getTime() ?? 0));

    // ...and is killed while they are in flight.
    first.child.kill("SIGKILL");
    await first.exited;
    expect(first.child.signalCode).toBe("SIGKILL");
    receiver.script("/crash", [200]);
    const killedAt = receiver.requests.length;

    // Two new workers: nothing is sent before the lease ends, then everything exactly once.
    const [second, third] = await Promise.all([spawnWorker(url, settings), spawnWorker(url, settings)]);
    children.push(second.child, third.child);
    await receiver.waitForCount("/crash", 12, 15_000);
    await expect.poll(() => statusCounts(context.app.id), { timeout: 10_000 }).toEqual({ succeeded: 6 });
    const after = receiver.requests.slice(killedAt);
    expect(after.map((r) => r.headers["webhook-id"]).sort()).toEqual([...ids].sort());
    for (const request of after) expect(request.at).toBeGreaterThanOrEqual(leaseEnds - 50);

    second.child.kill("SIGTERM");
    third.child.kill("SIGTERM");
    await Promise.all([second.exited, third.exited]);
    expect(second.child.exitCode).toBe(0);
    expect(second.output()).toMatch(/delivery worker stopped/);
    expect(receiver.requests).toHaveLength(12);
  });
});
