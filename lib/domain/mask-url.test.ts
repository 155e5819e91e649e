import { describe, expect, test } from "vitest";
import { maskUrl } from "./mask-url";

// [label, url, the secret parts that must not appear, what must still be visible]
const CASES: Array<[string, string, string[], string]> = [
  [
    "WeCom key",
    "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7aoc-4bc4-97a0-0ec2sifa5aaa",
    ["693a91f6-7aoc-4bc4-97a0-0ec2sifa5aaa", "0ec2sifa5aaa"],
    "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=",
  ],
  [
    "DingTalk access_token",
    "https://oapi.dingtalk.com/robot/send?access_token=8f0d7a1c2b3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a",
    ["8f0d7a1c2b3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a", "2b3e4f5a"],
    "https://oapi.dingtalk.com/robot/send?access_token=",
  ],
  [
    "Feishu hook token",
    "https://open.feishu.cn/open-apis/bot/v2/hook/2bd9a1b2-4c5d-4e6f-8a9b-0c1d2e3f4a5b",
    ["2bd9a1b2-4c5d-4e6f-8a9b-0c1d2e3f4a5b", "0c1d2e3f4a5b"],
    "https://open.feishu.cn/open-apis/bot/v2/hook/",
  ],
  [
    "Lark hook token",
    "https://open.larksuite.com/open-apis/bot/v2/hook/7f3e9c1a-0b2d-4e6f-9a8b-7c6d5e4f3a2b",
    ["7f3e9c1a-0b2d-4e6f-9a8b-7c6d5e4f3a2b", "7c6d5e4f3a2b"],
    "https://open.larksuite.com/open-apis/bot/v2/hook/",
  ],
  [
    "Slack workspace, channel and token",
    "https://hooks.slack.com/services/T0123ABCD/B0456EFGH/aBcDeFgHiJkLmNoPqRsTuVwX",
    ["aBcDeFgHiJkLmNoPqRsTuVwX", "B0456EFGH", "T0123ABCD"],
    "https://hooks.slack.com/services/",
  ],
  [
    "Discord id and token",
    "https://discord.com/api/webhooks/123456789012345678/Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Jh1Gf0EdCbAzYxWvUtSrQpOnMlKjIhGfEdCbA",
    ["Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Jh1Gf0EdCbAzYxWvUtSrQpOnMlKjIhGfEdCbA", "123456789012345678"],
    "https://discord.com/api/webhooks/",
  ],
  [
    "Teams workflow signature",
    "https://prod-12.westeurope.logic.azure.com:443/workflows/0a1b2c3d4e5f60718293a4b5c6d7e8f9/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdEFG",
    ["AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdEFG", "0a1b2c3d4e5f60718293a4b5c6d7e8f9"],
    "https://prod-12.westeurope.logic.azure.com/workflows/",
  ],
];

describe("maskUrl", () => {
  test.each(CASES)("hides the %s", (_label, url, secrets, visible) => {
    const masked = maskUrl(url);
    expect(masked.startsWith(visible)).toBe(true);
    for (const secret of secrets) expect(masked).not.toContain(secret);
    expect(masked).toContain("••••");
  });

  test("keeps the first characters of a token so users can tell webhooks apart", () => {
    expect(maskUrl("https://oapi.dingtalk.com/robot/send?access_token=8f0d7a1c2b3e")).toBe(
      "https://oapi.dingtalk.com/robot/send?access_token=8f0d••••",
    );
  });

  test("leaves a plain receiver URL readable", () => {
    expect(maskUrl("https://receiver.example.test/hooks/apphooks")).toBe(
      "https://receiver.example.test/hooks/apphooks",
    );
  });

  test("drops credentials and the fragment", () => {
    const masked = maskUrl("https://alice:s3cretpass@receiver.example.test/hook#frag-token");
    expect(masked).toBe("https://receiver.example.test/hook");
  });

  test("never echoes an unparsable value", () => {
    expect(maskUrl("not a url with token 8f0d7a1c2b3e")).toBe("••••");
  });
});
