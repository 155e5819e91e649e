import "server-only";
import { defuseMarkdown as defuse, markdownLinkText } from "./escape";
import type { Message } from "./message";
import { busy, type RobotFormat, readErrcode, rejected, throttled } from "./robot";
import { fitToLimit, utf8Length } from "./truncate";

/** docs/robots.md#size-limits: markdown content ≤ 4096 bytes (UTF-8). */
export const WECOM_MARKDOWN_LIMIT = 4096;

const SERVICE = "WeCom";

/**
 * The markdown of a message, with `notes` as its (possibly cut) notes. WeCom documents no escapes: untrusted
 * text is defused (docs/robots.md#untrusted-text), e.g. `<@userid>` cannot mention anyone.
 */
export function wecomMarkdown(message: Message, notes: string, truncated: boolean): string {
  const lines = [
    `### ${defuse(message.title)}`,
    defuse(message.sentence),
    ...message.facts.map((fact) => `> ${fact.label}${message.colon}${defuse(fact.value)}`),
  ];
  if (message.notes) {
    lines.push("", `**${message.notes.label}**`, `${defuse(notes)}${truncated ? message.truncatedMark : ""}`);
  }
  lines.push("", `[${markdownLinkText(message.link.label)}](${message.link.url})`);
  return lines.join("\n");
}

export const wecom: RobotFormat = {
  type: "wecom",
  service: SERVICE,
  build({ message, url }) {
    const { value: content, truncated } = fitToLimit(
      message.notes?.text ?? "",
      (notes, cut) => wecomMarkdown(message, notes, cut),
      utf8Length,
      WECOM_MARKDOWN_LIMIT,
    );
    const body = { msgtype: "markdown", markdown: { content } };
    return { url, body, recordedBody: body, truncated };
  },
  judge(answer, now) {
    const read = readErrcode(SERVICE, answer, now, "WeCom group robot");
    if ("kind" in read) return read;
    const { code, said } = read;
    switch (code) {
      case 45009: // api freq out of limit
      case 45033: // too many concurrent calls
        return throttled(SERVICE, said, 60_000);
      case -1: // system busy
        return busy(SERVICE, said);
      case 93000:
        return rejected(
          SERVICE,
          said,
          "the key in the URL is wrong or the robot was removed from the group; copy the robot's webhook address again",
        );
      case 40058:
        return rejected(SERVICE, said, "the message is longer than WeCom accepts");
      default:
        return rejected(SERVICE, said);
    }
  },
};
