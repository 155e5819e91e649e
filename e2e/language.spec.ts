import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { PASSWORD, uniqueEmail } from "./helpers";
import { expectFitsPhone, PHONE } from "./phone-fit";

/** A signed-out browser whose Accept-Language (and navigator.language) is `locale`. */
async function signedOutPage(browser: Browser, baseURL: string | undefined, locale: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale, storageState: { cookies: [], origins: [] } });
  return context.newPage();
}

test("a Chinese browser gets the sign-in page and My Apps in Chinese, <html lang> included", async ({
  browser,
  baseURL,
}) => {
  const page = await signedOutPage(browser, baseURL, "zh-CN");
  try {
    await page.goto("/login");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.getByRole("heading", { name: "登录 AppHooks" })).toBeVisible();
    await expect(page.getByRole("button", { name: "English" })).toBeVisible(); // the way back, in English

    // Sign up in Chinese; a refused field says why in Chinese (the form's own check, then the server's).
    await page.getByRole("link", { name: "创建账号" }).click();
    await page.getByRole("button", { name: "创建账号" }).click();
    await expect(page.getByText("请输入你的名字。")).toBeVisible();
    await page.getByLabel("名字").fill("Li Lei");
    await page.getByLabel("邮箱").fill(uniqueEmail("zh"));
    await page.getByLabel("密码").fill(PASSWORD);
    await page.getByRole("button", { name: "创建账号" }).click();

    await expect(page.getByRole("heading", { name: "我的应用" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.getByRole("heading", { name: "还没有应用" })).toBeVisible();
    await expect(
      page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "成员" }),
    ).toBeVisible();
  } finally {
    await page.context().close();
  }
});

