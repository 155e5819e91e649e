import { execFileSync } from "node:child_process";
import { expect, test } from "./fixtures";
import { signUp, toast, uniqueEmail } from "./helpers";

test("Use a test inbox: a Send test arrives live with a valid signature, a Copy as cURL replay is accepted, 500 is answered on request", async ({
  page,
  app,
}) => {
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto(`/apps/${app.key}`);
  await page.getByRole("link", { name: "Setting", exact: true }).click();
  await page.getByLabel("Webhook Name").fill("Inbox");
  await page.getByRole("button", { name: "Use a test inbox" }).click();
  await expect(toast(page, "Test inbox ready")).toBeVisible();
  const url = page.getByLabel("URL", { exact: true });
  await expect(url).toHaveValue(/^http:\/\/127\.0\.0\.1:\d+\/api\/inbox\/[a-z0-9]{32}$/);
  const inboxHref = await page.getByRole("link", { name: "Open the test inbox" }).getAttribute("href");
  expect(inboxHref).toMatch(/^\/inboxes\/[a-z0-9]{32}$/);
  await page.getByRole("button", { name: "Save Info" }).click();
  await expect(toast(page, "Webhook “Inbox” created")).toBeVisible();
  await page.getByRole("row").filter({ hasText: "Inbox" }).getByRole("link", { name: "Edit" }).click();
  await expect(page.getByRole("link", { name: "Open the test inbox" })).toHaveAttribute(
    "href",
    inboxHref ?? "",
  );
  const webhookPath = new URL(page.url()).pathname;

  // The inbox, open beside the dashboard: empty, then live.
  const inbox = await page.context().newPage();
  await inbox.goto(inboxHref ?? "");
  await expect(inbox.getByRole("heading", { name: "Test inbox", level: 1 })).toBeVisible();
  await expect(inbox.getByRole("heading", { name: "Nothing has arrived yet" })).toBeVisible();

  await page.goto(`${webhookPath}/deliveries`);
  await page.getByLabel("Event type").selectOption({ label: "Feedback" });
  await page.getByRole("button", { name: "Send test" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Test delivered" })).toBeVisible();

  const requests = inbox.getByRole("listitem");
  await expect(requests).toHaveCount(1);
  const sent = requests.first();
  await expect(sent).toContainText("From AppHooks");
  await expect(sent).toContainText("Signature valid");
  await expect(sent).toContainText("Answered 200");
  await expect(sent).toContainText('"type": "feedback"');
  await expect(sent).toContainText('"test": true');

  // Copy as cURL on the test delivery's page, replayed with curl: the inbox accepts it, signature valid.
  await page.getByRole("row").filter({ hasText: "Test" }).getByRole("link", { name: /View/ }).click();
  await page.getByRole("button", { name: "Copy as cURL" }).click();
  await expect(toast(page, /copied/i)).toBeVisible();
  const command = await page.evaluate(() => navigator.clipboard.readText());
  expect(command).toContain("/api/inbox/");
  const answer = execFileSync("bash", ["-c", `${command} --silent --show-error --fail`], {
    encoding: "utf8",
  });
  expect(JSON.parse(answer)).toEqual({ received: true });
  await expect(requests).toHaveCount(2);
  await expect(requests.first()).toContainText("Over HTTP");
  await expect(requests.first()).toContainText("Signature valid");

  // The inbox set to answer 500: the next test fails with it, and the inbox says what it answered.
  await inbox.getByLabel("Answer with").selectOption({ label: "500 error (watch the retries)" });
  await inbox.getByRole("button", { name: "Save answer" }).click();
  await expect(toast(inbox, "The inbox now answers: 500 error (watch the retries)")).toBeVisible();
  await page.goto(`${webhookPath}/deliveries`);
  await page.getByRole("button", { name: "Send test" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Test failed" })).toContainText("500");
  await expect(requests).toHaveCount(3);
  await expect(requests.first()).toContainText("Answered 500");
});

test("another team's user gets 404 for the inbox page", async ({ page, app, browser }) => {
  await page.goto(`/apps/${app.key}`);
  await page.getByRole("link", { name: "Setting", exact: true }).click();
  await page.getByRole("button", { name: "Use a test inbox" }).click();
  const url = page.getByLabel("URL", { exact: true });
  await expect(url).toHaveValue(/\/api\/inbox\//);
  const inboxPath = `/inboxes/${(await url.inputValue()).split("/").pop()}`;
  expect((await page.goto(inboxPath))?.status()).toBe(200);

  const stranger = await browser.newContext({
    baseURL: new URL(page.url()).origin,
    locale: "en-US",
    storageState: { cookies: [], origins: [] },
  });
  const other = await stranger.newPage();
  await other.goto("/signup");
  await signUp(other, "Stan Stranger", uniqueEmail("stan"));
  await expect(other.getByRole("heading", { name: "My Apps" })).toBeVisible();
  expect((await other.goto(inboxPath))?.status()).toBe(404);
  await stranger.close();
});
