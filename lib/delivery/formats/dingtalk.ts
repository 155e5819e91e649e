import "server-only";
import { createHmac } from "node:crypto";
import { breakMentions, defuseMarkdown, markdownLinkText } from "./escape";
import { type Message, ROBOT_KEYWORDS } from "./message";
import { busy, type RobotFormat, readErrcode, rejected, throttled } from "./robot";
import { fitToLimit, jsonBytes } from "./truncate";

/** docs/robots.md#size-limits: the body ≤ 20000 bytes. */
export const DINGTALK_BODY_LIMIT = 20_000;

/** After more than 20 messages in a minute DingTalk blocks the robot for 10 minutes (docs/robots.md#judging). */
const BLOCKED_MS = 10 * 60_000;

const SERVICE = "DingTalk";

/** docs/robots.md#signing: sign = urlencode(base64(HMAC-SHA256(key = secret, msg = timestamp_ms + "\n" + secret))). */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac("sha256", secret).update(`${timestampMs}\n${secret}`).digest("base64");
}

/** The URL with `&timestamp=<ms>&sign=<sign>` appended (any earlier ones replaced). */
export function dingtalkSignedUrl(url: string, secret: string, timestampMs: number): string {
  const [base = url, query = ""] = url.split("?", 2) as [string, string?];
  const kept = query.split("&").filter((part) => part !== "" && !/^(timestamp|sign)=/.test(part));
  kept.push(`timestamp=${timestampMs}`, `sign=${encodeURIComponent(dingtalkSign(secret, timestampMs))}`);
  return `${base}?${kept.join("&")}`;
}

/**
 * Untrusted text as DingTalk markdown, which documents no escapes: defused (docs/robots.md#untrusted-text), and
 * with blank lines between its lines, since DingTalk's markdown only breaks lines at blank lines.
 */
function paragraph(text: string): string {
  return defuseMarkdown(text).split("\n").join("\n\n");
}

export function dingtalkText(message: Message, notes: string, truncated: boolean): string {
  const parts = [
    `#### ${defuseMarkdown(message.title)}`,
    paragraph(message.sentence),
    message.facts.map((fact) => `- ${fact.label}${message.colon}${defuseMarkdown(fact.value)}`).join("\n"),
  ];
  if (message.notes) {
    parts.push(`**${message.notes.label}**`, `${paragraph(notes)}${truncated ? message.truncatedMark : ""}`);
  }
  parts.push(`[${markdownLinkText(message.link.label)}](${message.link.url})`);
  return parts.join("\n\n");
}

export const dingtalk: RobotFormat = {
  type: "dingtalk",
  service: SERVICE,
  build({ message, url, secret, deliveryId, now }) {
    const { value: body, truncated } = fitToLimit(
      message.notes?.text ?? "",
      (notes, cut) => ({
        msgtype: "markdown",
        markdown: { title: breakMentions(message.title), text: dingtalkText(message, notes, cut) },
        // The same id on every retry of this delivery: DingTalk posts a message once per msgUuid.
        msgUuid: deliveryId,
      }),
      jsonBytes,
      DINGTALK_BODY_LIMIT,
    );
    const signed = secret ? dingtalkSignedUrl(url, secret, now.getTime()) : url;
    return { url: signed, body, recordedBody: body, truncated };
  },
  judge(answer, now) {
    const read = readErrcode(SERVICE, answer, now, "DingTalk group robot");
    if ("kind" in read) return read;
    const { code, errmsg, said } = read;
    switch (code) {
      case 130101: // send too fast, exceed 20 times per minute
        return throttled(SERVICE, said, BLOCKED_MS);
      case -1: // system busy
        return busy(SERVICE, said);
      case 300001:
      case 300005:
        return rejected(
          SERVICE,
          said,
          "the access_token in the URL is wrong or the robot was removed; copy the robot's webhook address again",
        );
      case 310000:
        return rejected(SERVICE, said, securityHint(errmsg));
      case 460101:
        return rejected(SERVICE, said, "the message is longer than DingTalk accepts");
      default:
        return rejected(SERVICE, said);
    }
  },
};

/** errcode 310000 covers every security setting: errmsg says which one failed. */
function securityHint(errmsg: string): string {
  if (/keyword/i.test(errmsg)) {
    return `add the keyword “${ROBOT_KEYWORDS.en}” (or “${ROBOT_KEYWORDS.zh}” for Chinese messages) in the robot's security settings`;
  }
  if (/sign/i.test(errmsg)) {
    return "the Secret of this webhook does not match the robot's signing secret (SEC…); paste it again, or clear it if the robot does not use signing";
  }
  if (/timestamp/i.test(errmsg)) {
    return "DingTalk refused the signature's time: check this server's clock";
  }
  if (/\bip\b|whitelist/i.test(errmsg)) {
    return "this server's address is not in the robot's IP allow-list; add it in the robot's security settings";
  }
  return "check the robot's security settings (keywords, signature, IP allow-list)";
}
