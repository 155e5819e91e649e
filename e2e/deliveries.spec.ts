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
  expect(receiver.received).toHaveLength(1);
  const testBody = JSON.parse(receiver.received[0]?.body ?? "{}");
  expect(testBody).toMatchObject({ type: "updateVersion", title: app.name, test: true });
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
  await expect(failing).toContainText("Pending");
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
  await expect(first.getByRole("figure", { name: "Request body" })).toContainText('"os_version":"3.1"');

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
