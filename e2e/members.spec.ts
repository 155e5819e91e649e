import { expect, test } from "./fixtures";
import { row, signUp, uniqueEmail } from "./helpers";

test("a member invited by link joins the team and sees its webhooks read-only; the owner sees the new member", async ({
  page,
  browser,
  newApp,
  newWebhook,
}) => {
  const app = await newApp({ name: `Shared ${Date.now().toString(36)}` });
  await newWebhook(app, { name: "Build server", url: "http://127.0.0.1:4999/hooks/apphooks" });
  await newWebhook(app, {
    name: "Slack alerts",
    type: "slack",
    url: "https://hooks.slack.com/services/T0123ABCD/B0456EFGH/abcdefghijklmnopqrstuvwx",
    enabled: false,
  });

  let inviteLink = "";
  await test.step("the owner creates an invite link for a member", async () => {
    await page.goto("/team/members");
    await page.getByLabel("Role", { exact: true }).selectOption("member");
    await page.getByRole("button", { name: "Create invite link" }).click();
    inviteLink = await page.getByLabel("Invite link").inputValue();
    expect(inviteLink).toMatch(/\/invite\/[A-Za-z0-9_-]{40,}$/);
    await expect(page.getByRole("button", { name: "Revoke" }).first()).toBeVisible();
  });

  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const member = await context.newPage();
  await test.step("the invitee creates an account from the invite and accepts it", async () => {
    await member.goto(inviteLink);
    await expect(member.getByRole("heading", { name: /Join Owen's team/ })).toBeVisible();
    await member.getByRole("link", { name: "Create an account" }).click();
    await signUp(member, "Max Member", uniqueEmail("member"));
    await member.getByRole("button", { name: "Accept invite" }).click();
    await expect(member.getByRole("heading", { name: "My Apps" })).toBeVisible();
  });

  await test.step("the member sees the app and its webhooks, without any control to change them", async () => {
    await expect(member.getByRole("link", { name: "New app" })).toHaveCount(0);
    await expect(row(member, app.name)).toContainText("2 / 3");
    await member.getByRole("link", { name: app.name }).click();
    await member.getByRole("link", { name: "Setting", exact: true }).click();
    await expect(member.getByText("Read-only access")).toBeVisible();
    await expect(row(member, "Build server")).toBeVisible();
    await expect(row(member, "Slack alerts")).toContainText("hooks.slack.com/services/T012••••");
    await expect(member.getByRole("link", { name: "Create Webhook" })).toHaveCount(0);
    await expect(member.getByRole("button", { name: "Create Webhook" })).toHaveCount(0);
    await expect(member.getByRole("link", { name: "Edit" })).toHaveCount(0);
    await expect(member.getByRole("button", { name: "Delete" })).toHaveCount(0);
    await expect(member.getByRole("switch")).toHaveCount(0);
    // Opening the form by its address does not help either.
    await member.goto(`${member.url()}/new`);
    await expect(member.getByText("Only admins and owners can create webhooks.")).toBeVisible();
    await expect(member.getByLabel("Webhook Name")).toHaveCount(0);
  });
  await context.close();

  await page.goto("/team/members");
  await expect(row(page, "Max Member").first()).toBeVisible();
});
