import "server-only";
import { breakMentions, defuseMarkdown } from "./escape";
import type { Message } from "./message";
import { jsonObject, judgeHttp, plain, type RobotFormat, serviceText } from "./robot";
import { fitToLimit, jsonBytes } from "./truncate";

/** docs/robots.md#size-limits: 28 KB per message. */
export const TEAMS_BODY_LIMIT = 28_000;

const SERVICE = "Microsoft Teams";

/**
 * TextBlocks and facts read a subset of markdown without escapes: untrusted text is defused
 * (docs/robots.md#untrusted-text); the link is an action whose title is plain text.
 */
export function teamsCard(message: Message, notes: string, truncated: boolean) {
  const body: unknown[] = [
    { type: "TextBlock", text: defuseMarkdown(message.title), weight: "Bolder", size: "Medium", wrap: true },
    { type: "TextBlock", text: defuseMarkdown(message.sentence), wrap: true },
    {
      type: "FactSet",
      facts: message.facts.map((fact) => ({ title: fact.label, value: defuseMarkdown(fact.value) })),
    },
  ];
  if (message.notes) {
    body.push(
      { type: "TextBlock", text: message.notes.label, weight: "Bolder", wrap: true, spacing: "Medium" },
      {
        type: "TextBlock",
        text: `${defuseMarkdown(notes)}${truncated ? message.truncatedMark : ""}`,
        wrap: true,
        ...(message.notes.code ? { fontType: "Monospace" } : {}),
      },
    );
  }
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.4",
          body,
          actions: [
            {
              type: "Action.OpenUrl",
              title: breakMentions(plain(message.link.label)),
              url: message.link.url,
            },
          ],
        },
      },
    ],
  };
}

export const teams: RobotFormat = {
  type: "teams",
  service: SERVICE,
  build({ message, url }) {
    const { value: body, truncated } = fitToLimit(
      message.notes?.text ?? "",
      (notes, cut) => teamsCard(message, notes, cut),
      jsonBytes,
      TEAMS_BODY_LIMIT,
    );
    return { url, body, recordedBody: body, truncated };
  },
  judge(answer, now) {
    const { outcome } = answer;
    if (outcome.kind === "response" && (outcome.status === 200 || outcome.status === 202)) {
      return { kind: "success" };
    }
    const error = jsonObject(answer.body)?.error as { code?: unknown; message?: unknown } | undefined;
    const said =
      error && typeof error === "object"
        ? `${serviceText(error.message)}${error.code ? ` (${serviceText(error.code)})` : ""}`
        : undefined;
    const status = outcome.kind === "response" ? outcome.status : 0;
    const hint =
      status === 401 || status === 403 || status === 404
        ? "the workflow URL is wrong, or the workflow was turned off or deleted; copy the URL from the workflow's trigger again"
        : undefined;
    return judgeHttp(SERVICE, answer, now, { defaultPauseMs: 1000, said, hint });
  },
};
