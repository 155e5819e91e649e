import { describe, expect, test } from "vitest";
import { detectWebhookType, typeMismatchWarning, type WebhookType } from "./webhook-types";

// One real-looking URL per robot host in docs/robots.md#detection.
const ROBOT_URLS: Array<[Exclude<WebhookType, "json">, string]> = [
  ["wecom", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7aoc-4bc4-97a0-0ec2sifa5aaa"],
  ["dingtalk", "https://oapi.dingtalk.com/robot/send?access_token=8f0d7a1c2b3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a"],
  ["dingtalk", "https://oapi.dingtalk.io/robot/send?access_token=8f0d7a1c2b3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a"],
  ["lark", "https://open.feishu.cn/open-apis/bot/v2/hook/2bd9a1b2-4c5d-4e6f-8a9b-0c1d2e3f4a5b"],
  ["lark", "https://open.larksuite.com/open-apis/bot/v2/hook/2bd9a1b2-4c5d-4e6f-8a9b-0c1d2e3f4a5b"],
  ["slack", "https://hooks.slack.com/services/T0123ABCD/B0456EFGH/aBcDeFgHiJkLmNoPqRsTuVwX"],
  [
    "discord",
    "https://discord.com/api/webhooks/123456789012345678/Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Jh1Gf0EdCbAzYxWvUtSrQpOnMlKjIhGfEdCbA",
  ],
  [
    "discord",
    "https://discordapp.com/api/webhooks/123456789012345678/Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Jh1Gf0EdCbAzYxWvUtSrQpOnMlKjIhGfEdCbA",
  ],
  [
    "teams",
    "https://prod-12.westeurope.logic.azure.com:443/workflows/0a1b2c3d4e5f60718293a4b5c6d7e8f9/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdEFG",
  ],
  [
    "teams",
    "https://default0a1b2c3d4e5f.60.environment.api.powerplatform.com:443/powerautomate/automations/direct/workflows/0a1b2c3d4e5f60718293a4b5c6d7e8f9/triggers/manual/paths/invoke?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdEFG",
  ],
];

describe("detectWebhookType", () => {
  test.each(ROBOT_URLS)("detects %s from %s", (type, url) => {
    expect(detectWebhookType(url)).toBe(type);
  });

  test("ignores case in the host and whitespace around a pasted URL", () => {
    expect(detectWebhookType("  HTTPS://OAPI.DINGTALK.COM/robot/send?access_token=abc \n")).toBe("dingtalk");
  });

  test.each([
    "https://oapi.dingtalk.com.evil.test/robot/send?access_token=abc",
    "https://evil-oapi.dingtalk.com/robot/send?access_token=abc",
    "https://qyapi.weixin.qq.com.evil.test/cgi-bin/webhook/send?key=abc",
    "https://hooks.slack.com.evil.test/services/T0/B0/x",
    "https://open.feishu.cn.evil.test/open-apis/bot/v2/hook/abc",
    "https://discord.com.evil.test/api/webhooks/1/abc",
    "https://evil.test/logic.azure.com/workflows/abc",
    "https://prod-12.westeurope.logic.azure.com.evil.test/workflows/abc",
    "https://evil.test/?next=https://oapi.dingtalk.com/robot/send",
  ])("a lookalike host is not a robot: %s", (url) => {
    expect(detectWebhookType(url)).toBeNull();
  });

  test.each([
    "https://receiver.example.test/hooks/apphooks",
    "https://oapi.dingtalk.com/some/other/api",
    "https://hooks.slack.com/workflows/abc",
    "not a url",
    "",
  ])("other URLs are not robots: %j", (url) => {
    expect(detectWebhookType(url)).toBeNull();
  });
});

describe("typeMismatchWarning", () => {
  const dingtalk = "https://oapi.dingtalk.com/robot/send?access_token=abc";

  test("warns when a robot's URL is saved under another type, naming both", () => {
    const warning = typeMismatchWarning("json", dingtalk);
    expect(warning).toContain("DingTalk group robot");
    expect(warning).toContain("Other (JSON)");
    expect(typeMismatchWarning("lark", dingtalk)).toContain("Lark/Feishu group robot");
  });

  test("says nothing when the type matches or the host is not a robot", () => {
    expect(typeMismatchWarning("dingtalk", dingtalk)).toBeNull();
    expect(typeMismatchWarning("slack", "https://relay.example.test/slack")).toBeNull();
    expect(typeMismatchWarning("json", "https://receiver.example.test/hook")).toBeNull();
  });
});
