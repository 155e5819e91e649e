import { describe, expect, test } from "vitest";
import { EVENT_TYPES, type EventType, LANGUAGES } from "@/lib/domain/event-catalog";
import type { EventFacts } from "@/lib/domain/event-facts";
import { FIXED_APP, FIXED_TIME, fixedFacts } from "@/test/robot-fixtures";
import { buildMessage, ROBOT_FORMATS, type RobotType } from "./index";

/**
 * Untrusted text shows literally in every robot format (docs/robots.md#untrusted-text): hostile app names,
 * notes and facts form no link, image, mention or code fence in the markup as each service reads it, and the
 * product's own link still points to the dashboard.
 */

const BASE_URL = "https://apphooks.example.test";
const TYPES = Object.keys(ROBOT_FORMATS) as RobotType[];

const HOSTILE_NAME = "Evil](http://evil.example) [x](http://evil.example/name) <!here> @everyone";
const HOSTILE = [
  "[login here](http://evil.example/login)",
  "![px](http://evil.example/px.png)",
  "@everyone @here @all @channel @所有人 @Everyone",
  '<!channel> <!everyone> <@U123> <at id=all></at> <at user_id="all"></at>',
  '<script>alert(1)</script> <a href="http://evil.example/a">a</a> <http://evil.example/auto>',
  "`code` ``` and ~~~",
  "```",
  "# Heading",
  "> quote",
  "- item",
  "1. one",
  "*bold* **bolder** _it_ ~~s~~ ||spoiler||",
  "[ref]: http://evil.example/ref",
  "[click][ref] [ref] [also] (http://evil.example/space)",
  "```",
].join("\n");
const SHORT = "[v](http://evil.example/v) @everyone <!channel>";

function hostileFacts(type: EventType): EventFacts {
  const fixed = fixedFacts(type);
  const changes = [
    { field: "name", from: HOSTILE_NAME, to: SHORT },
    { field: "version", from: "![px](http://evil.example/px.png)", to: "<at id=all></at>" },
  ];
  return {
    ...fixed,
    app: { ...FIXED_APP, name: HOSTILE_NAME },
    occurredAt: FIXED_TIME.toISOString(),
    version: fixed.version && { ...fixed.version, version: SHORT, build: "`@all`" },
    notes: HOSTILE,
    data: {
      ...fixed.data,
      ...(type === "versionChange" || type === "settingsChange" ? { changes } : {}),
      contact: SHORT,
      device: "<@U123> ![d](http://evil.example/d.png)",
      from_team: "[team](http://evil.example/team)",
      to_team: "@here",
    },
  };
}

function build(
  type: RobotType,
  event: EventType,
  language: (typeof LANGUAGES)[number],
  notes: string = HOSTILE,
) {
  return ROBOT_FORMATS[type].build({
    message: buildMessage(
      { type: event, facts: { ...hostileFacts(event), notes } },
      language,
      BASE_URL,
      "UTC",
    ),
    url: "https://robot.example.test/hook?key=k",
    secret: null,
    deliveryId: "3f7c1c0e-1b2a-4c5d-8e9f-0a1b2c3d4e5f",
    now: FIXED_TIME,
  });
}

type Json = Record<string, unknown>;
const at = (value: unknown, key: string) => (value as Json)[key];
const list = (value: unknown) => (value ?? []) as unknown[];

