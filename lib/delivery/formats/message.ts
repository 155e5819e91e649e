import "server-only";
import type { EventType, Language } from "@/lib/domain/event-catalog";
import type { EventFacts } from "@/lib/domain/event-facts";
import type { PlatformCode } from "@/lib/domain/platforms";
import { formatInTimeZone } from "@/lib/domain/time-zones";
import { CHANGE_FIELD_LABELS, EVENT_ACTIONS, eventLink, eventMessage } from "@/lib/events/payload";
import { formatSize } from "@/lib/format";
import { truncateUtf8 } from "./truncate";

/**
 * What a chat message says, in the webhook's language, before any service's markup: every robot format
 * renders this (docs/robots.md#message-content).
 */
export type Message = {
  /** The event's type, or "alert": a webhook alert (lib/delivery/alert-content.ts, docs/alerts.md). */
  type: EventType | "alert";
  language: Language;
  /**
   * "AppHooks Application Notice · <app> · <action>"; in Chinese "AppHooks 应用通知 · …": the keyword checks
   * pass on it.
   */
  title: string;
  appName: string;
  /** The docs/events.md#json-payload `message` sentence. */
  sentence: string;
  /** Version, size, platform, time and the event's own details, labelled. */
  facts: Array<{ label: string; value: string }>;
  /** Release notes, feedback text, crash excerpt or the list of changes; null when there is nothing to add. */
  notes: { label: string; text: string; code: boolean } | null;
  link: { label: string; url: string };
  /** Between a label and its value: ": " / "：". */
  colon: string;
  /** Appended where the notes were cut: "… (truncated)" / "…（已截断）". */
  truncatedMark: string;
  /** ISO time of the event. */
  occurredAt: string;
  /** Accent of the card: RGB for Discord, a header template for Lark. */
  color: { rgb: number; lark: string };
};

/**
 * The keywords users register in DingTalk's and Lark's "custom keywords" security setting, as Pgyer's guide
 * tells them to: every English message contains "Application" in its title, every Chinese one 应用. Both also
 * contain "AppHooks" (title and link).
 */
export const ROBOT_KEYWORDS = { en: "Application", zh: "应用" } as const;

// Fixed parts are bounded, so that the notes always have room under the smallest limit (Slack's 3000).
const MAX_APP_NAME_BYTES = 120;
const MAX_SENTENCE_BYTES = 600;
export const MAX_FACT_BYTES = 200;

export const DEVICE_TYPES: Record<PlatformCode, string> = {
  ios: "iOS",
  android: "Android",
  harmonyos: "HarmonyOS",
};

export const COLORS: Record<EventType, { rgb: number; lark: string }> = {
  updateVersion: { rgb: 0x2563eb, lark: "blue" },
  versionChange: { rgb: 0x4f46e5, lark: "indigo" },
  feedback: { rgb: 0xea580c, lark: "orange" },
  crashlog: { rgb: 0xdc2626, lark: "red" },
  settingsChange: { rgb: 0x64748b, lark: "grey" },
  appMigration: { rgb: 0x9333ea, lark: "purple" },
  appDelete: { rgb: 0xbe123c, lark: "carmine" },
};

/** The words of the messages, per language (the digests reuse them: lib/delivery/formats/digest.ts). */
export const MESSAGE_TEXT = {
  en: {
    titlePrefix: "AppHooks Application Notice",
    colon: ": ",
    version: "Version",
    latestVersion: "Latest version",
    build: (version: string, build: string) => `${version} (build ${build})`,
    size: "Size",
    platform: "Platform",
    time: "Time",
    contact: "Contact",
    device: "Device",
    occurrences: "Occurrences",
    fromTeam: "From team",
    toTeam: "To team",
    change: "Change",
    releaseNotes: "Release notes",
    feedback: "Feedback",
    crash: "Crash log",
    changes: "Changes",
    open: (app: string) => `Open ${app} in AppHooks`,
    openDashboard: "Open AppHooks",
    truncated: "… (truncated)",
    versionChanges: { edited: "edited", hidden: "hidden", shown: "shown again", deleted: "deleted" },
    updated: "updated",
    password: { "(set)": "set", "(changed)": "changed", "(removed)": "removed" } as Record<string, string>,
  },
  "zh-CN": {
    titlePrefix: "AppHooks 应用通知",
    colon: "：",
    version: "版本",
    latestVersion: "最新版本",
    build: (version: string, build: string) => `${version}（Build ${build}）`,
    size: "大小",
    platform: "平台",
    time: "时间",
    contact: "联系方式",
    device: "设备",
    occurrences: "发生次数",
    fromTeam: "原团队",
    toTeam: "新团队",
    change: "变动",
    releaseNotes: "更新说明",
    feedback: "反馈内容",
    crash: "崩溃日志",
    changes: "变更内容",
    open: (app: string) => `在 AppHooks 中打开应用 ${app}`,
    openDashboard: "打开 AppHooks 应用列表",
    truncated: "…（已截断）",
    versionChanges: { edited: "已编辑", hidden: "已隐藏", shown: "已重新显示", deleted: "已删除" },
    updated: "已更新",
    password: { "(set)": "已设置", "(changed)": "已修改", "(removed)": "已移除" } as Record<string, string>,
  },
} as const;

