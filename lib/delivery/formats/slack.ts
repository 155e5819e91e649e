import "server-only";
import { breakMentions, codeBlockText } from "./escape";
import type { Message } from "./message";
import { entities, judgeHttp, type RobotFormat, serviceText } from "./robot";
import { fitToLimit, utf8Length } from "./truncate";

/** A section's text is at most 3000 characters: counted in bytes here, which is never more characters. */
export const SLACK_SECTION_LIMIT = 3000;

const SERVICE = "Slack";

/**
 * Untrusted text in mrkdwn: Slack's only escapes are `&amp;`, `&lt;` and `&gt;`, which keep `<url|text>` links
 * and `<!channel>`-style mentions from forming; `@channel` and the like are broken as well, and a code fence
 * cannot open or close a block (docs/robots.md#untrusted-text).
 */
const mrkdwn = (text: string) => codeBlockText(breakMentions(entities(text)));

function notesText(message: Message, notes: string, truncated: boolean): string {
  if (!message.notes) return "";
  const body = message.notes.code ? `\`\`\`${mrkdwn(notes)}\`\`\`` : mrkdwn(notes);
  return `*${message.notes.label}*\n${body}${truncated ? message.truncatedMark : ""}`;
}

const HINTS: Record<string, string> = {
  invalid_token: "the webhook URL was revoked; create a new incoming webhook and paste its URL",
  no_service: "the webhook URL is wrong or was revoked; create a new incoming webhook and paste its URL",
  no_team: "the Slack workspace is gone or the URL is wrong",
  team_disabled: "the Slack workspace was disabled",
  channel_not_found: "the webhook's channel was deleted; create a new incoming webhook",
  channel_is_archived: "the webhook's channel is archived; unarchive it or create a new incoming webhook",
  action_prohibited: "a workspace admin restricted this webhook",
  posting_to_general_channel_denied: "only admins may post to this channel",
};

export const slack: RobotFormat = {
  type: "slack",
  service: SERVICE,
  build({ message, url }) {
    const { value: notes, truncated } = fitToLimit(
      message.notes?.text ?? "",
      (part, cut) => notesText(message, part, cut),
      utf8Length,
      SLACK_SECTION_LIMIT,
    );
    const blocks: unknown[] = [
      {
        type: "section",
        text: { type: "mrkdwn", text: `*${mrkdwn(message.title)}*\n${mrkdwn(message.sentence)}` },
      },
      {
        type: "section",
        fields: message.facts.slice(0, 10).map((fact) => ({
          type: "mrkdwn",
          text: `*${fact.label}*\n${mrkdwn(fact.value)}`,
        })),
      },
    ];
    if (notes) blocks.push({ type: "section", text: { type: "mrkdwn", text: notes } });
    blocks.push({
      type: "context",
      elements: [{ type: "mrkdwn", text: `<${message.link.url}|${mrkdwn(message.link.label)}>` }],
    });
    const body = { text: mrkdwn(`${message.title}: ${message.sentence}`), blocks };
    return { url, body, recordedBody: body, truncated };
  },
  judge(answer, now) {
    const { outcome } = answer;
    if (outcome.kind === "response" && outcome.status === 200) return { kind: "success" };
    const said = serviceText(answer.body);
    return judgeHttp(SERVICE, answer, now, {
      defaultPauseMs: 1000,
      said: said || undefined,
      hint: HINTS[said],
    });
  },
};
