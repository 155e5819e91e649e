import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { createApp, createFirstWebhook, uploadVersion } from "./helpers";

/** Creates the app's first webhook on `page` (the app's page); returns the webhook's page path and its id. */
async function firstWebhook(page: Page) {
  await createFirstWebhook(page, "Hook", "http://127.0.0.1:4999/hooks/not-found");
  await page.waitForURL(/\/settings\/webhooks\/[0-9a-f-]{36}$/);
  const webhookPath = new URL(page.url()).pathname;
  return { webhookPath, webhookId: webhookPath.split("/").pop() ?? "" };
}

async function statusOf(page: Page, path: string): Promise<number> {
  return (await page.request.get(path, { maxRedirects: 0 })).status();
}

test("unknown ids and other teams' apps, webhooks and deliveries answer 404 on every dashboard page", async ({
  page,
  app,
  newAccount,
}) => {
  test.slow(); // two apps with a webhook each, then a sweep of some forty pages
  const appKey = app.key;
  const other = await newAccount("Theo Theirs");
  const theirs = { appKey: await createApp(other.page, "Theo's app"), ...(await firstWebhook(other.page)) };
  await page.goto(`/apps/${appKey}`);
  const mine = await firstWebhook(page);
  const { webhookPath } = mine;

  await page.goto(`/apps/${appKey}`);
  await uploadVersion(page, { version: "1.0", build: "1", size: "1000", notes: "first" });
  await page.goto(`${webhookPath}/deliveries`);
  const view = page.getByRole("link", { name: /View/ }).first();
  await expect(view).toBeVisible();
  const deliveryPath = new URL((await view.getAttribute("href")) ?? "", page.url()).pathname;

  const appPages = [
    "",
    "/versions",
    "/versions/new",
    "/settings",
    "/settings/general",
    "/settings/transfer",
    "/settings/delete",
    "/settings/webhooks",
    "/settings/webhooks/new",
  ];
  await test.step("my own pages answer 200 (Setting redirects to its first tab)", async () => {
    for (const path of [
      ...appPages.map((p) => `/apps/${appKey}${p}`),
      webhookPath,
      `${webhookPath}/deliveries`,
      deliveryPath,
    ]) {
      expect(await statusOf(page, path), path).toBe(path.endsWith("/settings") ? 307 : 200);
    }
  });

  await test.step("an unknown app and another team's app: 404 on each of its pages", async () => {
    for (const key of ["no-such-app", theirs.appKey]) {
      for (const path of appPages)
        expect(await statusOf(page, `/apps/${key}${path}`), `${key}${path}`).toBe(404);
    }
  });

  await test.step("unknown, malformed and other teams' webhooks and deliveries: 404", async () => {
    const hooks = `/apps/${appKey}/settings/webhooks`;
    for (const path of [
      `${hooks}/${randomUUID()}`,
      `${hooks}/not-a-uuid`,
      `${hooks}/${theirs.webhookId}`,
      `${hooks}/${theirs.webhookId}/deliveries`,
      `${hooks}/${randomUUID()}/deliveries`,
      `${webhookPath}/deliveries/${randomUUID()}`,
      `${webhookPath}/deliveries/not-a-uuid`,
      `${theirs.webhookPath}/deliveries`,
      deliveryPath.replace(mine.webhookId, theirs.webhookId),
    ]) {
      expect(await statusOf(page, path), path).toBe(404);
    }
    // Still the friendly page, revealing nothing.
    await page.goto(`/apps/${theirs.appKey}`);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  });
});