/** The strings each service reads as markup, and those it shows as plain text (titles, button labels). */
function rendered(type: RobotType, body: Json): { markup: string[]; plainText: string[] } {
  switch (type) {
    case "wecom":
      return { markup: [at(at(body, "markdown"), "content") as string], plainText: [] };
    case "dingtalk":
      return {
        markup: [at(at(body, "markdown"), "text") as string],
        plainText: [at(at(body, "markdown"), "title") as string],
      };
    case "lark": {
      const card = at(body, "card");
      return {
        markup: list(at(card, "elements")).flatMap((element) => {
          const text = at(element, "text");
          return text ? [at(text, "content") as string] : [];
        }),
        plainText: [at(at(at(card, "header"), "title"), "content") as string],
      };
    }
    case "slack":
      return {
        markup: [
          at(body, "text") as string,
          ...list(at(body, "blocks")).flatMap((block) => [
            ...(at(block, "text") ? [at(at(block, "text"), "text") as string] : []),
            ...list(at(block, "fields")).map((field) => at(field, "text") as string),
            ...list(at(block, "elements")).map((element) => at(element, "text") as string),
          ]),
        ],
        plainText: [],
      };
    case "discord": {
      const [embed] = list(at(body, "embeds"));
      return {
        markup: [
          at(embed, "description") as string,
          ...list(at(embed, "fields")).map((field) => at(field, "value") as string),
        ],
        plainText: [at(embed, "title") as string],
      };
    }
    case "teams": {
      const content = at(list(at(body, "attachments"))[0], "content");
      return {
        markup: list(at(content, "body")).flatMap((block) =>
          at(block, "type") === "FactSet"
            ? list(at(block, "facts")).map((fact) => at(fact, "value") as string)
            : [at(block, "text") as string],
        ),
        plainText: list(at(content, "actions")).map((action) => at(action, "title") as string),
      };
    }
  }
}

