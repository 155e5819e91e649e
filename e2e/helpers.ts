import { expect, type Locator, type Page } from "@playwright/test";

export const PASSWORD = "correct horse battery";

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.test`;
}

export async function signUp(page: Page, name: string, email: string): Promise<void> {
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
}

export async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signOut(page: Page, name: string): Promise<void> {
  await page.locator("summary", { hasText: name }).click();
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/login/);
}

/** Pastes text into an input the way a user's Ctrl+V does: a real `paste` event carrying the clipboard data. */
export async function paste(input: Locator, text: string): Promise<void> {
  await input.focus();
  await input.evaluate((element, value) => {
    const data = new DataTransfer();
    data.setData("text", value);
    element.dispatchEvent(
      new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, text);
}

/** A toast: an item of the notifications live region (sonner labels it "Notifications alt+T"). */
export function toast(page: Page, text: string | RegExp): Locator {
  return page
    .getByRole("region", { name: /^Notifications/ })
    .getByRole("listitem")
    .filter({ hasText: text })
    .first();
}

export function row(page: Page, text: string | RegExp): Locator {
  return page.getByRole("row").filter({ hasText: text });
}

/** An alert with this text (Next's route announcer is also an alert, an empty one). */
export function alert(page: Page, text: string | RegExp): Locator {
  return page.getByRole("alert").filter({ hasText: text });
}

/** "New app" → "Create app"; ends on the app's page. Returns its app key. */
export async function createApp(page: Page, name: string, platform = "iOS"): Promise<string> {
  await page.getByRole("link", { name: "New app" }).first().click();
  await page.getByLabel("App name").fill(name);
  await page.getByLabel("Platform").selectOption({ label: platform });
  await page.getByRole("button", { name: "Create app" }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  return new URL(page.url()).pathname.split("/")[2] ?? "";
}

/**
 * From the app's page: Setting → the first webhook's form (it opens straight away), subscribed only to App update;
 * waits for the confirmation, then opens the webhook's page (Edit).
 */
export async function createFirstWebhook(page: Page, name: string, url: string): Promise<void> {
  await page.getByRole("link", { name: "Setting", exact: true }).click();
  await page.getByLabel("Webhook Name").fill(name);
  await page.getByLabel("URL").fill(url);
  for (const label of [
    "Version management",
    "Feedback",
    "Crash log",
    "App settings",
    "App migration",
    "App deletion",
  ]) {
    await page.getByLabel(label, { exact: true }).uncheck();
  }
  await page.getByRole("button", { name: "Save Info" }).click();
  await expect(toast(page, `Webhook “${name}” created`)).toBeVisible();
  await page.getByRole("row").filter({ hasText: name }).getByRole("link", { name: "Edit" }).click();
}

/** Versions → "Upload version" with its metadata; waits for the confirmation. */
export async function uploadVersion(
  page: Page,
  version: { version: string; build: string; size: string; notes: string },
): Promise<void> {
  await page.getByRole("link", { name: "Versions" }).click();
  await page.getByRole("link", { name: "Upload version" }).first().click();
  await page.getByLabel("Version", { exact: true }).fill(version.version);
  await page.getByLabel("Build", { exact: true }).fill(version.build);
  await page.getByLabel("Size (bytes)").fill(version.size);
  await page.getByLabel("Release notes").fill(version.notes);
  await page.getByRole("button", { name: "Upload version" }).click();
  await expect(toast(page, `Version ${version.version} (build ${version.build}) uploaded`)).toBeVisible();
}
