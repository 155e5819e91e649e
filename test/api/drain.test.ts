import { eq } from "drizzle-orm";
import { afterAll, describe, expect, test } from "vitest";
import { POST } from "@/app/api/v1/deliveries/drain/route";
import { db } from "@/lib/db/client";
import { webhooks } from "@/lib/db/schema";
import { dbTargets, useTestDatabase } from "@/test/databases";
import { insertWebhook, makeTeamWithApp } from "@/test/factories";

// Read when the route first needs it (env() is parsed lazily).
const TOKEN = "drain-token-for-tests-0123456789abcdef";
process.env.DELIVERY_DRAIN_TOKEN = TOKEN;
afterAll(() => {
  delete process.env.DELIVERY_DRAIN_TOKEN;
});

const drain = (token: string) =>
  POST(
    new Request("http://localhost/api/v1/deliveries/drain", {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
    }),
  );

describe.each(dbTargets())("POST /api/v1/deliveries/drain (%s)", (kind) => {
  useTestDatabase(kind);

  test("drains, then runs one maintenance pass: a webhook past the automatic-disable rule goes off", async () => {
    const context = await makeTeamWithApp("owner");
    const { row: hook } = await insertWebhook(context.app.id, "https://receiver.example.test/drain", {
      consecutiveFailures: 10,
      failingSince: new Date(Date.now() - 6 * 24 * 3_600_000),
    });

    expect((await drain("wrong-token")).status).toBe(401);
    const response = await drain(TOKEN);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      claimed: 0,
      maintenance: { disabledWebhooks: 1, purged: { deliveries: 0, events: 0 } },
    });
    const [row] = await (await db()).select().from(webhooks).where(eq(webhooks.id, hook.id));
    expect(row?.enabled).toBe(false);
    expect(row?.disabledReason).toMatch(
      /^Turned off automatically .* all of its last 10 delivery attempts failed/,
    );
  });
});
