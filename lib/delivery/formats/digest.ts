import "server-only";
import type { EventType, Language } from "@/lib/domain/event-catalog";
import type { EventFacts } from "@/lib/domain/event-facts";
import { formatInTimeZone } from "@/lib/domain/time-zones";
import { EVENT_ACTIONS, eventMessage } from "@/lib/events/payload";
import { COLORS, DEVICE_TYPES, MAX_FACT_BYTES, MESSAGE_TEXT, type Message } from "./message";
import { truncateUtf8 } from "./truncate";

/**
 * The message of a digest (docs/robots.md#digests): many events of one type and app, merged into one chat
 * message when they arrive faster than the robot accepts messages. It is a Message like any other, so every
 * robot format renders it with its own markup, escaping and size limit; only the notes (the top exceptions,
 * the latest items) are cut to fit.
 */

/** How many exceptions (crashlog) or latest items (other types) the notes list. */
const TOP_EXCEPTIONS = 10;
const LATEST_ITEMS = 5;
/** Each listed line at most this long (bytes), before the format's own limit. */
const MAX_LINE_BYTES = 160;
const MAX_APP_NAME_BYTES = 120;

const WORDS = {
  en: {
    digest: (count: string, noun: string) => `Digest of ${count} ${noun}`,
    sentence: (count: string, noun: string) =>
      `${count} ${noun} arrived faster than this chat robot accepts messages, so they are summarised in this one message.`,
    count: "Events",
    first: "First",
    last: "Last",
    versions: "Versions",
    topExceptions: "Top exceptions",
    latest: "Latest",
    unknownException: "(no exception name)",
    times: (count: string) => `${count} ×`,
    link: "Open the delivery log in AppHooks",
    number: (value: number) => value.toLocaleString("en-US"),
    nouns: {
      updateVersion: "new versions",
      versionChange: "version changes",
      feedback: "feedback items",
      crashlog: "crash reports",
      settingsChange: "settings changes",
      appMigration: "app transfers",
      appDelete: "app deletions",
    } satisfies Record<EventType, string>,
  },
  "zh-CN": {
    digest: (count: string, noun: string) => `汇总 ${count} ${noun}`,
    sentence: (count: string, noun: string) =>
      `${count} ${noun}到达的速度超过了此群机器人接收消息的频率，已汇总为这一条消息。`,
    count: "事件数",
    first: "最早",
    last: "最近",
    versions: "版本",
    topExceptions: "主要异常",
    latest: "最新",
    unknownException: "（无异常名称）",
    times: (count: string) => `${count} 次`,
    link: "在 AppHooks 中查看应用的投递记录",
    number: (value: number) => String(value),
    nouns: {
      updateVersion: "个新版本",
      versionChange: "次版本变动",
      feedback: "条反馈",
      crashlog: "条崩溃报告",
      settingsChange: "次设置变更",
      appMigration: "次应用转移",
      appDelete: "次应用删除",
    } satisfies Record<EventType, string>,
  },
} as const;

/** One event of a digest: its type and language-neutral facts. */
export type DigestItem = { type: EventType; facts: EventFacts };

const oneLine = (value: string) => value.replace(/\s+/g, " ").trim();
const bounded = (value: string, bytes: number) => truncateUtf8(value, bytes).text;

function textOf(value: unknown): string {
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : "";
}

/** The first non-empty line of a text. */
function firstLine(value: string): string {
  return (
    value
      .split(/\r\n?|\n/)
      .map((line) => line.trim())
      .find((line) => line !== "") ?? ""
  );
}

/** Values with their counts, most frequent first (ties: first seen first). */
function ranked(values: string[]): Array<{ value: string; count: number }> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count);
}

/** A crash's exception: its name when the producer gave one, else the first line of its log. */
function exceptionOf(facts: EventFacts, unknown: string): string {
  const named = oneLine(textOf(facts.data.exception));
  return bounded(named || oneLine(firstLine(facts.notes)) || unknown, MAX_LINE_BYTES);
}

