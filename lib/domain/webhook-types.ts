/** Webhook types and how a pasted URL identifies one (docs/robots.md#detection). Pure: safe in the browser. */
export const WEBHOOK_TYPES = ["json", "wecom", "dingtalk", "lark", "slack", "discord", "teams"] as const;

export type WebhookType = (typeof WEBHOOK_TYPES)[number];

/** The types' names in English, as the API's warnings say them (the dashboard's: messages/*.json `webhookTypes`). */
export const WEBHOOK_TYPE_LABELS: Record<WebhookType, string> = {
  json: "Other (JSON)",
  wecom: "WeCom group robot",
  dingtalk: "DingTalk group robot",
  lark: "Lark/Feishu group robot",
  slack: "Slack",
  discord: "Discord",
  teams: "Microsoft Teams",
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

/** The robot service a URL belongs to when it is not the webhook's type (docs/robots.md#detection), else null. */
export function mismatchedType(type: WebhookType, url: string): WebhookType | null {
  const detected = detectWebhookType(url);
  return detected && detected !== type ? detected : null;
}

/** A warning when a URL of one robot service is saved under another type, in English (the API's). */
export function typeMismatchWarning(type: WebhookType, url: string): string | null {
  const detected = mismatchedType(type, url);
  if (!detected) return null;
  return `This URL looks like a ${WEBHOOK_TYPE_LABELS[detected]} address, but the type is ${WEBHOOK_TYPE_LABELS[type]}. Messages may be rejected.`;
}

/** Types whose Secret field means something (docs/robots.md#signing). */
export const SIGNED_ROBOT_TYPES: readonly WebhookType[] = ["dingtalk", "lark"];
