import { expect, test } from "./fixtures";
import { toast } from "./helpers";

test("an owner chooses a robot webhook and turns alert emails off and on; the settings are kept", async ({
  page,
  app,
  newWebhook,
}) => {
  const robot = `Alerts group ${Date.now().toString(36)}`;
  await newWebhook(app, {
    name: robot,
    type: "slack",
    url: "https://hooks.slack.com/services/T0123ABCD/B0456EFGH/abcdefghijklmnopqrstuvwx",
    events: ["appDelete"],
  });
  const option = `${app.name} · ${robot} (Slack)`;

  await page.goto("/apps");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Notifications" }).click();
  await expect(page.getByRole("heading", { name: "Notifications", level: 1 })).toBeVisible();
  const email = page.getByRole("checkbox", { name: "Email the team's owners and admins" });
  const select = page.getByLabel("Chat robot");
  // The defaults: email on, no robot.
  await expect(email).toBeChecked();
  await expect(select.locator("option:checked")).toHaveText("None");

  await select.selectOption({ label: option });
  await email.uncheck();
  await page.getByRole("button", { name: "Save notification settings" }).click();
  await expect(toast(page, "Notification settings saved")).toBeVisible();
  await page.reload();
  await expect(email).not.toBeChecked();
  await expect(select.locator("option:checked")).toHaveText(option);

  await email.check();
  await select.selectOption({ label: "None" });
  await page.getByRole("button", { name: "Save notification settings" }).click();
  await expect(toast(page, "Notification settings saved")).toBeVisible();
  await page.reload();
  await expect(email).toBeChecked();
  await expect(select.locator("option:checked")).toHaveText("None");

  // Both changes are in the Audit log.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("row").filter({ hasText: "Notification settings changed" })).toHaveCount(2);
});

test("a webhook that keeps failing: the alert email is on the email preview page within a minute", async ({
  page,
  request,
  app,
  apiKey,
  newWebhook,
}) => {
  // The maintenance loop runs once a minute in the e2e server: the alert can take that long.
  test.setTimeout(150_000);
  const name = `Closed port ${Date.now().toString(36)}`;
  // Nothing listens on port 1: every attempt fails at once (the e2e server allows loopback targets).
  await newWebhook(app, { name, url: "http://127.0.0.1:1/hooks", events: ["feedback"] });
  for (let i = 1; i <= 3; i++) {
    const response = await request.post(`/api/v1/apps/${app.key}/events`, {
      headers: { authorization: `Bearer ${apiKey}` },
      data: { type: "feedback", content: `Feedback ${i}`, contact: "", device: "Pixel 8" },
    });
    expect(response.status(), await response.text()).toBe(202);
  }

  const subject = `AppHooks Application Alert · ${app.name} · webhook ${name} is failing`;
  await page.goto("/team/notifications");
  await page.getByRole("link", { name: "Open the email preview" }).click();
  await expect(page.getByRole("heading", { name: "Email preview", level: 1 })).toBeVisible();
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("article", { name: subject })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 130_000, intervals: [2000] });
  const email = page.getByRole("article", { name: subject });
  await expect(email).toContainText("Started failing");
  await expect(email.getByRole("region", { name: "Text" })).toContainText("has failed 3 times in a row");
  await expect(email.getByRole("region", { name: "Text" })).toContainText(
    new RegExp(`/apps/${app.key}/settings/webhooks/[0-9a-f-]+/deliveries`),
  );
});