/** The notes of a digest: the top exceptions of crashes with their counts; else the latest items' first lines. */
function notesOf(items: DigestItem[], type: EventType, language: Language): Message["notes"] {
  const words = WORDS[language];
  if (type === "crashlog") {
    const top = ranked(items.map((item) => exceptionOf(item.facts, words.unknownException))).slice(
      0,
      TOP_EXCEPTIONS,
    );
    const lines = top.map(({ value, count }) => `${words.times(words.number(count))} ${value}`);
    return { label: words.topExceptions, text: lines.join("\n"), code: false };
  }
  const latest = [...items]
    .sort((a, b) => (a.facts.occurredAt < b.facts.occurredAt ? 1 : -1))
    .slice(0, LATEST_ITEMS)
    .map((item) => {
      const line = type === "feedback" ? firstLine(item.facts.notes) : "";
      const shown = oneLine(line || eventMessage(item.type, item.facts, language));
      return `${bounded(shown, MAX_LINE_BYTES)}`;
    })
    .filter((line) => line !== "");
  return latest.length > 0 ? { label: words.latest, text: latest.join("\n"), code: false } : null;
}

/**
 * The digest message of `items` (at least one, all of one app; `type` is theirs) in one language, its times in
 * the team's payload time zone. `link` is the dashboard page that lists them (the webhook's delivery log).
 */
export function buildDigestMessage(input: {
  items: DigestItem[];
  type: EventType;
  language: Language;
  timeZone: string;
  link: string;
}): Message {
  const { items, type, language, timeZone } = input;
  const first = items[0];
  if (!first) throw new Error("A digest needs at least one event");
  const t = MESSAGE_TEXT[language];
  const words = WORDS[language];
  const count = words.number(items.length);
  const noun = words.nouns[type];
  const appName = bounded(oneLine(first.facts.app.name), MAX_APP_NAME_BYTES);
  const times = items.map((item) => item.facts.occurredAt).sort();
  const earliest = times[0] ?? first.facts.occurredAt;
  const latest = times[times.length - 1] ?? first.facts.occurredAt;
  const at = (iso: string) => `${formatInTimeZone(iso, timeZone)} ${timeZone}`;
  const versions = ranked(
    items
      .map((item) => item.facts.version)
      .filter((version) => version != null)
      .map((version) => t.build(version.version, version.build)),
  ).map(({ value, count: n }) => `${value} × ${words.number(n)}`);
  const facts: Message["facts"] = [
    { label: words.count, value: count },
    { label: words.first, value: at(earliest) },
    { label: words.last, value: at(latest) },
  ];
  if (versions.length > 0) {
    facts.push({ label: words.versions, value: bounded(versions.join(", "), MAX_FACT_BYTES) });
  }
  facts.push({
    label: t.platform,
    value: DEVICE_TYPES[first.facts.app.platform] ?? first.facts.app.platform,
  });
  const test = items.every((item) => item.facts.test === true);
  return {
    type,
    language,
    // The keyword checks pass on the title, as for single messages (docs/robots.md#keywords).
    title: `${test ? "[Test] " : ""}${t.titlePrefix} · ${appName} · ${EVENT_ACTIONS[language][type]} · ${words.digest(count, noun)}`,
    appName,
    sentence: words.sentence(count, noun),
    facts,
    notes: notesOf(items, type, language),
    link: { label: words.link, url: input.link },
    colon: t.colon,
    truncatedMark: t.truncated,
    occurredAt: latest,
    color: COLORS[type],
  };
}

/** Where a digest links to: the delivery log of the webhook, built from trusted parts only. */
export function digestLink(baseUrl: string, appKey: string, webhookId: string): string {
  return new URL(
    `/apps/${encodeURIComponent(appKey)}/settings/webhooks/${encodeURIComponent(webhookId)}/deliveries`,
    baseUrl,
  ).toString();
}
