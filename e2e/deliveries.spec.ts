import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { uploadVersion } from "./helpers";

/** The row of the log for the (non-test) delivery of an event label. */
const eventRow = (page: Page, label: string) =>
  page.getByRole("row").filter({ hasText: label }).filter({ hasNotText: "Test" });

test("Send test shows the receiver's answer, and the test is in the log", async ({
  page,
  app,
  newWebhook,
  receiver,
}) => {
  const webhook = await newWebhook(app, { name: "Build server", url: `${receiver.url}/hooks/builds` });
  await page.goto(`/apps/${app.key}/settings/webhooks/${webhook.id}/deliveries`);
  await expect(page.getByRole("heading", { name: "Deliveries of “Build server”" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "No deliveries yet" })).toBeVisible();

  receiver.respondWith(200, '{"received":"yes"}');
  await page.getByLabel("Event type").selectOption({ label: "App update" });
  await page.getByRole("button", { name: "Send test" }).click();
  const result = page.getByRole("status").filter({ hasText: "Test delivered" });
  await expect(result).toBeVisible();
  await expect(result.getByRole("definition").first()).toHaveText("200");
  await expect(page.getByRole("figure", { name: "Response body" })).toContainText('{"received":"yes"}');
  // Beside the answer, the request as it was sent: the real signature and the body.
  const sent = page.getByRole("figure", { name: "Request sent" });
  await expect(sent).toContainText("POST http://127.0.0.1:");
  await expect(sent.getByRole("region", { name: "Request body" })).toContainText('"type": "updateVersion"');
  expect(receiver.received).toHaveLength(1);
  const testBody = JSON.parse(receiver.received[0]?.body ?? "{}");
  expect(testBody).toMatchObject({ type: "updateVersion", title: app.name, test: true });
  const signature = receiver.received[0]?.headers["webhook-signature"] ?? "";
  expect(signature).toMatch(/^v1,/);
  await expect(sent).toContainText(`webhook-signature:${signature}`);
  const testRow = page.getByRole("row").filter({ hasText: "Test" });
  await expect(testRow).toContainText("Succeeded");
  await expect(testRow).toContainText("200");
});

test("a failing delivery in the log and its detail; Redeliver sends it again with the same webhook-id", async ({
  page,
  app,
  newWebhook,
  receiver,
}) => {
  const webhook = await newWebhook(app, { name: "Build server", url: `${receiver.url}/hooks/builds` });
  const logUrl = `/apps/${app.key}/settings/webhooks/${webhook.id}/deliveries`;

  // The receiver is down; a real upload fails and waits for its retry (ten minutes away on this server).
  receiver.respondWith(500, "upstream exploded");
  await page.goto(`/apps/${app.key}`);
  await uploadVersion(page, { version: "3.1", build: "310", size: "31457280", notes: "Dark mode" });
  await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBe(1);
  await page.goto(logUrl);
  const failing = eventRow(page, "App update");
  await expect(failing).toContainText("Retrying");
  await expect(failing).toContainText("HTTP 500");
  const cells = failing.getByRole("cell");
  await expect(cells.nth(3)).toHaveText("500");
  await expect(cells.nth(5)).toHaveText("1");
  // The next retry: local time to the second, the UTC instant in the <time> element (components/ui/time.tsx).
  const retry = cells.nth(6).locator("time");
  await expect(retry).toHaveText(/\b\d{2}:\d{2}:\d{2}\b/);
  await expect(retry).toHaveAttribute("datetime", /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

  // Its detail (in a second tab) shows the request and the receiver's answer.
  const detail = await page.context().newPage();
  await detail.goto(logUrl);
  await eventRow(detail, "App update").getByRole("link", { name: "View" }).click();
  const first = detail.getByRole("region", { name: "Attempt 1" });
  await expect(first.getByRole("figure", { name: "Response body (first 16 KiB)" })).toContainText(
    "upstream exploded",
  );
  await expect(first.getByRole("figure", { name: "Request body" })).toContainText('"os_version": "3.1"');

  // Fixed: Redeliver succeeds, with the same webhook-id and body.
  receiver.respondWith(200, "ok");
  await detail.getByRole("button", { name: "Redeliver" }).click();
  await expect(detail.getByRole("status").filter({ hasText: "Queued: attempt 2" })).toBeVisible();
  const second = detail.getByRole("region", { name: "Attempt 2" });
  await expect(second).toBeVisible({ timeout: 15_000 });
  await expect(detail.getByRole("definition").filter({ hasText: "Succeeded" })).toBeVisible();
  await expect(second.getByRole("figure", { name: /Response body/ })).toContainText("ok");
  expect(receiver.received).toHaveLength(2);
  const [before, after] = receiver.received;
  expect(before?.headers["webhook-id"]).toMatch(/^evt_/);
  expect(after?.headers["webhook-id"]).toBe(before?.headers["webhook-id"]);
  expect(after?.body).toBe(before?.body);

  // The log in the first tab updated by itself (it polls while a delivery is pending).
  await expect(failing).toContainText("Succeeded");
  await expect(cells.nth(5)).toHaveText("2");
  await expect(cells.nth(6)).toHaveText("—");
});

test("Resend failed since… sends the failed deliveries again; the log finds a delivery by its event id", async ({
  page,
  app,
  newWebhook,
  receiver,
}) => {
  const webhook = await newWebhook(app, { name: "Flaky server", url: `${receiver.url}/hooks/flaky` });
  await page.goto(`/apps/${app.key}/settings/webhooks/${webhook.id}/deliveries`);

  // The receiver is down: a test delivery fails (tests are not retried).
  receiver.respondWith(503, "maintenance");
  await page.getByLabel("Event type").selectOption({ label: "Feedback" });
  await page.getByRole("button", { name: "Send test" }).click();
  const row = page.getByRole("row").filter({ hasText: "Feedback" });
  await expect(row).toContainText("Failed");
  const eventId = String(receiver.received[0]?.headers["webhook-id"]);

  // Back up: resend what failed in the last 24 hours (the default).
  receiver.respondWith(200, "ok");
  await page.getByRole("button", { name: "Resend failed" }).click();
  await expect(page.getByRole("status").filter({ hasText: "1 failed delivery queued" })).toBeVisible();
  await expect(row).toContainText("Succeeded", { timeout: 15_000 });
  await expect.poll(() => receiver.received.length).toBe(2);
  expect(receiver.received[1]?.headers["webhook-id"]).toBe(eventId);
  // Asked again: nothing failed is left.
  await page.getByRole("button", { name: "Resend failed" }).click();
  await expect(page.getByRole("status").filter({ hasText: "No failed deliveries to resend" })).toBeVisible();

  // Search: a malformed id is refused with a reason; the event's id finds its delivery.
  const search = page.getByLabel("Event or delivery id");
  await search.fill("order 66");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(
    page.getByText("Search by an event id (evt_…, the webhook-id header) or a delivery id."),
  ).toBeVisible();
  await search.fill(eventId);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  // The log's table: its header row and the one delivery.
  const log = page.getByRole("table", { name: "Recent deliveries, newest first" });
  await expect(log.getByRole("row")).toHaveCount(2);
  await expect(log).toContainText("Succeeded");
  await search.fill("evt_nothinglikethis");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByRole("heading", { name: "No deliveries match these filters" })).toBeVisible();
});
