import { type Browser, expect, type Page, test } from "@playwright/test";
import { createApp, PASSWORD, row, signUp, toast, uniqueEmail } from "./helpers";

/** The owner creates an invite link with a role on Members; answers the link. */
async function inviteLink(page: Page, role: "Member" | "Admin" | "Owner"): Promise<string> {
  await page.getByRole("link", { name: "Members" }).click();
  await page.getByLabel("Role", { exact: true }).selectOption({ label: role });
  await page.getByRole("button", { name: "Create invite link" }).click();
  return page.getByLabel("Invite link").inputValue();
}

/** A new person signs up from the invite link, in a browser of their own, and accepts it. */
async function acceptAs(browser: Browser, link: string, name: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(link);
  await page.getByRole("link", { name: "Create an account" }).click();
  await signUp(page, name, uniqueEmail(name.split(" ")[0]?.toLowerCase() ?? "someone"));
  await page.getByRole("button", { name: "Accept invite" }).click();
  await expect(page.getByRole("heading", { name: "My Apps" })).toBeVisible();
  return page;
}

const teamSwitcher = (page: Page) => page.getByLabel("Team", { exact: true });

test("the last owner cannot remove or demote themselves, and the page says why", async ({
  page,
  browser,
}) => {
  await page.goto("/signup");
  await signUp(page, "Oscar Only", uniqueEmail("only-owner"));
  await page.getByRole("link", { name: "Members" }).click();

  const self = row(page, "Oscar Only");
  await expect(self).toContainText("A team needs at least one owner. Make someone else an owner first.");
  await expect(self.getByRole("combobox")).toHaveCount(0);
  await expect(self.getByRole("button", { name: "Remove" })).toHaveCount(0);

  // With a second owner, either may step down.
  const link = await inviteLink(page, "Owner");
  const second = await acceptAs(browser, link, "Olga Other");
  await page.reload();
  await expect(self.getByLabel("Role of Oscar Only")).toBeVisible();
  await expect(self.getByRole("button", { name: "Remove" })).toBeVisible();
  await expect(self).not.toContainText("A team needs at least one owner.");
  await self.getByLabel("Role of Oscar Only").selectOption({ label: "Admin" });
  await self.getByRole("button", { name: "Save role" }).click();
  await expect(toast(page, "Oscar Only is now Admin")).toBeVisible();

  // Olga is now the only owner: her own row says why it cannot change.
  await second.getByRole("link", { name: "Members" }).click();
  const olga = row(second, "Olga Other");
  await expect(olga).toContainText("A team needs at least one owner. Make someone else an owner first.");
  await expect(olga.getByRole("combobox")).toHaveCount(0);
  await expect(row(second, "Oscar Only").getByLabel("Role of Oscar Only")).toHaveValue("admin");
  await second.context().close();
});

test("the team switcher follows the app being viewed to its team", async ({ page, browser }) => {
  await page.goto("/signup");
  await signUp(page, "Tara Teams", uniqueEmail("tara"));
  const appKey = await createApp(page, "Shared Play");
  const link = await inviteLink(page, "Admin");

  const admin = await acceptAs(browser, link, "Aaron Admin");
  // Accepting made Tara's team the current one; Aaron goes back to his own.
  await expect(teamSwitcher(admin).locator("option:checked")).toHaveText("Tara's team");
  await teamSwitcher(admin).selectOption({ label: "Aaron's team" });
  await expect(toast(admin, "Switched to Aaron's team")).toBeVisible();
  await expect(admin.getByText("Apps of Aaron's team.")).toBeVisible();

  // A link to the app of the other team: the switcher, and the pages it governs, follow the app.
  await admin.goto(`/apps/${appKey}/versions`);
  await expect(admin.getByRole("heading", { name: "Shared Play", level: 1 })).toBeVisible();
  await expect(teamSwitcher(admin).locator("option:checked")).toHaveText("Tara's team");
  await admin.getByRole("link", { name: "Members" }).click();
  await expect(admin.getByText("People in Tara's team and what they may do.")).toBeVisible();
  await expect(row(admin, "Tara Teams")).toBeVisible();
  await admin.getByRole("link", { name: "My Apps" }).click();
  await expect(row(admin, "Shared Play")).toBeVisible();
  await admin.context().close();
});

