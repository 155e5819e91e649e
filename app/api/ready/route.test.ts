import { describe, expect, test } from "vitest";
import { database } from "@/lib/db/client";
import { startDeliveryService, startServerService } from "@/lib/delivery/service";
import { useTestDatabase } from "@/test/databases";
import { GET } from "./route";

const ready = async () => {
  const response = await GET(new Request("http://localhost/api/ready"));
  return {
    status: response.status,
    requestId: response.headers.get("x-request-id"),
    json: await response.json(),
  };
};

// The process-wide in-process service can start once per test process: one database target is enough here
// (lib/health/readiness.test.ts checks the queries on both).
describe("GET /api/ready (DELIVERY_WORKER=on, the default)", () => {
  useTestDatabase("pglite");

  test("503 until this server's own worker reports, 200 while it does, 503 again once it has stopped", async () => {
    const before = await ready();
    expect(before.status).toBe(503);
    expect(before.requestId).toBeTruthy();
    expect(before.json).toMatchObject({
      status: "not_ready",
      failing: ["worker"],
      checks: {
        database: { ok: true, kind: "pglite" },
        migrations: { ok: true },
        worker: {
          ok: false,
          requires: "in-process",
          message: "The delivery worker of this server has not started.",
        },
        shutdown: { ok: true },
      },
    });

    const handle = await database();
    const service = await startServerService(() =>
      startDeliveryService({ kind: "server", database: handle }),
    );
    const running = await ready();
    expect(running.status).toBe(200);
    expect(running.json).toMatchObject({ status: "ready", failing: [] });
    expect(running.json.checks.worker.workers).toEqual([
      { id: service.workerId, kind: "server", seenMsAgo: expect.any(Number) },
    ]);

    await service.stop();
    const stopped = await ready();
    expect(stopped.status).toBe(503);
    expect(stopped.json.failing).toEqual(["worker"]);
    expect(stopped.json.checks.worker.message).toBe(
      `The delivery worker of this server (${service.workerId}) has not reported within 3 heartbeat intervals.`,
    );
  });
});
