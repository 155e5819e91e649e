import { expect, test } from "./fixtures";
import { row, toast } from "./helpers";

test("an owner turns a webhook off in the form and finds it in the Audit log, with their name; filters by kind", async ({
  page,
  app,
  newWebhook,
}) => {
  const name = `Audit hook ${Date.now().toString(36)}`;
  await newWebhook(app, { name, url: "http://127.0.0.1:4999/hooks/apphooks" });

  await test.step("Webhook State off, in the form", async () => {
    await page.goto(`/apps/${app.key}/settings/webhooks`);
    await row(page, name).getByRole("link", { name: "Edit" }).click();
    await page.getByRole("switch", { name: "Webhook State", exact: true }).uncheck();
    await page.getByRole("button", { name: "Save Info" }).click();
    await expect(toast(page, `Webhook “${name}” saved`)).toBeVisible();
  });

  await test.step("the Audit log shows who turned it off, and the change old → new", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
    await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
    const changed = row(page, name).filter({ hasText: "Webhook changed" });
    await expect(changed).toHaveCount(1);
    await expect(changed).toContainText("Owen Owner");
    await expect(changed).toContainText("Webhook State: On → Off");
    await expect(changed).toContainText(`in ${app.name}`);
    // Without a trusted proxy the client's address is not known, and says so.
    await expect(changed).toContainText("Unknown");
    // Created through the API: the key is the actor.
    const created = row(page, name).filter({ hasText: "Webhook created" });
    await expect(created).toContainText("e2e fixtures");
    await expect(created).toContainText("API key");
  });

  await test.step("filtered by kind, only that kind is listed", async () => {
    await page.getByLabel("Kind").selectOption({ label: "Webhook created" });
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(/kind=webhook\.created/);
    await expect(row(page, name).filter({ hasText: "Webhook created" })).toHaveCount(1);
    await expect(page.getByRole("row").filter({ hasText: "Webhook changed" })).toHaveCount(0);
    await page.getByRole("link", { name: "Clear filters" }).click();
    await expect(row(page, name).filter({ hasText: "Webhook changed" })).toHaveCount(1);
    await expect(page.getByLabel("Kind")).toHaveValue("");
  });
});

test("a member who joined by invite cannot read the Audit log; the owner's log shows them joining", async ({
  page,
  newAccount,
}) => {
  await page.goto("/team/members");
  await page.getByLabel("Role", { exact: true }).selectOption("member");
  await page.getByRole("button", { name: "Create invite link" }).click();
  const inviteLink = await page.getByLabel("Invite link").inputValue();

  const name = `Mo Member ${Date.now().toString(36)}`;
  const member = (await newAccount(name)).page;
  await member.goto(inviteLink);
  await member.getByRole("button", { name: "Accept invite" }).click();
  await expect(member.getByRole("heading", { name: "My Apps" })).toBeVisible();
  await member.goto("/team/audit");
  await expect(member.getByText("Only admins and owners can read the audit log.")).toBeVisible();
  await expect(member.getByRole("table")).toHaveCount(0);
  await expect(member.getByLabel("Kind")).toHaveCount(0);

  await page.goto("/team/audit");
  const joined = row(page, name).filter({ hasText: "Invite accepted" });
  await expect(joined).toHaveCount(1);
  await expect(joined).toContainText("Role: — → Member");
  await expect(row(page, "Owen Owner").filter({ hasText: "Invite created" }).first()).toBeVisible();
});
