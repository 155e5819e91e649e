import { Webhook } from "standardwebhooks";
import { expect, test } from "./fixtures";
import { createFirstWebhook, toast, uploadVersion } from "./helpers";

test("uploading a version in the dashboard delivers a signed updateVersion payload", async ({
  page,
  newApp,
  receiver,
}) => {
  const app = await newApp({ name: "OooPlay", platform: "android" });
  await page.goto(`/apps/${app.key}`);

  // The admin reveals the webhook's signing secret to verify signatures with.
  await createFirstWebhook(page, "Release server", `${receiver.url}/hooks/releases`);
  // The receiver code shows where the secret goes until it is revealed, then carries it.
  await page.getByLabel("Programming language").selectOption({ label: "Python" });
  const code = page.getByRole("region", { name: "Python receiver" });
  await expect(code).toContainText('SECRET = "whsec_REPLACE_WITH_YOUR_SIGNING_SECRET"');
  await page.getByRole("button", { name: "Reveal" }).click();
  const secret = await page.getByRole("textbox", { name: "Signing secret" }).inputValue();
  expect(secret).toMatch(/^whsec_/);
  await expect(code).toContainText(`SECRET = "${secret}"`);
  await expect(code).toContainText("hmac.compare_digest");

  await page.goto(`/apps/${app.key}`);
  await uploadVersion(page, { version: "2.4", build: "139", size: "48234496", notes: "Faster uploads" });

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
    app_key: app.key,
    event_id: request.headers["webhook-id"],
  });
  expect(body.link).toMatch(new RegExp(`/apps/${app.key}$`));
  expect(body.created).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  const headers = {
    "webhook-id": String(request.headers["webhook-id"]),
    "webhook-timestamp": String(request.headers["webhook-timestamp"]),
    "webhook-signature": String(request.headers["webhook-signature"]),
  };
  expect(() => new Webhook(secret).verify(request.body, headers)).not.toThrow();
});

test("a team in China time (Team settings) gets created/updated in China time, as Pgyer sends them", async ({
  page,
  newApp,
  receiver,
}) => {
  const app = await newApp({ name: "Zone Play", platform: "ios" });
  const setZone = async (zone: string) => {
    await page.goto("/team/settings");
    await page.getByLabel("Payload time zone").fill(zone);
    await page.getByRole("button", { name: "Save time zone" }).click();
    await expect(toast(page, "Payload time zone saved")).toBeVisible();
  };
  await setZone("Asia/Shanghai");
  try {
    await page.goto(`/apps/${app.key}`);
    await createFirstWebhook(page, "China server", `${receiver.url}/hooks/china`);
    await page.goto(`/apps/${app.key}`);
    await uploadVersion(page, { version: "5.0", build: "500", size: "1024", notes: "Spring release" });
    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBe(1);
    const body = JSON.parse(receiver.received[0]?.body ?? "{}");
    // `timestamp` stays Unix seconds; `created` is the same moment on a Shanghai clock (UTC+8), to the second.
    const shanghai = (seconds: number) =>
      new Date((seconds + 8 * 3600) * 1000).toISOString().replace("T", " ").slice(0, 19);
    expect([shanghai(body.timestamp), shanghai(body.timestamp - 1)]).toContain(body.created);
    expect(body.created).not.toBe(shanghai(body.timestamp - 8 * 3600));
  } finally {
    await setZone("UTC");
  }
});
