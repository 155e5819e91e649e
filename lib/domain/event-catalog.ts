/** The event catalog (docs/events.md#catalog). Type codes are part of the public contract. */
export const EVENT_TYPES = [
  "updateVersion",
  "versionChange",
  "feedback",
  "crashlog",
  "settingsChange",
  "appMigration",
  "appDelete",
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

export const LANGUAGES = ["en", "zh-CN"] as const;

export type Language = (typeof LANGUAGES)[number];

/**
 * The event names robot messages and payloads use, in the webhook's language. The dashboard names events in the
 * viewer's language from messages/*.json (`events`).
 */
export const EVENT_LABELS: Record<EventType, Record<Language, string>> = {
  updateVersion: { en: "App update", "zh-CN": "应用更新" },
  versionChange: { en: "Version management", "zh-CN": "版本变动" },
  feedback: { en: "Feedback", "zh-CN": "应用反馈" },
  crashlog: { en: "Crash log", "zh-CN": "崩溃日志" },
  settingsChange: { en: "App settings", "zh-CN": "App 设置变动" },
  appMigration: { en: "App migration", "zh-CN": "迁移应用" },
  appDelete: { en: "App deletion", "zh-CN": "删除应用" },
};