/** Markdown constructs (lax: stricter than any service) — only backslash escapes are honoured, on Discord. */
function markdownConstructs(text: string, backslash: boolean) {
  const links: Array<{ label: string; url: string }> = [];
  const linkish: string[] = []; // `](`, `] (`, `][`, `]:` — inline links, images, references, definitions
  const tags: string[] = []; // `<` starting an autolink, HTML, `<@…>`, `<!…>`, `<at …>`
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (backslash && char === "\\") {
      i++;
      continue;
    }
    if (char === "<" && /[A-Za-z!@/#]/.test(text[i + 1] ?? "")) tags.push(text.slice(i, i + 40));
    if (char !== "]") continue;
    const after = /^\s*([([:])/.exec(text.slice(i + 1));
    if (!after) continue;
    linkish.push(text.slice(Math.max(0, i - 30), i + 40));
    const url = /^\(([^)\s]*)\)/.exec(text.slice(i + 1))?.[1];
    // The label: back to the matching unescaped `[`.
    let depth = 0;
    for (let j = i - 1; j >= 0 && url; j--) {
      if (backslash && text[j - 1] === "\\") continue;
      if (text[j] === "]") depth++;
      if (text[j] === "[" && depth-- === 0) {
        links.push({ label: text.slice(j + 1, i), url });
        break;
      }
    }
  }
  return { links, linkish, tags };
}

/** Slack's `<…>` sequences: links `<url|text>`, mentions `<!channel>`, `<@U…>`. */
const slackTags = (text: string) => [...text.matchAll(/<([^>]*)>/g)].map((match) => match[1] ?? "");

const MENTION = /@(everyone|here|all|channel|所有人)/i;

/** What a reader sees: without the zero-width spaces, backslash escapes and entities. */
function shown(type: RobotType, text: string): string {
  let out = text.replace(/\u200b/g, "");
  if (type === "discord") out = out.replace(/\\(.)/g, "$1");
  if (type === "slack" || type === "lark") {
    out = out.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  }
  return out;
}

describe("hostile text in robot messages", () => {
  test.each(
    TYPES.flatMap((type) => EVENT_TYPES.flatMap((event) => LANGUAGES.map((l) => [type, event, l] as const))),
  )("%s %s %s: no link, image, mention or fence survives; the product link does", (type, event, language) => {
    const { body, truncated } = build(type, event, language);
    expect(truncated).toBe(false);
    expectLiteral(type, event, language, body as Json);
    // Literally: the reader still sees the hostile text itself.
    const seen = shown(type, rendered(type, body as Json).markup.join("\n"));
    if (event === "feedback" || event === "updateVersion" || event === "crashlog") {
      expect(seen).toContain("[login here](http://evil.example/login)");
      expect(seen).toContain("@everyone @here @all");
    }
  });

  // ~60 KB of escapes-to-be: cut to each service's limit before escaping, so no escape is split.
  const huge = `${"&<>`[x](http://evil.example/x) @all ``` \\*\n".repeat(1500)}END`;

  test.each(
    TYPES.flatMap((type) => (["feedback", "crashlog"] as const).map((event) => [type, event] as const)),
  )("%s %s: hostile notes cut to the limit stay literal, no escape split", (type, event) => {
    for (const language of LANGUAGES) {
      const { body, truncated } = build(type, event, language, huge);
      expect(truncated).toBe(true);
      expectLiteral(type, event, language, body as Json);
      const markup = rendered(type, body as Json).markup.join("\n");
      expect(markup).not.toContain("END");
      if (type === "slack" || type === "lark") expect(markup).not.toMatch(/&(?!amp;|lt;|gt;)/);
      if (type === "discord") expect(markup).not.toMatch(/(^|[^\\])(\\\\)*\\…/);
    }
  });

  test.each(TYPES)("%s: a hostile feedback message (snapshot, reviewed by eye)", async (type) => {
    const { body } = build(type, "feedback", "en");
    await expect(`${JSON.stringify(body, null, 2)}\n`).toMatchFileSnapshot(
      `../__snapshots__/hostile/${type}.json`,
    );
  });
});

/** No link, image, mention, tag or code fence from user text survives; the product's link does. */
function expectLiteral(type: RobotType, event: EventType, language: string, json: Json): void {
  const { markup, plainText } = rendered(type, json);
  const dashboard = `${BASE_URL}/apps${event === "appDelete" ? "" : `/${FIXED_APP.key}`}`;
  const serialised = JSON.stringify(json);
  expect(serialised).toContain("AppHooks");
  if (language === "zh-CN") expect(serialised).toContain("应用");

  for (const text of [...markup, ...plainText]) expect(text).not.toMatch(MENTION);

  const productLinks: string[] = [];
  for (const full of markup) {
    // Discord shows a code block's content as it is.
    const text = type === "discord" ? full.replace(/```[\s\S]*?```/g, "") : full;
    if (type === "slack") {
      // Slack: every `<…>` is a link, mention or command; only the product's link may be one.
      for (const tag of slackTags(text)) {
        expect(tag.startsWith(`${dashboard}|`), `Slack tag <${tag}>`).toBe(true);
        productLinks.push(tag.slice(0, tag.indexOf("|")));
      }
      continue;
    }
    const { links, linkish, tags } = markdownConstructs(text, type === "discord");
    expect(tags, `${type} tags`).toEqual([]);
    expect(linkish.length, `${type} link constructs: ${linkish.join(" | ")}`).toBe(links.length);
    for (const link of links) {
      expect(link.url).toBe(dashboard);
      // The label holds no bracket, escaped or not, that could end it early.
      expect(link.label).not.toMatch(/[[\]]/);
      expect(shown(type, link.label)).toMatch(/AppHooks/);
      productLinks.push(link.url);
    }
    // No line of user text opens a fenced code block.
    if (type !== "discord") expect(text).not.toMatch(/^[ \t]*(```|~~~)/m);
  }
  if (type === "teams") {
    const content = at(list(at(json, "attachments"))[0], "content");
    for (const action of list(at(content, "actions"))) productLinks.push(at(action, "url") as string);
  }
  if (type === "discord") {
    expect(at(json, "allowed_mentions")).toEqual({ parse: [] });
    expect(at(list(at(json, "embeds"))[0], "url")).toBe(dashboard);
  }
  expect(productLinks).toEqual([dashboard]);

  // Code fences (Slack and Discord read them anywhere in a line): the crash stack's block is opened and
  // closed by the format only.
  if (type === "slack" || type === "discord") {
    const fences = markup.join("\n").match(/```/g) ?? [];
    expect(fences.length).toBe(event === "crashlog" ? 2 : 0);
  }
}
