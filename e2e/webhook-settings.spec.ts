import { expect, test } from "@playwright/test";
import { alert, createApp, paste, row, signOut, signUp, toast, uniqueEmail } from "./helpers";

const DINGTALK_URL =
  "https://oapi.dingtalk.com/robot/send?access_token=3f1c9a7e5b2d4c6e8a0b1c2d3e4f5a6b7c8d9e0f";
const SLACK_URL = "https://hooks.slack.com/services/T0123ABCD/B0456EFGH/abcdefghijklmnopqrstuvwx";
const OWN_URL = "http://127.0.0.1:4999/hooks/apphooks";

test("an owner sets up webhooks within the limit of three, and an invited member only sees them", async ({
  page,
  browser,
}) => {
  const ownerEmail = uniqueEmail("owner");
  const memberEmail = uniqueEmail("member");

  await test.step("sign up and create an app", async () => {
    await page.goto("/signup");
    await signUp(page, "Olivia Owner", ownerEmail);
    await expect(page.getByRole("heading", { name: "My Apps" })).toBeVisible();
    await expect(page.getByText("No apps yet")).toBeVisible();
    await page.getByRole("link", { name: "New app" }).first().click();
    await page.getByLabel("App name").fill("OooPlay");
    await page.getByLabel("Platform").selectOption({ label: "Android" });
    await page.getByLabel("Bundle ID").fill("com.example.oooplay");
    await page.getByRole("button", { name: "Create app" }).click();
    await expect(page.getByRole("heading", { name: "OooPlay", level: 1 })).toBeVisible();
  });

  await test.step("the first visit to Setting → Webhook opens the form", async () => {
    await page.getByRole("link", { name: "Setting" }).click();
    await expect(page.getByText("0 / 3")).toBeVisible();
    await expect(page.getByLabel("Webhook Name")).toBeVisible();
    await expect(page.getByRole("button", { name: "Save Info" })).toBeVisible();
  });

  await test.step("bad input shows errors beside the fields and keeps what was typed", async () => {
    await page.getByLabel("URL").fill("ftp://files.example.com/hook");
    for (const label of [
      "App update",
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
    await expect(page.getByText("Enter a webhook name.")).toBeVisible();
    await expect(page.getByText("The URL must start with https:// or http://.")).toBeVisible();
    await expect(page.getByText("Select at least one event to push.")).toBeVisible();
    await expect(page.getByLabel("URL")).toHaveValue("ftp://files.example.com/hook");
    await expect(page.getByLabel("Webhook Name")).toBeFocused();
  });

  await test.step("create a JSON webhook for our own server", async () => {
    await page.getByLabel("Webhook Name").fill("Build server");
    await page.getByLabel("URL").fill(OWN_URL);
    await expect(page.getByLabel("Webhook Type")).toHaveValue("json");
    await page.getByLabel("App update", { exact: true }).check();
    await page.getByLabel("Crash log", { exact: true }).check();
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

  await test.step("pasting a DingTalk URL selects the DingTalk type", async () => {
    await page.getByRole("link", { name: "Create Webhook" }).click();
    await page.getByLabel("Webhook Name").fill("Release group");
    await paste(page.getByLabel("URL"), DINGTALK_URL);
    await expect(page.getByLabel("URL")).toHaveValue(DINGTALK_URL);
    await expect(page.getByLabel("Webhook Type")).toHaveValue("dingtalk");
    await page.getByLabel("Secret").fill("SEC0123456789abcdef0123456789abcdef");
    await page.getByRole("button", { name: "Save Info" }).click();
    await expect(toast(page, "Webhook “Release group” created")).toBeVisible();
    const created = row(page, "Release group");
    await expect(created).toContainText("DingTalk group robot");
    await expect(created).toContainText("All events");
    // The robot's access token never appears in the list.
    await expect(created).not.toContainText("3f1c9a7e5b2d4c6e8a0b");
    await expect(created).toContainText("access_token=3f1c••••");
  });

  const staleForm = await page.context().newPage();
  await test.step("a form opened at 2 / 3 stays open in a second tab", async () => {
    await staleForm.goto(page.url().replace(/\/settings\/webhooks.*$/, "/settings/webhooks/new"));
    await expect(staleForm.getByLabel("Webhook Name")).toBeVisible();
  });

  await test.step("a third webhook, of a third type", async () => {
    await page.getByRole("link", { name: "Create Webhook" }).click();
    await page.getByLabel("Webhook Name").fill("Slack alerts");
    await page.getByLabel("URL").fill(SLACK_URL);
    await expect(page.getByLabel("Webhook Type")).toHaveValue("slack");
    await page.getByRole("button", { name: "Save Info" }).click();
    await expect(toast(page, "Webhook “Slack alerts” created")).toBeVisible();
    await expect(page.getByText("3 / 3")).toBeVisible();
  });

  await test.step("the fourth is refused, in the UI and when forced", async () => {
    await expect(page.getByRole("button", { name: "Create Webhook" })).toBeDisabled();
    await expect(page.getByText("This app already has 3 webhooks, the most an app can have.")).toBeVisible();
    // The tab opened at 2 / 3 submits anyway: the server refuses with the same explanation.
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

  await test.step("edit one", async () => {
    await row(page, "Build server").getByRole("link", { name: "Edit" }).click();
    await expect(page.getByLabel("URL")).toHaveValue(OWN_URL);
    await page.getByLabel("Webhook Name").fill("Build server (prod)");
    await page.getByLabel("Feedback", { exact: true }).check();
    await page.getByRole("button", { name: "Save Info" }).click();
    await expect(toast(page, "Webhook “Build server (prod)” saved")).toBeVisible();
    await expect(row(page, "Build server (prod)")).toContainText("Feedback");
  });

  await test.step("switch one off", async () => {
    await row(page, "Slack alerts").getByRole("link", { name: "Edit" }).click();
    await page.getByRole("switch", { name: "Webhook State", exact: true }).uncheck();
    await page.getByRole("button", { name: "Save Info" }).click();
    await expect(toast(page, "Webhook “Slack alerts” saved")).toBeVisible();
    await expect(row(page, "Slack alerts")).toContainText("Off");
  });

  await test.step("delete one, after confirming", async () => {
    await row(page, "Release group").getByRole("button", { name: "Delete" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete webhook “Release group”?" });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Delete webhook" }).click();
    await expect(toast(page, "Webhook “Release group” deleted")).toBeVisible();
    await expect(row(page, "Release group")).toHaveCount(0);
    await expect(page.getByText("2 / 3")).toBeVisible();
  });

  await test.step("everything is still there after a reload", async () => {
    await page.reload();
    await expect(page.getByText("2 / 3")).toBeVisible();
    await expect(row(page, "Build server (prod)")).toContainText("On");
    await expect(row(page, "Slack alerts")).toContainText("Off");
    await expect(row(page, "Release group")).toHaveCount(0);
  });

  await test.step("sign out and in again", async () => {
    const webhooksUrl = page.url();
    await signOut(page, "Olivia Owner");
    await page.goto(webhooksUrl);
    await expect(page).toHaveURL(/\/login/);
    await page.getByLabel("Email").fill(ownerEmail);
    await page.getByLabel("Password").fill("correct horse battery");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(webhooksUrl);
    await expect(row(page, "Build server (prod)")).toBeVisible();
  });

  let inviteLink = "";
  await test.step("invite a member by link", async () => {
    await page.getByRole("link", { name: "Members" }).click();
    await page.getByLabel("Role", { exact: true }).selectOption("member");
    await page.getByRole("button", { name: "Create invite link" }).click();
    inviteLink = await page.getByLabel("Invite link").inputValue();
    expect(inviteLink).toMatch(/\/invite\/[A-Za-z0-9_-]{40,}$/);
    await expect(page.getByRole("button", { name: "Revoke" })).toBeVisible();
  });

  const webhooksPath = new URL(page.url()).origin;
  await test.step("the member accepts and sees the webhooks without edit controls", async () => {
    const context = await browser.newContext();
    const member = await context.newPage();
    await member.goto(inviteLink);
    await expect(member.getByRole("heading", { name: /Join Olivia's team/ })).toBeVisible();
    await member.getByRole("link", { name: "Create an account" }).click();
    await signUp(member, "Max Member", memberEmail);
    await member.getByRole("button", { name: "Accept invite" }).click();
    await expect(member.getByRole("heading", { name: "My Apps" })).toBeVisible();
    await expect(member.getByRole("link", { name: "New app" })).toHaveCount(0);
    await expect(row(member, "OooPlay")).toContainText("2 / 3");
    await member.getByRole("link", { name: "OooPlay" }).click();
    await member.getByRole("link", { name: "Setting" }).click();
    await expect(member.getByText("Read-only access")).toBeVisible();
    await expect(row(member, "Build server (prod)")).toBeVisible();
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
    await context.close();
  });

  await test.step("the owner sees the new member", async () => {
    await page.goto(`${webhooksPath}/team/members`);
    await expect(row(page, "Max Member")).toBeVisible();
  });
});

test("Webhook State switches in the list save at once, and Undo puts the previous state back", async ({
  page,
}) => {
  await page.goto("/signup");
  await signUp(page, "Sam Switch", uniqueEmail("switch"));
  await createApp(page, "Switch Play");
  await page.getByRole("link", { name: "Setting" }).click();
  for (const [name, url] of [
    ["Build server", OWN_URL],
    ["Slack alerts", SLACK_URL],
  ] as const) {
    if (name !== "Build server") await page.getByRole("link", { name: "Create Webhook" }).click();
    await page.getByLabel("Webhook Name").fill(name);
    await page.getByLabel("URL").fill(url);
    await page.getByRole("button", { name: "Save Info" }).click();
    await expect(toast(page, `Webhook “${name}” created`)).toBeVisible();
  }
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
