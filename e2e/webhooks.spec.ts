import { type App, expect, test } from "./fixtures";
import { alert, paste, row, toast } from "./helpers";

const DINGTALK_URL =
  "https://oapi.dingtalk.com/robot/send?access_token=3f1c9a7e5b2d4c6e8a0b1c2d3e4f5a6b7c8d9e0f";
const SLACK_URL = "https://hooks.slack.com/services/T0123ABCD/B0456EFGH/abcdefghijklmnopqrstuvwx";
const OWN_URL = "http://127.0.0.1:4999/hooks/apphooks";
const EVENT_LABELS = [
  "App update",
  "Version management",
  "Feedback",
  "Crash log",
  "App settings",
  "App migration",
  "App deletion",
];

const settingsOf = (app: App) => `/apps/${app.key}/settings/webhooks`;

test("the first visit to Setting opens the webhook form; bad input shows errors beside the fields and keeps what was typed", async ({
  page,
  app,
}) => {
  await page.goto(`/apps/${app.key}`);
  await page.getByRole("link", { name: "Setting", exact: true }).click();
  await expect(page.getByText("0 / 3")).toBeVisible();
  await expect(page.getByLabel("Webhook Name")).toBeVisible();

  await page.getByLabel("URL").fill("ftp://files.example.com/hook");
  for (const label of EVENT_LABELS) await page.getByLabel(label, { exact: true }).uncheck();
  await page.getByRole("button", { name: "Save Info" }).click();
  await expect(page.getByText("Enter a webhook name.")).toBeVisible();
  await expect(page.getByText("The URL must start with https:// or http://.")).toBeVisible();
  await expect(page.getByText("Select at least one event to push.")).toBeVisible();
  await expect(page.getByLabel("URL")).toHaveValue("ftp://files.example.com/hook");
  await expect(page.getByLabel("Webhook Name")).toBeFocused();
});

test("three webhooks of three types; the fourth is refused, in the UI and when a stale form is sent", async ({
  page,
  app,
}) => {
  await page.goto(settingsOf(app));

  await test.step("a JSON webhook for our own server", async () => {
    await page.getByLabel("Webhook Name").fill("Build server");
    await page.getByLabel("URL").fill(OWN_URL);
    await expect(page.getByLabel("Webhook Type")).toHaveValue("json");
    for (const label of EVENT_LABELS) await page.getByLabel(label, { exact: true }).uncheck();
    await page.getByLabel("App update", { exact: true }).check();
    await page.getByLabel("Crash log", { exact: true }).check();
    // Digests are for chat robots only: a JSON receiver gets every event.
    await expect(page.getByLabel("Merge bursts into digests")).toHaveCount(0);
    await expect(page.getByRole("switch", { name: "Webhook State", exact: true })).toBeChecked();
    await page.getByRole("button", { name: "Save Info" }).click();
    await expect(toast(page, "Webhook “Build server” created")).toBeVisible();
    await expect(page.getByText("1 / 3")).toBeVisible();
    const created = row(page, "Build server");
    await expect(created).toContainText("Other (JSON)");
    await expect(created).toContainText("App update");
    await expect(created).toContainText("Crash log");
    await expect(created).not.toContainText("Feedback");
  });

  await test.step("pasting a DingTalk URL selects the DingTalk type; the list masks its token", async () => {
    await page.getByRole("link", { name: "Create Webhook" }).click();
    await page.getByLabel("Webhook Name").fill("Release group");
    await paste(page.getByLabel("URL"), DINGTALK_URL);
    await expect(page.getByLabel("URL")).toHaveValue(DINGTALK_URL);
    await expect(page.getByLabel("Webhook Type")).toHaveValue("dingtalk");
    await page.getByLabel("Secret").fill("SEC0123456789abcdef0123456789abcdef");
    await expect(page.getByLabel("Merge bursts into digests")).toBeChecked();
    await page.getByRole("button", { name: "Save Info" }).click();
    await expect(toast(page, "Webhook “Release group” created")).toBeVisible();
    const created = row(page, "Release group");
    await expect(created).toContainText("DingTalk group robot");
    await expect(created).toContainText("All events");
    await expect(created).not.toContainText("3f1c9a7e5b2d4c6e8a0b");
    await expect(created).toContainText("access_token=3f1c••••");
  });

  // A second tab opens the form while there is still room (2 / 3).
  const staleForm = await page.context().newPage();
  await staleForm.goto(`${settingsOf(app)}/new`);
  await expect(staleForm.getByLabel("Webhook Name")).toBeVisible();

  await test.step("a third webhook, of a third type", async () => {
    await page.getByRole("link", { name: "Create Webhook" }).click();
    await page.getByLabel("Webhook Name").fill("Slack alerts");
    await page.getByLabel("URL").fill(SLACK_URL);
    await expect(page.getByLabel("Webhook Type")).toHaveValue("slack");
    await page.getByLabel("Merge bursts into digests").uncheck();
    await page.getByRole("button", { name: "Save Info" }).click();
    await expect(toast(page, "Webhook “Slack alerts” created")).toBeVisible();
    await expect(page.getByText("3 / 3")).toBeVisible();
    await row(page, "Slack alerts").getByRole("link", { name: "Edit" }).click();
    await expect(page.getByLabel("Merge bursts into digests")).not.toBeChecked();
    await page.goto(settingsOf(app));
    await expect(page.getByText("3 / 3")).toBeVisible();
  });

  await test.step("the fourth is refused, in the UI and by the server", async () => {
    await expect(page.getByRole("button", { name: "Create Webhook" })).toBeDisabled();
    await expect(page.getByText("This app already has 3 webhooks, the most an app can have.")).toBeVisible();
    await staleForm.getByLabel("Webhook Name").fill("One too many");
    await staleForm.getByLabel("URL").fill("https://example.com/hook");
    await staleForm.getByRole("button", { name: "Save Info" }).click();
    await expect(
      alert(
        staleForm,
        "This app already has 3 webhooks, the most an app can have. Delete one to add another.",
      ),
    ).toBeVisible();
    await expect(staleForm.getByLabel("Webhook Name")).toHaveValue("One too many");
    await staleForm.close();
  });
});

