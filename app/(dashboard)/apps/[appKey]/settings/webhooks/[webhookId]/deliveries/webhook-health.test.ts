import { eq } from "drizzle-orm";
import { NextIntlClientProvider } from "next-intl";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { deliveries, deliveryAttempts } from "@/lib/db/schema";
import en from "@/messages/en.json";
import { dbTargets, useTestDatabase } from "@/test/databases";
import { emitSample } from "@/test/event-fixtures";
import { insertWebhook, makeTeamWithApp, type TeamWithApp } from "@/test/factories";
import { WebhookHealth } from "./webhook-health";

const MINUTE = 60_000;

describe.each(dbTargets())("WebhookHealth (%s)", (kind) => {
  useTestDatabase(kind);
  let context: TeamWithApp;
  beforeAll(async () => {
    context = await makeTeamWithApp("owner");
  });

  const hook = async () =>
    (await insertWebhook(context.app.id, "https://receiver.example.test/health")).row.id;

  // As the root layout provides them: the messages (English here), the viewer's time zone and the clock.
  const render = async (webhookId: string) =>
    renderToStaticMarkup(
      createElement(NextIntlClientProvider, {
        locale: "en",
        messages: en,
        timeZone: "UTC",
        now: new Date(),
        // biome-ignore lint/correctness/noChildrenProp: a .ts test has no JSX; the provider types want `children`.
        children: await WebhookHealth({ webhookId }),
      }),
    );

  test("without attempts: an empty state per period, and the period switch", async () => {
    const html = await render(await hook());
    expect(html).toContain("No deliveries in the last 24 hours");
    expect(html).toContain("No deliveries in the last 7 days");
    expect(html).toContain('<legend class="sr-only">Period</legend>');
    expect(html).toMatch(/<button type="button" aria-pressed="true"[^>]*>Last 24 hours<\/button>/);
    expect(html).toMatch(/<button type="button" aria-pressed="false"[^>]*>Last 7 days<\/button>/);
    expect(html).not.toContain('role="img"');
  });

  test("with attempts: the numbers, a chart summarised for screen readers, and its table", async () => {
    const id = await hook();
    const event = await emitSample("feedback", { teamId: context.team.id, app: context.app });
    const [delivery] = await (await db())
      .select({ id: deliveries.id })
      .from(deliveries)
      .where(eq(deliveries.eventId, event.id));
    if (!delivery) throw new Error("no delivery");
    const at = new Date(Date.now() - 10 * MINUTE);
    await (await db()).insert(deliveryAttempts).values(
      [100, 200, 300, 400].map((durationMs, index) => ({
        deliveryId: delivery.id,
        webhookId: id,
        attempt: index + 1,
        startedAt: at,
        durationMs,
        requestUrl: "https://receiver.example.test/health",
        requestHeaders: {},
        requestBody: "{}",
        responseStatus: index === 0 ? 500 : 200,
        error: index === 0 ? "HTTP 500" : null,
      })),
    );
    const html = await render(id);
    expect(html).toContain("Success rate</dt><dd");
    expect(html).toContain(">75%</dd>");
    expect(html).toContain(">250 ms</dd>"); // p50 of 100…400
    expect(html).toContain(">385 ms</dd>"); // p95: 2.85 → 300 + 0.85 × 100
    expect(html).toContain(
      'aria-label="Attempts per hour over the last 24 hours: 3 succeeded, 1 failed; the highest p95 latency of one hour was 385 ms."',
    );
    expect(html).toContain('role="img"');
    // The table for screen readers has the one hour with attempts.
    expect(html).toMatch(
      /<div class="sr-only"><table>[\s\S]*<td>3<\/td><td>1<\/td><td>385 ms<\/td>[\s\S]*<\/table><\/div>/,
    );
    expect(html).not.toContain("No deliveries in the last 24 hours");
  });
});
