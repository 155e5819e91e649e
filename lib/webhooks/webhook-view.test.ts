import { describe, expect, test } from "vitest";
import type { Webhook } from "@/lib/db/schema";
import { toFormDefaults, toWebhookView } from "./webhook-view";

const TOKEN = "8f0d7a1c2b3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a";
const webhook: Webhook = {
  id: "5f0c3c1e-8a4b-4b7e-9d2a-1c3e5f7a9b0d",
  appId: "0e2a4c6e-1b3d-4f5a-8c7e-9a0b1c2d3e4f",
  name: "Release bot",
  type: "dingtalk",
  url: `https://oapi.dingtalk.com/robot/send?access_token=${TOKEN}`,
  secretEncrypted: "v1.aaaa.bbbb.cccc",
  secretHint: "wxyz",
  language: "zh-CN",
  events: ["updateVersion", "crashlog"],
  enabled: false,
  digest: true,
  signingSecretEncrypted: null,
  previousSigningSecretEncrypted: null,
  previousSecretExpiresAt: null,
  disabledFacts: null,
  disabledReason: null,
  disabledAt: null,
  consecutiveFailures: 0,
  failingSince: null,
  createdAt: new Date("2025-01-01T00:00:00Z"),
  updatedAt: new Date("2025-01-02T03:04:05Z"),
};

describe("toWebhookView (what every member sees)", () => {
  test("masks the URL's token and carries no secret material", () => {
    const view = toWebhookView(webhook);
    expect(view).toEqual({
      id: webhook.id,
      name: "Release bot",
      type: "dingtalk",
      maskedUrl: "https://oapi.dingtalk.com/robot/send?access_token=8f0d••••",
      events: ["updateVersion", "crashlog"],
      language: "zh-CN",
      enabled: false,
      hasSecret: true,
      detectedType: null,
      updatedAt: "2025-01-02T03:04:05.000Z",
    });
    const serialised = JSON.stringify(view);
    expect(serialised).not.toContain(TOKEN);
    expect(serialised).not.toContain("v1.aaaa");
    expect(serialised).not.toContain("wxyz");
  });

  test("warns when the URL belongs to another robot service than the type", () => {
    const view = toWebhookView({ ...webhook, type: "slack" });
    expect(view.detectedType).toBe("dingtalk");
  });

  test("says when no secret is set", () => {
    expect(toWebhookView({ ...webhook, secretEncrypted: null, secretHint: null }).hasSecret).toBe(false);
  });
});

describe("toFormDefaults (admins editing)", () => {
  test("has the full URL but only the secret's hint", () => {
    const defaults = toFormDefaults(webhook);
    expect(defaults.url).toBe(webhook.url);
    expect(defaults.secretHint).toBe("wxyz");
    expect(defaults.digest).toBe(true);
    expect(JSON.stringify(defaults)).not.toContain("v1.aaaa");
  });
});
