import { expect, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { signUp, toast, uniqueEmail } from "./helpers";
import { startReceiver } from "./receiver";

test("uploading a version in the dashboard delivers a signed updateVersion payload", async ({ page }) => {
  const receiver = await startReceiver();
  try {
    await page.goto("/signup");
    await signUp(page, "Rita Release", uniqueEmail("release"));
    await page.getByRole("link", { name: "New app" }).first().click();
    await page.getByLabel("App name").fill("OooPlay");
    await page.getByLabel("Platform").selectOption({ label: "Android" });
    await page.getByRole("button", { name: "Create app" }).click();
    await expect(page.getByRole("heading", { name: "OooPlay", level: 1 })).toBeVisible();
    const appKey = new URL(page.url()).pathname.split("/")[2] ?? "";

    await page.getByRole("link", { name: "Setting" }).click();
    await page.getByLabel("Webhook Name").fill("Release server");
    await page.getByLabel("URL").fill(`${receiver.url}/hooks/releases`);
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
    await expect(toast(page, "Webhook “Release server” created")).toBeVisible();

    // The admin reveals the webhook's signing secret to verify signatures with.
    await page
      .getByRole("row")
      .filter({ hasText: "Release server" })
      .getByRole("link", { name: "Edit" })
      .click();
    await page.getByRole("button", { name: "Reveal" }).click();
    const secret = await page.getByRole("textbox", { name: "Signing secret" }).inputValue();
    expect(secret).toMatch(/^whsec_/);

    await page.getByRole("link", { name: "Versions" }).click();
    await page.getByRole("link", { name: "Upload version" }).first().click();
    await page.getByLabel("Version", { exact: true }).fill("2.4");
    await page.getByLabel("Build", { exact: true }).fill("139");
    await page.getByLabel("Size (bytes)").fill("48234496");
    await page.getByLabel("Release notes").fill("Faster uploads");
    await page.getByRole("button", { name: "Upload version" }).click();
    await expect(toast(page, "Version 2.4 (build 139) uploaded")).toBeVisible();

    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBe(1);
    const [request] = receiver.received;
    if (!request) throw new Error("nothing received");
    expect(request.path).toBe("/hooks/releases");
    expect(request.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(request.headers["x-apphooks-event"]).toBe("updateVersion");
    expect(request.headers["user-agent"]).toMatch(/^AppHooks\//);
    const body = JSON.parse(request.body);
    expect(body).toMatchObject({
      type: "updateVersion",
      action: "App Update",
      title: "OooPlay",
      message: "Your App OooPlay has a new version (2.4) update.",
      os_version: "2.4",
      build_version: "139",
      appsize: "48234496",
      device_type: "Android",
      notes: "Faster uploads",
      app_key: appKey,
      event_id: request.headers["webhook-id"],
    });
    expect(body.link).toMatch(new RegExp(`/apps/${appKey}$`));
    expect(body.created).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const headers = {
      "webhook-id": String(request.headers["webhook-id"]),
      "webhook-timestamp": String(request.headers["webhook-timestamp"]),
      "webhook-signature": String(request.headers["webhook-signature"]),
    };
    expect(() => new Webhook(secret).verify(request.body, headers)).not.toThrow();
  } finally {
    await receiver.close();
  }
});
