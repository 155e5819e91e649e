import path from "node:path";
import { type APIRequestContext, type Browser, test as base, expect, type Page } from "@playwright/test";
import { PASSWORD, signUp, uniqueEmail } from "./helpers";
import { startReceiver } from "./receiver";

/** A user who signed up through the app's sign-up page, with the browser state of that session. */
export type Account = { name: string; email: string; password: string; storageState: string };

/** An app of the signed-in account's team, created through the public API. */
export type App = { key: string; name: string; platform: "ios" | "android" };

export type NewApp = (options?: { name?: string; platform?: App["platform"] }) => Promise<App>;

/** A webhook as the API's POST /apps/{appKey}/webhooks takes it (docs/events.md for the event types). */
export type WebhookBody = {
  name: string;
  url: string;
  type?: string;
  events?: string[];
  enabled?: boolean;
  secret?: string;
};

export type NewWebhook = (app: App, webhook: WebhookBody) => Promise<{ id: string }>;

type WorkerFixtures = {
  /** The worker's account (one sign-up per worker): its team owns every `app` of the worker's tests. */
  account: Account;
  /** An Admin API key of the account's team, created on its API keys page. */
  apiKey: string;
};

type TestFixtures = {
  /** A fresh app for this test, in the account's team; `page` and `context` are signed in as its owner. */
  app: App;
  /** More fresh apps of the account's team. */
  newApp: NewApp;
  /** A webhook of an app of the account's team, created through the public API. */
  newWebhook: NewWebhook;
  /**
   * Another user, signed up now through the sign-up page, with a page of their own signed in (closed after the
   * test). For tests of another team, of sessions, of sign-out.
   */
  newAccount: (name: string) => Promise<Account & { page: Page }>;
  /** The customer's endpoint on loopback (e2e/receiver.ts), stopped after the test. */
  receiver: Awaited<ReturnType<typeof startReceiver>>;
};

let accounts = 0;

/** Signs up through the sign-up page in a fresh browser context and keeps that session's state in a file. */
async function signUpAccount(
  browser: Browser,
  baseURL: string | undefined,
  name: string,
  folder: string,
): Promise<Account & { page: Page }> {
  // Signed out and in English (the labels below), whatever the test's own pages are.
  const context = await browser.newContext({
    baseURL,
    locale: "en-US",
    storageState: { cookies: [], origins: [] },
  });
  const page = await context.newPage();
  const email = uniqueEmail(name.split(" ")[0]?.toLowerCase() ?? "user");
  await page.goto("/signup");
  await signUp(page, name, email);
  await expect(page.getByRole("heading", { name: "My Apps" })).toBeVisible();
  const storageState = path.join(folder, `account-${process.pid}-${++accounts}.json`);
  await context.storageState({ path: storageState });
  return { name, email, password: PASSWORD, storageState, page };
}

/** POST /api/v1/apps with the key; the app as the API answers it. */
async function createAppWithKey(
  request: APIRequestContext,
  key: string,
  app: Omit<App, "key">,
): Promise<App> {
  const response = await request.post("/api/v1/apps", {
    headers: { authorization: `Bearer ${key}` },
    data: { name: app.name, platform: app.platform },
  });
  expect(response.status(), await response.text()).toBe(201);
  const { appKey } = (await response.json()) as { appKey: string };
  return { ...app, key: appKey };
}

let apps = 0;

export const test = base.extend<TestFixtures, WorkerFixtures>({
  account: [
    async ({ browser }, use, workerInfo) => {
      const { page, ...account } = await signUpAccount(
        browser,
        workerInfo.project.use.baseURL,
        "Owen Owner",
        path.join(workerInfo.project.outputDir, ".auth"),
      );
      await page.context().close();
      await use(account);
    },
    { scope: "worker" },
  ],
  apiKey: [
    async ({ browser, account }, use, workerInfo) => {
      const context = await browser.newContext({
        baseURL: workerInfo.project.use.baseURL,
        locale: "en-US", // the labels below are English, whatever locale the test that first needs the key uses
        storageState: account.storageState,
      });
      const page = await context.newPage();
      await page.goto("/team/api-keys");
      await page.getByLabel("Key name").fill("e2e fixtures");
      await page.getByRole("button", { name: "Create API key" }).click();
      const key = await page.getByLabel("New API key").inputValue();
      await context.close();
      await use(key);
    },
    { scope: "worker" },
  ],
  // Every page and context of these tests is signed in as the account.
  storageState: async ({ account }, use) => {
    await use(account.storageState);
  },
  newApp: async ({ request, apiKey }, use) => {
    await use((options = {}) =>
      createAppWithKey(request, apiKey, {
        name: options.name ?? `App ${++apps}`,
        platform: options.platform ?? "ios",
      }),
    );
  },
  newWebhook: async ({ request, apiKey }, use) => {
    await use(async (app, webhook) => {
      const response = await request.post(`/api/v1/apps/${app.key}/webhooks`, {
        headers: { authorization: `Bearer ${apiKey}` },
        data: { type: "json", events: ["updateVersion"], ...webhook },
      });
      expect(response.status(), await response.text()).toBe(201);
      return { id: ((await response.json()) as { id: string }).id };
    });
  },
  app: async ({ newApp }, use) => {
    await use(await newApp({ name: "OooPlay" }));
  },
  newAccount: async ({ browser, baseURL }, use, testInfo) => {
    const pages: Page[] = [];
    await use(async (name) => {
      const made = await signUpAccount(browser, baseURL, name, testInfo.outputPath(".auth"));
      pages.push(made.page);
      return made;
    });
    for (const page of pages) await page.context().close();
  },
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern
  receiver: async ({}, use) => {
    const receiver = await startReceiver();
    await use(receiver);
    await receiver.close();
  },
});

export { expect };