test("Team settings: the payload time zone is refused when unknown, saved when valid, and the webhook form says it", async ({
  page,
  browser,
}) => {
  await page.goto("/signup");
  await signUp(page, "Zoe Zone", uniqueEmail("zoe"));
  const appKey = await createApp(page, "Zone Play");

  await page.getByRole("link", { name: "Team settings" }).click();
  await expect(page.getByRole("heading", { name: "Team settings", level: 1 })).toBeVisible();
  const zone = page.getByLabel("Payload time zone");
  // Signed up with an English browser: UTC.
  await expect(zone).toHaveValue("UTC");

  await zone.fill("Mars/Base");
  await page.getByRole("button", { name: "Save time zone" }).click();
  const refusal =
    "“Mars/Base” is not an IANA time zone name. Choose one from the list, such as Asia/Shanghai or UTC.";
  await expect(page.getByText(refusal)).toBeVisible();
  await expect(zone).toHaveAccessibleDescription(new RegExp(refusal.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")));
  await page.reload();
  await expect(page.getByLabel("Payload time zone")).toHaveValue("UTC");

  // The suggestions are the server's IANA names: typing part of one offers it.
  await expect(page.locator("#payload-time-zone-options option[value='Asia/Shanghai']")).toHaveCount(1);
  await page.getByLabel("Payload time zone").fill("Asia/Shanghai");
  await page.keyboard.press("Enter");
  await expect(toast(page, "Payload time zone saved")).toBeVisible();
  await expect(toast(page, "now write created and updated in Asia/Shanghai time")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Payload time zone")).toHaveValue("Asia/Shanghai");

  await page.goto(`/apps/${appKey}/settings/webhooks`);
  await expect(page.getByLabel("Message language")).toHaveAccessibleDescription(
    "created/updated are written in Asia/Shanghai time (team setting).",
  );
  await page.getByRole("link", { name: "team setting", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Team settings", level: 1 })).toBeVisible();

  // Someone whose browser asks for Chinese signs up in the Chinese dashboard and gets a team in China
  // time, as Pgyer writes.
  const chinese = await (await browser.newContext({ locale: "zh-CN" })).newPage();
  await chinese.goto("/signup");
  await chinese.getByLabel("名字").fill("Li Lei");
  await chinese.getByLabel("邮箱").fill(uniqueEmail("lilei"));
  await chinese.getByLabel("密码").fill(PASSWORD);
  await chinese.getByRole("button", { name: "创建账号" }).click();
  await expect(chinese.getByRole("heading", { name: "我的应用" })).toBeVisible();
  await chinese.getByRole("link", { name: "团队设置" }).click();
  await expect(chinese.getByLabel("推送时区")).toHaveValue("Asia/Shanghai");
  await chinese.context().close();
});

test("moving an app to another team warns that the old team's API keys stop reaching it", async ({
  page,
}) => {
  await page.goto("/signup");
  await signUp(page, "Tom Transfer", uniqueEmail("tom"));
  const appKey = await createApp(page, "Moving Play");
  await page.goto("/teams/new");
  await page.getByLabel("Team name").fill("Release studio");
  await page.getByRole("button", { name: "Create team" }).click();
  await expect(page.getByRole("heading", { name: "My Apps" })).toBeVisible();

  await page.goto(`/apps/${appKey}/settings/transfer`);
  await page.getByLabel("Target team").selectOption({ label: "Release studio" });
  await page.getByRole("button", { name: "Transfer app" }).click();
  const dialog = page.getByRole("dialog", { name: "Move Moving Play to Release studio?" });
  await expect(dialog).toContainText(
    "API keys of Tom's team will no longer reach it: their requests for this app get 404 Not found.",
  );
  await expect(dialog).toContainText("API keys of Release studio will reach it");
  await dialog.getByRole("button", { name: "Move app" }).click();
  await expect(toast(page, "Moving Play moved to Release studio")).toBeVisible();
});
