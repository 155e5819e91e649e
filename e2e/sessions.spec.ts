import { type Browser, expect, type Page, test } from "@playwright/test";
import { signIn, signOut, signUp, uniqueEmail } from "./helpers";

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
  page,
  browser,
}) => {
  await page.goto("/signup");
  await signUp(page, "Rita Replay", uniqueEmail("replay"));
  await expect(page.getByRole("heading", { name: "My Apps" })).toBeVisible();
  const copy = await copyOfSession(page, browser);
  await expectSignedIn(copy);

  await signOut(page, "Rita Replay");
  await expectSignedOut(copy);
  // The live log's JSON route refuses the copied cookie too.
  const log = await copy.request.get("/apps/x/settings/webhooks/y/deliveries/log");
  expect(log.status()).toBe(401);
  await copy.context().close();
});

test("sign out of all devices ends every session of the user", async ({ page, browser }) => {
  const email = uniqueEmail("everywhere");
  await page.goto("/signup");
  await signUp(page, "Eve Everywhere", email);
  await expect(page.getByRole("heading", { name: "My Apps" })).toBeVisible();
  const laptop = await (await browser.newContext()).newPage();
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
