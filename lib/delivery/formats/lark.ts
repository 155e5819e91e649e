import "server-only";
import { createHmac } from "node:crypto";
import { parseRetryAfter } from "../judge";
import { breakMentions, defuseMarkdown, markdownLinkText } from "./escape";
import { type Message, ROBOT_KEYWORDS } from "./message";
import { entities, jsonObject, judgeHttp, type RobotFormat, rejected, serviceText, throttled } from "./robot";
import { fitToLimit, jsonBytes } from "./truncate";

/** docs/robots.md#size-limits: the body ≤ 20 KB. */
export const LARK_BODY_LIMIT = 20_000;

const SERVICE = "Lark/Feishu";

/** docs/robots.md#signing: sign = base64(HMAC-SHA256(key = timestamp_s + "\n" + secret, msg = empty)): the reverse of DingTalk. */
export function larkSign(secret: string, timestampS: number): string {
  return createHmac("sha256", `${timestampS}\n${secret}`).update("").digest("base64");
}

const div = (content: string) => ({ tag: "div", text: { tag: "lark_md", content } });

/**
 * Untrusted text in lark_md: `&`, `<`, `>` as entities (so `<at id=all></at>` shows literally), then defused
 * like the other markdowns without escapes (docs/robots.md#untrusted-text).
 */
const md = (text: string) => defuseMarkdown(entities(text));

export function larkCard(message: Message, notes: string, truncated: boolean) {
  const summary = [
    md(message.sentence),
    "",
    ...message.facts.map((fact) => `**${fact.label}**${message.colon}${md(fact.value)}`),
  ].join("\n");
  const elements: unknown[] = [div(summary)];
  if (message.notes) {
    elements.push(
      { tag: "hr" },
      div(`**${message.notes.label}**\n${md(notes)}${truncated ? message.truncatedMark : ""}`),
    );
  }
  // A link in the text rather than a button: keyword checks read the text, and the link's label has them.
  elements.push(
    { tag: "hr" },
    div(`[${markdownLinkText(entities(message.link.label))}](${message.link.url})`),
  );
  return {
    config: { wide_screen_mode: true },
    header: {
      template: message.color.lark,
      title: { tag: "plain_text", content: breakMentions(message.title) },
    },
    elements,
  };
}

export const lark: RobotFormat = {
  type: "lark",
  service: SERVICE,
  build({ message, url, secret, now }) {
    const timestamp = Math.floor(now.getTime() / 1000);
    const signature = secret ? { timestamp: String(timestamp), sign: larkSign(secret, timestamp) } : {};
    const { value: body, truncated } = fitToLimit(
      message.notes?.text ?? "",
      (notes, cut) => ({ ...signature, msg_type: "interactive", card: larkCard(message, notes, cut) }),
      jsonBytes,
      LARK_BODY_LIMIT,
    );
    const recordedBody = secret ? { ...body, sign: "••••" } : body;
    return { url, body, recordedBody, truncated };
  },
  judge(answer, now) {
    const { outcome } = answer;
    const json = jsonObject(answer.body);
    const code = typeof json?.code === "number" ? json.code : null;
    const legacy = typeof json?.StatusCode === "number" ? json.StatusCode : null;
    if (outcome.kind === "response" && outcome.status === 200) {
      // docs/robots.md#judging: success when code is 0, or StatusCode is 0 and there is no non-zero code.
      if (code === 0 || (legacy === 0 && code === null)) return { kind: "success" };
    }
    const value = code ?? legacy;
    if (outcome.kind !== "response" || value === null || value === 0) {
      return judgeHttp(SERVICE, answer, now, { defaultPauseMs: 10_000 });
    }
    const said = `${serviceText(json?.msg ?? json?.StatusMessage) || "no message"} (code ${value})`;
    switch (value) {
      case 9499: // too many requests (may come as HTTP 400)
        return throttled(SERVICE, said, 10_000, parseRetryAfter(outcome.headers["retry-after"], now));
      case 11232: // frequency limited
        return throttled(SERVICE, said, 60_000, parseRetryAfter(outcome.headers["retry-after"], now));
      case 19001:
        return rejected(
          SERVICE,
          said,
          "the token in the URL is wrong or the bot was removed from the group; copy the bot's webhook address again",
        );
      case 19021:
        return rejected(
          SERVICE,
          said,
          "the Secret of this webhook does not match the bot's signature secret (or this server's clock is off); paste it again, or clear it if the bot does not verify signatures",
        );
      case 19022:
        return rejected(SERVICE, said, "this server's address is not in the bot's IP allow-list");
      case 19024:
        return rejected(
          SERVICE,
          said,
          `add the keyword “${ROBOT_KEYWORDS.en}” (or “${ROBOT_KEYWORDS.zh}” for Chinese messages) in the bot's security settings`,
        );
      default:
        if (outcome.status >= 500) return judgeHttp(SERVICE, answer, now, { defaultPauseMs: 10_000, said });
        return rejected(SERVICE, said);
    }
  },
};
