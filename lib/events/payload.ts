import "server-only";
import { EVENT_LABELS, type EventType, type Language } from "@/lib/domain/event-catalog";
import type { EventFacts } from "@/lib/domain/event-facts";
import type { PlatformCode } from "@/lib/domain/platforms";
import { formatInTimeZone } from "@/lib/domain/time-zones";

/** The generic JSON body (docs/events.md#json-payload): Pgyer's published field names, plus event_id, app_key and data. */
export type GenericPayload = {
  action: string;
  title: string;
  link: string;
  message: string;
  type: EventType;
  os_version: string;
  build_version: string;
  created: string;
  updated: string;
  timestamp: number;
  appsize: string;
  device_type: string;
  notes: string;
  event_id: string;
  app_key: string;
  data: Record<string, unknown>;
  /** Only on samples sent with "Send test". */
  test?: true;
};

const DEVICE_TYPES: Record<PlatformCode, string> = { ios: "iOS", android: "Android", harmonyos: "HarmonyOS" };

/**
 * The `action` of each event, in Pgyer's wording (docs/events.md#json-payload), so that receivers and chat
 * rules written for Pgyer match; robot titles use it too.
 */
export const EVENT_ACTIONS: Record<Language, Record<EventType, string>> = {
  en: {
    updateVersion: "App Update",
    versionChange: "Version Management",
    feedback: "App Feedback",
    crashlog: "Crash log",
    settingsChange: "App Settings",
    appMigration: "App Migration",
    appDelete: "App Deletion",
  },
  "zh-CN": Object.fromEntries(
    Object.entries(EVENT_LABELS).map(([type, labels]) => [type, labels["zh-CN"]]),
  ) as Record<EventType, string>,
};

/**
 * The labels of the fields a settingsChange or versionChange names (`data.changes[].field` keeps the codes):
 * the settings sentence and the robots' list of changes show these.
 */
export const CHANGE_FIELD_LABELS: Record<Language, Record<string, string>> = {
  en: {
    name: "App name",
    description: "Description",
    icon_url: "Icon",
    install_password: "Install password",
    version: "Version",
    build: "Build",
    notes: "Release notes",
  },
  "zh-CN": {
    name: "应用名称",
    description: "应用描述",
    icon_url: "应用图标",
    install_password: "安装密码",
    version: "版本号",
    build: "Build",
    notes: "更新说明",
  },
};

const CHANGES: Record<Language, Record<string, string>> = {
  en: { edited: "edited", hidden: "hidden", shown: "shown again", deleted: "deleted" },
  "zh-CN": { edited: "编辑", hidden: "隐藏", shown: "重新显示", deleted: "删除" },
};

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

/** The one human sentence of an event, in the webhook's language. */
export function eventMessage(type: EventType, facts: EventFacts, language: Language): string {
  const name = facts.app.name;
  const version = facts.version?.version ?? "";
  const build = facts.version?.build ?? "";
  const zh = language === "zh-CN";
  switch (type) {
    case "updateVersion":
      return zh
        ? `您的应用 ${name} 有新版本 (${version}) 更新。`
        : `Your App ${name} has a new version (${version}) update.`;
    case "versionChange": {
      const change = CHANGES[language][text(facts.data.change)] ?? text(facts.data.change);
      return zh
        ? `应用 ${name} 的版本 ${version} (build ${build}) 已${change}。`
        : `Version ${version} (build ${build}) of ${name} was ${change}.`;
    }
    case "feedback":
      return zh ? `您的应用 ${name} 收到了新的反馈。` : `Your App ${name} received new feedback.`;
    case "crashlog":
      return zh
        ? `您的应用 ${name} 有新的崩溃日志：${text(facts.data.exception)}`
        : `Your App ${name} has a new crash report: ${text(facts.data.exception)}`;
    case "settingsChange": {
      const changes = Array.isArray(facts.data.changes)
        ? (facts.data.changes as Array<{ field?: unknown }>)
        : [];
      const labels = CHANGE_FIELD_LABELS[language];
      const fields = changes.map((change) => labels[text(change.field)] ?? text(change.field)).join(", ");
      return zh ? `应用 ${name} 的设置已变更：${fields}。` : `The settings of ${name} changed: ${fields}.`;
    }
    case "appMigration":
      return zh
        ? `应用 ${name} 已从团队 ${text(facts.data.from_team)} 迁移到团队 ${text(facts.data.to_team)}。`
        : `${name} was moved from team ${text(facts.data.from_team)} to team ${text(facts.data.to_team)}.`;
    case "appDelete":
      return zh ? `应用 ${name} 已被删除。` : `${name} was deleted.`;
  }
}

/**
 * Where an event's `link` (and a robot message's link) leads: the app's page, or My Apps (/apps) for an
 * app that was deleted, whose page no longer exists.
 */
export function eventLink(type: EventType, appKey: string, baseUrl: string): string {
  const path = type === "appDelete" ? "/apps" : `/apps/${encodeURIComponent(appKey)}`;
  return new URL(path, baseUrl).toString();
}

/**
 * The docs/events.md#json-payload body of one event for one webhook's language, with its times written in
 * the team's payload time zone. `baseUrl` is the dashboard's public URL.
 */
export function buildGenericPayload(
  event: { id: string; type: EventType; facts: EventFacts },
  language: Language,
  baseUrl: string,
  timeZone: string,
): GenericPayload {
  const { facts } = event;
  return {
    action: EVENT_ACTIONS[language][event.type],
    title: facts.app.name,
    link: eventLink(event.type, facts.app.key, baseUrl),
    message: eventMessage(event.type, facts, language),
    type: event.type,
    os_version: facts.version?.version ?? "",
    build_version: facts.version?.build ?? "",
    created: formatInTimeZone(facts.subjectCreatedAt, timeZone),
    updated: formatInTimeZone(facts.subjectUpdatedAt, timeZone),
    timestamp: Math.floor(new Date(facts.occurredAt).getTime() / 1000),
    appsize: String(facts.version?.sizeBytes ?? 0),
    device_type: DEVICE_TYPES[facts.app.platform],
    notes: facts.notes,
    event_id: event.id,
    app_key: facts.app.key,
    data: facts.data,
    ...(facts.test ? { test: true as const } : {}),
  };
}