const TEXT = MESSAGE_TEXT;

function text(value: unknown): string {
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : "";
}

const bounded = (value: string, bytes: number) => truncateUtf8(value, bytes).text;

/** One line per changed field: `App name: “Old” → “New”`; descriptions and passwords without their values. */
function changeLines(changes: unknown, language: Language): string | null {
  if (!Array.isArray(changes) || changes.length === 0) return null;
  const t = TEXT[language];
  const quote = (value: unknown) => `“${text(value)}”`;
  const sep = t.colon;
  return changes
    .map((change: { field?: unknown; from?: unknown; to?: unknown }) => {
      const field = text(change.field);
      const label = CHANGE_FIELD_LABELS[language][field] ?? field;
      if (field === "install_password")
        return `${label}${sep}${t.password[text(change.to)] ?? text(change.to)}`;
      if (field === "description" || field === "notes") return `${label}${sep}${t.updated}`;
      return `${label}${sep}${quote(change.from)} → ${quote(change.to)}`;
    })
    .join("\n");
}

function notesOf(type: EventType, facts: EventFacts, language: Language): Message["notes"] {
  const t = TEXT[language];
  const notes = facts.notes.replace(/\r\n?/g, "\n").trim();
  switch (type) {
    case "updateVersion":
      return notes ? { label: t.releaseNotes, text: notes, code: false } : null;
    case "versionChange": {
      const lines = changeLines(facts.data.changes, language);
      return lines ? { label: t.changes, text: lines, code: false } : null;
    }
    case "feedback":
      return notes ? { label: t.feedback, text: notes, code: false } : null;
    case "crashlog":
      return notes ? { label: t.crash, text: notes, code: true } : null;
    case "settingsChange": {
      const lines = changeLines(facts.data.changes, language);
      return lines ? { label: t.changes, text: lines, code: false } : null;
    }
    case "appMigration":
    case "appDelete":
      return null; // the sentence and the facts say it all
  }
}

function factsOf(type: EventType, facts: EventFacts, language: Language, timeZone: string): Message["facts"] {
  const t = TEXT[language];
  const out: Message["facts"] = [];
  const add = (label: string, value: unknown) => {
    const shown = text(value).trim();
    if (shown) out.push({ label, value: bounded(shown.replace(/\s+/g, " "), MAX_FACT_BYTES) });
  };
  const version = facts.version;
  const aboutTheApp = type === "settingsChange" || type === "appMigration" || type === "appDelete";
  if (type === "versionChange") {
    const change = text(facts.data.change);
    add(t.change, (t.versionChanges as Record<string, string>)[change] ?? change);
  }
  if (version) {
    add(aboutTheApp ? t.latestVersion : t.version, t.build(version.version, version.build));
    if (type === "updateVersion" || type === "versionChange") add(t.size, formatSize(version.sizeBytes));
  }
  add(t.platform, DEVICE_TYPES[facts.app.platform] ?? facts.app.platform);
  if (type === "feedback") {
    add(t.contact, facts.data.contact);
    add(t.device, facts.data.device);
  }
  if (type === "crashlog") {
    add(t.device, facts.data.device);
    add(t.occurrences, facts.data.occurrences);
  }
  if (type === "appMigration") {
    add(t.fromTeam, facts.data.from_team);
    add(t.toTeam, facts.data.to_team);
  }
  add(t.time, `${formatInTimeZone(facts.occurredAt, timeZone)} ${timeZone}`);
  return out;
}

/**
 * The message of one event in one language, its time in the team's payload time zone; `baseUrl` is the
 * dashboard's public URL.
 */
export function buildMessage(
  event: { type: EventType; facts: EventFacts },
  language: Language,
  baseUrl: string,
  timeZone: string,
): Message {
  const { type, facts } = event;
  const t = TEXT[language];
  const appName = bounded(facts.app.name.replace(/\s+/g, " ").trim(), MAX_APP_NAME_BYTES);
  const deleted = type === "appDelete";
  return {
    type,
    language,
    title: `${facts.test ? "[Test] " : ""}${t.titlePrefix} · ${appName} · ${EVENT_ACTIONS[language][type]}`,
    appName,
    sentence: bounded(eventMessage(type, facts, language).replace(/\s+/g, " ").trim(), MAX_SENTENCE_BYTES),
    facts: factsOf(type, facts, language, timeZone),
    notes: notesOf(type, facts, language),
    // Built from trusted parts only: the base URL and the (validated) app key; the label's app name is
    // escaped by each format as link text (docs/robots.md#untrusted-text).
    link: {
      label: deleted ? t.openDashboard : t.open(appName),
      url: eventLink(type, facts.app.key, baseUrl),
    },
    colon: t.colon,
    truncatedMark: t.truncated,
    occurredAt: facts.occurredAt,
    color: COLORS[type],
  };
}
