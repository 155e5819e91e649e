import { sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import journal from "@/drizzle/meta/_journal.json";
import { database } from "@/lib/db/client";
import { workerHeartbeats } from "@/lib/db/schema";
import { startHeartbeat } from "@/lib/delivery/heartbeat";
import { dbTargets, useTestDatabase } from "@/test/databases";
import { readiness } from "./readiness";

describe.each(dbTargets())("readiness (%s)", (kind) => {
  useTestDatabase(kind);

  test("a server that relies on standalone workers is ready only while one has a fresh heartbeat", async () => {
    const none = await readiness({ requires: "standalone" });
    expect(none.status).toBe("not_ready");
    expect(none.failing).toEqual(["worker"]);
    expect(none.checks.database).toMatchObject({ ok: true, kind });
    expect(none.checks.migrations).toMatchObject({ ok: true });
    expect(none.checks.worker).toMatchObject({ ok: false, requires: "standalone", workers: [] });
    expect(none.checks.worker.message).toMatch(/No delivery worker has reported .* start `npm run worker`/);

    const handle = await database();
    const heartbeat = await startHeartbeat({
      database: handle,
      workerId: "host-1-abc",
      kind: "standalone",
      intervalMs: 1000,
    });
    const one = await readiness({ requires: "standalone" });
    expect(one).toMatchObject({ status: "ready", failing: [] });
    expect(one.checks.worker.workers).toEqual([
      { id: "host-1-abc", kind: "standalone", seenMsAgo: expect.any(Number) },
    ]);

    // A clean stop deletes the row: the server is not ready any more, at once.
    await heartbeat.stop();
    expect((await readiness({ requires: "standalone" })).failing).toEqual(["worker"]);
    expect(await handle.db.select().from(workerHeartbeats)).toEqual([]);
  });

  test("a heartbeat older than three of its intervals is not fresh (a crashed worker)", async () => {
    const handle = await database();
    await handle.db.insert(workerHeartbeats).values([
      {
        workerId: "crashed",
        kind: "standalone",
        host: "h",
        pid: 1,
        intervalMs: 1000,
        seenAt: sql`now() - interval '3.5 seconds'`,
      },
      {
        workerId: "slow-poller",
        kind: "standalone",
        host: "h",
        pid: 2,
        intervalMs: 5000,
        seenAt: sql`now() - interval '10 seconds'`,
      },
    ]);
    const result = await readiness({ requires: "standalone" });
    expect(result.status).toBe("ready");
    expect(result.checks.worker.workers?.map((worker) => worker.id)).toEqual(["slow-poller"]);
    await handle.db.delete(workerHeartbeats).where(sql`${workerHeartbeats.workerId} = 'slow-poller'`);
    expect((await readiness({ requires: "standalone" })).failing).toEqual(["worker"]);
    // A cron-driven server (DELIVERY_DRAIN_TOKEN) needs no worker.
    expect(await readiness({ requires: "none" })).toMatchObject({
      status: "ready",
      checks: { worker: { ok: true } },
    });
    await handle.db.delete(workerHeartbeats);
  });

  test("a database without this code's latest migration is not ready, and says which", async () => {
    const handle = await database();
    const [latest] = await handle.query<{ id: number; hash: string; created_at: string }>(
      "select id, hash, created_at from drizzle.__drizzle_migrations order by created_at desc limit 1",
      [],
    );
    if (!latest) throw new Error("no migration recorded");
    await handle.query("delete from drizzle.__drizzle_migrations where id = $1", [latest.id]);
    try {
      const result = await readiness({ requires: "none" });
      expect(result.failing).toEqual(["migrations"]);
      // This code's latest migration: the last entry of drizzle's journal.
      const latestTag = (journal.entries.at(-1) as { tag: string }).tag;
      expect(result.checks.migrations).toMatchObject({ ok: false, latest: latestTag });
      expect(result.checks.migrations.message).toBe(`The database lacks migrations up to ${latestTag}.`);
    } finally {
      await handle.query(
        "insert into drizzle.__drizzle_migrations (id, hash, created_at) values ($1, $2, $3)",
        [latest.id, latest.hash, latest.created_at],
      );
    }
    expect((await readiness({ requires: "none" })).status).toBe("ready");
  });

  test("a database that does not answer fails every check that needs it, in words", async () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 10.1.2.3:5432"), { code: "ECONNREFUSED" });
    const down = await readiness({ requires: "standalone", open: () => Promise.reject(refused) });
    expect(down.status).toBe("not_ready");
    expect(down.failing).toEqual(["database", "migrations", "worker"]);
    expect(down.checks.database.message).toBe("The database is unreachable (ECONNREFUSED).");
    expect(JSON.stringify(down)).not.toContain("10.1.2.3");
    expect(down.checks.worker.message).toBe("Not checked: the database did not answer.");
  });
});
