import { FakeDingTalk, fakeRobots } from "../test/fake-robots";
import { expect, test } from "./fixtures";
import { paste, row, toast, uploadVersion } from "./helpers";

const LARK_URL = "https://open.feishu.cn/open-apis/bot/v2/hook/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d";
const SECRET = `SEC${"0123456789abcdef".repeat(4)}`;

test("a pasted Lark URL selects Lark; a signed DingTalk robot gets a markdown message for an uploaded version", async ({
  page,
  app,
}) => {
  const robots = fakeRobots();
  // The fake checks the signature with its own implementation of DingTalk's algorithm, and the keyword
  // Pgyer's guide tells users to set: “Application”, which every English message contains.
  const dingtalk = await robots.add(new FakeDingTalk({ secret: SECRET, keywords: ["Application"] }));
  // A robot whose security keyword never appears in our messages: DingTalk rejects, the dashboard says why.
  const strict = await robots.add(new FakeDingTalk({ keywords: ["发布通知"] }));
  try {
    await page.goto(`/apps/${app.key}/settings/webhooks`);

    await paste(page.getByLabel("URL"), LARK_URL);
    await expect(page.getByLabel("Webhook Type")).toHaveValue("lark");
    await expect(page.getByLabel("Webhook Type").locator("option:checked")).toHaveText(
      "Lark/Feishu group robot",
    );

    // A DingTalk robot at a relay address (here: the local fake): the user picks the type.
    await page.getByLabel("Webhook Name").fill("Release group");
    await page.getByLabel("URL").fill(dingtalk.url);
    await page.getByLabel("Webhook Type").selectOption({ label: "DingTalk group robot" });
    await page.getByLabel("Secret").fill(SECRET);
    await page.getByRole("button", { name: "Save Info" }).click();
    await expect(toast(page, "Webhook “Release group” created")).toBeVisible();
    await expect(row(page, "Release group")).toContainText("DingTalk group robot");

    await page.getByRole("link", { name: "Create Webhook" }).click();
    await page.getByLabel("Webhook Name").fill("Strict group");
    await page.getByLabel("URL").fill(strict.url);
    await page.getByLabel("Webhook Type").selectOption({ label: "DingTalk group robot" });
    await page.getByRole("button", { name: "Save Info" }).click();
    await expect(toast(page, "Webhook “Strict group” created")).toBeVisible();

    await uploadVersion(page, { version: "2.4", build: "139", size: "48234496", notes: "Faster uploads" });

    await expect.poll(() => dingtalk.exchanges.length, { timeout: 15_000 }).toBe(1);
    const [exchange] = dingtalk.exchanges;
    expect(exchange?.accepted).toBe(true);
    expect(exchange?.code).toBe(0);
    expect(exchange?.request.url.searchParams.get("sign")).toBeTruthy();
    const body = JSON.parse(exchange?.request.body ?? "{}");
    expect(body.msgtype).toBe("markdown");
    expect(body.markdown.title).toContain("OooPlay");
    expect(body.markdown.text).toContain("2.4");
    expect(body.markdown.text).toContain("Faster uploads");

    await expect.poll(() => strict.exchanges.length, { timeout: 15_000 }).toBe(1);
    expect(strict.exchanges[0]?.code).toBe(310000);
    await page.getByRole("link", { name: "Setting", exact: true }).click();
    await page.getByRole("link", { name: "Webhook", exact: true }).click();
    const warning = page.getByRole("status").filter({ hasText: "“Strict group” is not receiving messages" });
    await expect(warning).toContainText("DingTalk rejected the message");
    await expect(warning).toContainText("keyword");
    await expect(
      page.getByRole("status").filter({ hasText: "“Release group” is not receiving" }),
    ).toHaveCount(0);
  } finally {
    await robots.close();
  }
});
