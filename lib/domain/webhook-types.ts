/** Webhook types and how a pasted URL identifies one (docs/robots.md#detection). Pure: safe in the browser. */
export const WEBHOOK_TYPES = ["json", "wecom", "dingtalk", "lark", "slack", "discord", "teams"] as const;

export type WebhookType = (typeof WEBHOOK_TYPES)[number];

export const WEBHOOK_TYPE_LABELS: Record<WebhookType, string> = {
  json: "Other (JSON)",
  wecom: "WeCom group robot",
  dingtalk: "DingTalk group robot",
  lark: "Lark/Feishu group robot",
  slack: "Slack",
  discord: "Discord",
  teams: "Microsoft Teams",
};

export const WEBHOOK_TYPE_HINTS: Record<WebhookType, string> = {
  json: "Any HTTPS endpoint of yours. It receives the JSON payload, signed with Standard Webhooks headers.",
  wecom:
    "Group chat → ⋯ → Group robots → Add robot, then copy its webhook address (qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…).",
  dingtalk:
    "Group settings → Bots → Add robot → Custom. Under security settings, add the custom keyword “Application” (“应用” for Chinese messages), as in Pgyer's guide, or choose Additional signature and paste its SEC… secret below.",
  lark: "Group settings → Bots → Add bot → Custom bot. Add the custom keyword “Application” (“应用” for Chinese messages), as in Pgyer's guide, or enable signature verification and paste its secret below.",
  slack: "Create a Slack app with Incoming Webhooks enabled and copy the hooks.slack.com/services/… URL.",
  discord: "Server settings → Integrations → Webhooks → New webhook → Copy webhook URL.",
  teams:
    "In Teams, Workflows → “Post to a channel when a webhook request is received”, then copy the workflow's URL.",
};

/** Host (and path) rules of docs/robots.md#detection; the first match wins, anything else is "json". */
const DETECTORS: Array<{ type: WebhookType; matches: (url: URL) => boolean }> = [
  {
    type: "wecom",
    matches: (u) => u.hostname === "qyapi.weixin.qq.com" && u.pathname.startsWith("/cgi-bin/webhook/send"),
  },
  {
    type: "dingtalk",
    matches: (u) =>
      (u.hostname === "oapi.dingtalk.com" || u.hostname === "oapi.dingtalk.io") &&
      u.pathname.startsWith("/robot/send"),
  },
  {
    type: "lark",
    matches: (u) =>
      (u.hostname === "open.feishu.cn" || u.hostname === "open.larksuite.com") &&
      u.pathname.startsWith("/open-apis/bot/v2/hook/"),
  },
  { type: "slack", matches: (u) => u.hostname === "hooks.slack.com" && u.pathname.startsWith("/services/") },
  {
    type: "discord",
    matches: (u) =>
      ["discord.com", "discordapp.com", "ptb.discord.com", "canary.discord.com"].includes(u.hostname) &&
      u.pathname.startsWith("/api/webhooks/"),
  },
  {
    type: "teams",
    matches: (u) =>
      (u.hostname.endsWith(".logic.azure.com") && u.pathname.includes("/workflows/")) ||
      u.hostname.endsWith(".api.powerplatform.com"),
  },
];

function parse(url: string): URL | null {
  try {
    return new URL(url.trim());
  } catch {
    return null;
  }
}

/** The robot service a URL belongs to, or null when its host is not a known robot service. */
export function detectWebhookType(url: string): Exclude<WebhookType, "json"> | null {
  const parsed = parse(url);
  if (!parsed) return null;
  const found = DETECTORS.find((detector) => detector.matches(parsed));
  return found ? (found.type as Exclude<WebhookType, "json">) : null;
}

/** A warning when a URL of one robot service is saved under another type (docs/robots.md#detection). */
export function typeMismatchWarning(type: WebhookType, url: string): string | null {
  const detected = detectWebhookType(url);
  if (!detected || detected === type) return null;
  return `This URL looks like a ${WEBHOOK_TYPE_LABELS[detected]} address, but the type is ${WEBHOOK_TYPE_LABELS[type]}. Messages may be rejected.`;
}

/** Types whose Secret field means something (docs/robots.md#signing). */
export const SIGNED_ROBOT_TYPES: readonly WebhookType[] = ["dingtalk", "lark"];