test("edit one, switch one off, delete one after confirming: all still so after a reload", async ({
  page,
  app,
  newWebhook,
}) => {
  await newWebhook(app, { name: "Build server", url: OWN_URL, events: ["updateVersion", "crashlog"] });
  await newWebhook(app, { name: "Release group", url: DINGTALK_URL, type: "dingtalk" });
  await newWebhook(app, { name: "Slack alerts", url: SLACK_URL, type: "slack" });
  await page.goto(settingsOf(app));
  await expect(page.getByText("3 / 3")).toBeVisible();

  await test.step("edit", async () => {
    await row(page, "Build server").getByRole("link", { name: "Edit" }).click();
    await expect(page.getByLabel("URL")).toHaveValue(OWN_URL);
    await page.getByLabel("Webhook Name").fill("Build server (prod)");
    await page.getByLabel("Feedback", { exact: true }).check();
    await page.getByRole("button", { name: "Save Info" }).click();
    await expect(toast(page, "Webhook “Build server (prod)” saved")).toBeVisible();
    await expect(row(page, "Build server (prod)")).toContainText("Feedback");
  });

  await test.step("switch off", async () => {
    await row(page, "Slack alerts").getByRole("link", { name: "Edit" }).click();
    await page.getByRole("switch", { name: "Webhook State", exact: true }).uncheck();
    await page.getByRole("button", { name: "Save Info" }).click();
    await expect(toast(page, "Webhook “Slack alerts” saved")).toBeVisible();
    await expect(row(page, "Slack alerts")).toContainText("Off");
  });

  await test.step("delete, after confirming", async () => {
    await row(page, "Release group").getByRole("button", { name: "Delete" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete webhook “Release group”?" });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Delete webhook" }).click();
    await expect(toast(page, "Webhook “Release group” deleted")).toBeVisible();
    await expect(row(page, "Release group")).toHaveCount(0);
    await expect(page.getByText("2 / 3")).toBeVisible();
  });

  await page.reload();
  await expect(page.getByText("2 / 3")).toBeVisible();
  await expect(row(page, "Build server (prod)")).toContainText("On");
  await expect(row(page, "Slack alerts")).toContainText("Off");
  await expect(row(page, "Release group")).toHaveCount(0);
});

test("Webhook State switches in the list save at once, and Undo puts the previous state back", async ({
  page,
  app,
  newWebhook,
}) => {
  await newWebhook(app, { name: "Build server", url: OWN_URL });
  await newWebhook(app, { name: "Slack alerts", url: SLACK_URL, type: "slack" });
  await page.goto(settingsOf(app));
  const build = page.getByRole("switch", { name: "Webhook State of Build server" });
  const slack = page.getByRole("switch", { name: "Webhook State of Slack alerts" });
  await expect(build).toBeChecked();
  await expect(slack).toBeChecked();

  await test.step("turning one off saves it at once", async () => {
    await slack.click();
    await expect(toast(page, "Webhook “Slack alerts” turned off")).toBeVisible();
    await expect(slack).not.toBeChecked();
    await expect(row(page, "Slack alerts")).toContainText("Off");
    // The toast leaves the last row's controls free to use.
    await expect(toast(page, "Webhook “Slack alerts” turned off")).toBeVisible();
    await row(page, "Slack alerts").getByRole("button", { name: "Delete" }).click({ trial: true });
    await page.reload();
    await expect(slack).not.toBeChecked();
    await expect(build).toBeChecked();
    await row(page, "Slack alerts").getByRole("link", { name: "Edit" }).click();
    await expect(page.getByRole("switch", { name: "Webhook State", exact: true })).not.toBeChecked();
    await page.goBack();
  });

  await test.step("Undo in the toast puts it back", async () => {
    await build.press("Space");
    const turnedOff = toast(page, "Webhook “Build server” turned off");
    await expect(turnedOff).toBeVisible();
    await expect(build).not.toBeChecked();
    await turnedOff.getByRole("button", { name: "Undo" }).click();
    await expect(toast(page, "Webhook “Build server” is on again")).toBeVisible();
    await expect(build).toBeChecked();
    await page.reload();
    await expect(build).toBeChecked();
    await expect(slack).not.toBeChecked();
  });

  await test.step("on again from the list", async () => {
    await slack.click();
    await expect(toast(page, "Webhook “Slack alerts” turned on")).toBeVisible();
    await page.reload();
    await expect(slack).toBeChecked();
    await expect(row(page, "Slack alerts")).toContainText("On");
  });
});
