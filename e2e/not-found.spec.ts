import { randomUUID } from "node:crypto";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { createApp, createFirstWebhook, signUp, uniqueEmail, uploadVersion } from "./helpers";

/** A new user with an app and a webhook; returns the app key, the webhook's page path and its id. */
async function ownerWithWebhook(browser: Browser, name: string) {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/signup");
  await signUp(page, name, uniqueEmail("notfound"));
  await expect(page.getByRole("heading", { name: "My Apps" })).toBeVisible();
  const appKey = await createApp(page, `${name}'s app`);
  await createFirstWebhook(page, "Hook", "http://127.0.0.1:4999/hooks/not-found");
  await page.waitForURL(/\/settings\/webhooks\/[0-9a-f-]{36}$/);
  const webhookPath = new URL(page.url()).pathname;
  return { page, appKey, webhookPath, webhookId: webhookPath.split("/").pop() ?? "" };
}

async function statusOf(page: Page, path: string): Promise<number> {
  return (await page.request.get(path, { maxRedirects: 0 })).status();
}

test("unknown ids and other teams' apps, webhooks and deliveries answer 404 on every dashboard page", async ({
  browser,
}) => {
  const mine = await ownerWithWebhook(browser, "Nora Mine");
  const theirs = await ownerWithWebhook(browser, "Theo Theirs");
  const { page, appKey, webhookPath } = mine;

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
  await page.context().close();
  await theirs.page.context().close();
});
