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

export const LANGUAGE_LABELS: Record<Language, string> = {
  en: "English",
  "zh-CN": "简体中文 (Simplified Chinese)",
};

export const EVENT_LABELS: Record<EventType, Record<Language, string>> = {
  updateVersion: { en: "App update", "zh-CN": "应用更新" },
  versionChange: { en: "Version management", "zh-CN": "版本变动" },
  feedback: { en: "Feedback", "zh-CN": "应用反馈" },
  crashlog: { en: "Crash log", "zh-CN": "崩溃日志" },
  settingsChange: { en: "App settings", "zh-CN": "App 设置变动" },
  appMigration: { en: "App migration", "zh-CN": "迁移应用" },
  appDelete: { en: "App deletion", "zh-CN": "删除应用" },
};

export const EVENT_DESCRIPTIONS: Record<EventType, string> = {
  updateVersion: "A new version (build) of the app is uploaded",
  versionChange: "A version is edited, hidden, shown or deleted",
  feedback: "A tester or user sends feedback",
  crashlog: "A crash report arrives",
  settingsChange: "An app setting changes (name, description, icon, install password…)",
  appMigration: "The app is transferred to another team",
  appDelete: "The app is deleted",
};
