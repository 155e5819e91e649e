import { expect, test } from "./fixtures";
import { uploadVersion } from "./helpers";

test("the event catalog: every event's fields, and each format's sample in either language", async ({
  page,
}) => {
  await page.goto("/apps");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Event catalog" }).click();
  await expect(page.getByRole("heading", { name: "Event catalog", level: 1 })).toBeVisible();
  const crash = page.getByRole("region", { name: "Crash log crashlog" });
  await crash.getByText("Fields of the JSON body").click();
  const fields = crash.getByRole("table", { name: "Fields of the Crash log JSON body" });
  await expect(fields.getByRole("row").filter({ hasText: "data.exception" })).toContainText(
    '"NSInvalidArgumentException"',
  );
  await expect(fields.getByRole("row").filter({ hasText: "os_version" })).toContainText(
    "when the app has no version",
  );
  await expect(crash.getByRole("region", { name: "Crash log sample body" })).toContainText(
    '"action": "Crash log"',
  );

  await page.getByLabel("Format").selectOption({ label: "DingTalk group robot" });
  await page.getByLabel("Message language").selectOption({ label: "简体中文 (Simplified Chinese)" });
  const sample = crash.getByRole("region", { name: "Crash log sample body" });
  await expect(sample).toContainText('"msgtype": "markdown"');
  await expect(sample).toContainText("应用通知");
  await expect(crash.getByRole("button", { name: "Copy body" })).toBeVisible();
});

test("the webhook form previews what would be sent: JSON, then DingTalk with the keyword and the app's latest version", async ({
  page,
  app,
}) => {
  await page.goto(`/apps/${app.key}`);
  await uploadVersion(page, { version: "3.1.4", build: "207", size: "1048576", notes: "Dark mode." });
  await page.goto(`/apps/${app.key}/settings/webhooks/new`);
  await expect(page.getByRole("link", { name: "Event catalog" }).last()).toHaveAttribute(
    "href",
    "/event-catalog",
  );

  const preview = page.getByRole("region", { name: "Preview", exact: true });
  const body = preview.getByRole("region", { name: "Preview body" });
  await expect(preview).toContainText("Built from this app's latest version, 3.1.4 (build 207)");
  await expect(body).toContainText('"os_version": "3.1.4"');
  await expect(preview).toContainText("webhook-signature:");
  await expect(preview).toContainText("computed at send time");

  await page.getByLabel("Webhook Type").selectOption({ label: "DingTalk group robot" });
  await expect(body).toContainText('"msgtype": "markdown"');
  await expect(body).toContainText("AppHooks Application Notice");
  await expect(body).toContainText("3.1.4");
  await expect(preview).toContainText("of 20,000 bytes (DingTalk's limit)");
  await expect(preview.getByRole("figure", { name: "About as DingTalk group robot shows it" })).toContainText(
    "Application",
  );

  // The preview follows the chosen event among the subscribed ones, and the language.
  await preview.getByLabel("Preview event").selectOption({ label: "Feedback" });
  await page.getByLabel("Message language").selectOption({ label: "简体中文 (Simplified Chinese)" });
  await expect(body).toContainText("收到了新的反馈");
});
