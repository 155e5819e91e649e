import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { signIn, signOut } from "./helpers";

/** A second browser with a copy of this page's cookies (a stolen or left-behind session cookie). */
async function copyOfSession(page: Page, browser: Browser): Promise<Page> {
  const context = await browser.newContext({ storageState: await page.context().storageState() });
  return context.newPage();
}

async function expectSignedIn(page: Page): Promise<void> {
  await page.goto("/apps");
  await expect(page.getByRole("heading", { name: "My Apps" })).toBeVisible();
}

async function expectSignedOut(page: Page): Promise<void> {
  await page.goto("/apps");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
}

test("signing out ends the session on the server: a copy of the cookie taken before opens nothing", async ({
  browser,
  newAccount,
}) => {
  const { page } = await newAccount("Rita Replay");
  const copy = await copyOfSession(page, browser);
  await expectSignedIn(copy);

  await signOut(page, "Rita Replay");
  await expectSignedOut(copy);
  // The live log's JSON route refuses the copied cookie too.
  const log = await copy.request.get("/apps/x/settings/webhooks/y/deliveries/log");
  expect(log.status()).toBe(401);
  await copy.context().close();
});

test("sign out of all devices ends every session of the user", async ({ browser, newAccount }) => {
  const { page, email } = await newAccount("Eve Everywhere");
  const laptop = await (await browser.newContext({ storageState: { cookies: [], origins: [] } })).newPage();
  await signIn(laptop, email);
  await expect(laptop.getByRole("heading", { name: "My Apps" })).toBeVisible();

  await page.locator("summary", { hasText: "Eve Everywhere" }).click();
  await page.getByRole("button", { name: "Sign out of all devices" }).click();
  await expect(page).toHaveURL(/\/login/);
  await expectSignedOut(laptop);
  await expectSignedOut(page);
  // Signing in again starts a new session that works.
  await signIn(laptop, email);
  await expect(laptop.getByRole("heading", { name: "My Apps" })).toBeVisible();
  await laptop.context().close();
});

test("signed out, a dashboard page asks to sign in first, then opens", async ({ newAccount }) => {
  const { page, name, email, password } = await newAccount("Sam Signin");
  await page.goto("/team/api-keys");
  await expect(page.getByRole("heading", { name: "API keys", exact: true })).toBeVisible();
  const wanted = page.url();
  await signOut(page, name);
  await page.goto(wanted);
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(wanted);
  await expect(page.getByRole("heading", { name: "API keys", exact: true })).toBeVisible();
});
