import "server-only";
import { breakMentions, codeBlockText, discordEscape, withoutBrackets } from "./escape";
import type { Message } from "./message";
import { jsonObject, judgeHttp, plain, type RobotFormat, serviceText, throttled } from "./robot";
import { fitToLimit, utf8Length } from "./truncate";

/** Discord counts characters; these are counted in bytes, which is never more characters. */
export const DISCORD_LIMITS = { title: 256, description: 4096, fieldValue: 1024, embedTotal: 6000 };

const SERVICE = "Discord";
const FOOTER = "AppHooks";

/** Untrusted text is backslash-escaped, code blocks keep their content but no fence (docs/robots.md#untrusted-text). */
function descriptionOf(message: Message, notes: string, truncated: boolean): string {
  const parts = [discordEscape(message.sentence)];
  if (message.notes) {
    const text = message.notes.code
      ? `\`\`\`\n${codeBlockText(breakMentions(plain(notes)))}\n\`\`\``
      : discordEscape(notes);
    parts.push(`**${message.notes.label}**\n${text}${truncated ? message.truncatedMark : ""}`);
  }
  parts.push(`[${discordEscape(withoutBrackets(message.link.label))}](${message.link.url})`);
  return parts.join("\n\n");
}

const HINTS: Record<number, string> = {
  10015: "the webhook was deleted in Discord; create a new one and paste its URL",
  50027: "the token part of the URL is wrong; copy the webhook URL again",
};

export const discord: RobotFormat = {
  type: "discord",
  service: SERVICE,
  build({ message, url }) {
    const fields = message.facts.map((fact) => ({
      name: fact.label,
      value: discordEscape(fact.value),
      inline: true,
    }));
    const fixed =
      utf8Length(message.title) +
      utf8Length(FOOTER) +
      fields.reduce((sum, field) => sum + utf8Length(field.name) + utf8Length(field.value), 0);
    const limit = Math.min(DISCORD_LIMITS.description, DISCORD_LIMITS.embedTotal - fixed);
    const { value: description, truncated } = fitToLimit(
      message.notes?.text ?? "",
      (notes, cut) => descriptionOf(message, notes, cut),
      utf8Length,
      limit,
    );
    const body = {
      // Embeds never mention anyone; this also keeps any future `content` from pinging @everyone.
      allowed_mentions: { parse: [] },
      embeds: [
        {
          title: breakMentions(plain(message.title)),
          url: message.link.url,
          description,
          color: message.color.rgb,
          fields,
          timestamp: message.occurredAt,
          footer: { text: FOOTER },
        },
      ],
    };
    return { url, body, recordedBody: body, truncated };
  },
  judge(answer, now) {
    const { outcome } = answer;
    if (outcome.kind === "response" && (outcome.status === 204 || outcome.status === 200)) {
      return { kind: "success" };
    }
    const json = jsonObject(answer.body);
    if (outcome.kind === "response" && outcome.status === 429) {
      // The body's retry_after (seconds, fractional) is the exact wait; Retry-After is rounded up.
      const seconds = typeof json?.retry_after === "number" ? json.retry_after : null;
      if (seconds !== null && seconds >= 0) {
        const wait = Math.ceil(seconds * 1000);
        return throttled(SERVICE, `${serviceText(json?.message) || "rate limited"} (HTTP 429)`, wait, wait);
      }
    }
    const code = typeof json?.code === "number" ? json.code : null;
    const said = json?.message
      ? `${serviceText(json.message)}${code !== null ? ` (code ${code})` : ""}`
      : undefined;
    return judgeHttp(SERVICE, answer, now, {
      defaultPauseMs: 1000,
      said,
      hint: code !== null ? HINTS[code] : undefined,
    });
  },
};
