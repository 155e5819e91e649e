import "server-only";
import type { RobotType } from "@/lib/delivery/formats";

/**
 * The text a chat robot's body carries, in the markup the service reads (docs/robots.md#message-content), read
 * back out of the body the sender built: the webhook form's preview shows it raw and rendered.
 */

/** Which markup the text is in: Slack's mrkdwn (`*bold*`, `<url|label>`) or the others' markdown. */
export type RobotMarkup = "markdown" | "mrkdwn";

export type RobotText = { markup: RobotMarkup; text: string };

type Json = Record<string, unknown>;

const object = (value: unknown): Json =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Json) : {};
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const string = (value: unknown): string => (typeof value === "string" ? value : "");

function larkText(body: Json): string {
  const card = object(body.card);
  const title = string(object(object(card.header).title).content);
  const parts = list(card.elements).map((element) => {
    const item = object(element);
    return item.tag === "hr" ? "---" : string(object(item.text).content);
  });
  return [`**${title}**`, ...parts].join("\n\n");
}

function slackText(body: Json): string {
  return list(body.blocks)
    .map((block) => {
      const item = object(block);
      if (item.type === "context")
        return list(item.elements)
          .map((e) => string(object(e).text))
          .join(" ");
      if (Array.isArray(item.fields)) return item.fields.map((f) => string(object(f).text)).join("\n");
      return string(object(item.text).text);
    })
    .join("\n\n");
}

function discordText(body: Json): string {
  const embed = object(list(body.embeds)[0]);
  const fields = list(embed.fields).map((field) => {
    const item = object(field);
    return `**${string(item.name)}**: ${string(item.value)}`;
  });
  return [
    `**${string(embed.title)}**`,
    string(embed.description),
    fields.join("\n"),
    string(object(embed.footer).text),
  ]
    .filter(Boolean)
    .join("\n\n");
}

function teamsText(body: Json): string {
  const card = object(object(list(body.attachments)[0]).content);
  const blocks = list(card.body).map((block) => {
    const item = object(block);
    if (item.type === "FactSet") {
      return list(item.facts)
        .map((fact) => `- **${string(object(fact).title)}**: ${string(object(fact).value)}`)
        .join("\n");
    }
    const text = string(item.text);
    return item.weight === "Bolder" ? `**${text}**` : text;
  });
  const actions = list(card.actions).map((action) => {
    const item = object(action);
    return `[${string(item.title)}](${string(item.url)})`;
  });
  return [...blocks, ...actions].join("\n\n");
}

/** The text of a robot's body, as the chat would read it. */
export function robotText(type: RobotType, body: unknown): RobotText {
  const json = object(body);
  switch (type) {
    case "wecom":
      return { markup: "markdown", text: string(object(json.markdown).content) };
    case "dingtalk":
      return { markup: "markdown", text: string(object(json.markdown).text) };
    case "lark":
      return { markup: "markdown", text: larkText(json) };
    case "slack":
      return { markup: "mrkdwn", text: slackText(json) };
    case "discord":
      return { markup: "markdown", text: discordText(json) };
    case "teams":
      return { markup: "markdown", text: teamsText(json) };
  }
}