test("the header's language control is remembered: after a reload, and at a new sign-in in an English browser", async ({
  browser,
  baseURL,
  newAccount,
}) => {
  const { page, email } = await newAccount("Wang Fang");
  await expect(page.getByRole("heading", { name: "My Apps" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  await page.getByRole("button", { name: "简体中文" }).click();
  await expect(page.getByRole("heading", { name: "我的应用" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await page.reload();
  await expect(page.getByRole("heading", { name: "我的应用" })).toBeVisible();

  // Another browser, English, never saw the choice: signed out it is English; signed in, the account's language.
  const other = await signedOutPage(browser, baseURL, "en-US");
  try {
    await other.goto("/login");
    await expect(other.getByRole("heading", { name: "Sign in to AppHooks" })).toBeVisible();
    await other.getByLabel("Email").fill(email);
    await other.getByLabel("Password").fill(PASSWORD);
    await other.getByRole("button", { name: "Sign in" }).click();
    await expect(other.getByRole("heading", { name: "我的应用" })).toBeVisible();
    await expect(other.locator("html")).toHaveAttribute("lang", "zh-CN");

    // Signed out again, that browser keeps the account's language (the cookie set at sign-in).
    await other.locator("summary", { hasText: "Wang Fang" }).click();
    await other.getByRole("button", { name: "退出登录", exact: true }).click();
    await expect(other.getByRole("heading", { name: "登录 AppHooks" })).toBeVisible();

    // And back to English from the Chinese control, on the sign-in page, before signing in.
    await other.getByRole("button", { name: "English" }).click();
    await expect(other.getByRole("heading", { name: "Sign in to AppHooks" })).toBeVisible();
  } finally {
    await other.context().close();
  }

  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "My Apps" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "My Apps" })).toBeVisible();
});

test.describe("times", () => {
  // A viewer in Shanghai (UTC+8, no daylight saving time): the log shows their clock, the tooltip UTC.
  test.use({ timezoneId: "Asia/Shanghai" });

  test("a time in the delivery log shows to the second in the viewer's zone; <time dateTime> is the UTC instant", async ({
    page,
    app,
    newWebhook,
    receiver,
  }) => {
    const webhook = await newWebhook(app, { name: "Clock", url: `${receiver.url}/hooks/clock` });
    await page.goto(`/apps/${app.key}/settings/webhooks/${webhook.id}/deliveries`);
    await page.getByRole("button", { name: "Send test" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Test delivered" })).toBeVisible();

    const time = page.getByRole("row").filter({ hasText: "Test" }).first().locator("time").first();
    const instant = await time.getAttribute("datetime");
    expect(instant).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const at = new Date(instant ?? "");
    expect(Math.abs(Date.now() - at.getTime())).toBeLessThan(60_000);
    const shanghai = new Intl.DateTimeFormat("en-GB", {
      timeZone: "Asia/Shanghai",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    }).format(at);
    await expect(time).toContainText(shanghai);
    await expect(page.getByRole("row").filter({ hasText: "Test" }).first()).toContainText(/ago|now/);

    // The exact instant in UTC, on keyboard focus as on hover.
    const utc = `${instant?.slice(0, 10)} ${instant?.slice(11, 19)} UTC`;
    await time.focus();
    await expect(page.getByRole("tooltip").filter({ hasText: utc })).toBeVisible();
    await expect(time).toHaveAccessibleDescription(utc);

    // After a reload the server renders the same zone (the browser told it in a cookie): nothing changes.
    await page.reload();
    await expect(
      page.getByRole("row").filter({ hasText: "Test" }).first().locator("time").first(),
    ).toContainText(shanghai);
  });
});

test.describe("a 390 px phone in Chinese", () => {
  test.use({ viewport: PHONE, isMobile: true, hasTouch: true, locale: "zh-CN" });

  test("every main page fits the screen in Chinese, with tap targets of 40 px", async ({
    page,
    app,
    newWebhook,
    receiver,
    apiKey,
  }) => {
    test.setTimeout(180_000);
    const webhook = await newWebhook(app, { name: "构建服务器", url: `${receiver.url}/hooks/builds` });
    const sent = await page.request.post(`/api/v1/apps/${app.key}/webhooks/${webhook.id}/test`, {
      headers: { authorization: `Bearer ${apiKey}` },
      data: { event: "updateVersion" },
    });
    expect(sent.status(), await sent.text()).toBe(200);

    const base = `/apps/${app.key}`;
    const hooks = `${base}/settings/webhooks`;
    const pages: Array<[string, string, string]> = [
      ["/apps", "我的应用", "My Apps (zh-CN)"],
      [base, "概览", "App overview (zh-CN)"],
      [`${base}/versions`, "版本", "Versions (zh-CN)"],
      [`${base}/versions/new`, "上传版本", "Upload version (zh-CN)"],
      [hooks, "Webhook", "Webhook list (zh-CN)"],
      [`${hooks}/new`, "创建 Webhook", "Create Webhook (zh-CN)"],
      [`${hooks}/${webhook.id}`, "编辑 Webhook“构建服务器”", "Edit webhook (zh-CN)"],
      [`${hooks}/${webhook.id}/deliveries`, "“构建服务器”的推送记录", "Recent deliveries (zh-CN)"],
      [`${base}/settings/general`, "基本信息", "Setting general (zh-CN)"],
      [`${base}/settings/transfer`, "应用迁移", "Setting transfer (zh-CN)"],
      [`${base}/settings/delete`, "删除应用", "Setting delete (zh-CN)"],
      ["/team/members", "成员", "Members (zh-CN)"],
      ["/team/api-keys", "API 密钥", "API keys (zh-CN)"],
      ["/teams/new", "新建团队", "New team (zh-CN)"],
      ["/api-reference", "API 参考", "API reference (zh-CN)"],
    ];
    for (const [path, heading, what] of pages) {
      await page.goto(path);
      await expect(page.getByRole("heading", { name: heading, exact: true }).first()).toBeVisible();
      await expectFitsPhone(page, what);
    }

    // The form's own check (in the browser) says what is missing in Chinese too.
    await page.goto(`${hooks}/new`);
    await page.getByRole("button", { name: "保存信息" }).click();
    await expect(page.getByText("请输入 Webhook 名称。")).toBeVisible();
    await expect(page.getByLabel("Webhook 名称")).toBeFocused();

    await page.goto(`${hooks}/${webhook.id}/deliveries`);
    await page
      .getByRole("row")
      .filter({ hasText: "测试" })
      .first()
      .getByRole("link", { name: /^查看/ })
      .click();
    await expect(page.getByRole("region", { name: "第 1 次尝试" })).toBeVisible();
    await expectFitsPhone(page, "Delivery detail (zh-CN)");
  });

  test("the sign-in and sign-up pages fit the screen in Chinese", async ({ browser, baseURL }) => {
    const context = await browser.newContext({
      baseURL,
      locale: "zh-CN",
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      storageState: { cookies: [], origins: [] },
    });
    const page = await context.newPage();
    try {
      await page.goto("/login");
      await expect(page.getByRole("heading", { name: "登录 AppHooks" })).toBeVisible();
      await expectFitsPhone(page, "Sign in (zh-CN)");
      await page.goto("/signup");
      await expect(page.getByRole("heading", { name: "创建你的 AppHooks 账号" })).toBeVisible();
      await expectFitsPhone(page, "Sign up (zh-CN)");
    } finally {
      await context.close();
    }
  });
});
