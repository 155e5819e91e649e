import { describe, expect, test } from "vitest";
import { EVENT_TYPES, type EventType } from "@/lib/domain/event-catalog";
import type { EventFacts } from "@/lib/domain/event-facts";
import { FIXED_APP, FIXED_TIME, fixedFacts } from "@/test/robot-fixtures";
import { buildGenericPayload } from "./payload";

const BASE_URL = "https://apphooks.example.test";

function payload(
  type: EventType,
  language: "en" | "zh-CN",
  timeZone = "UTC",
  change: Partial<EventFacts> = {},
) {
  const facts: EventFacts = {
    ...fixedFacts(type),
    app: { ...FIXED_APP },
    occurredAt: FIXED_TIME.toISOString(),
    ...change,
  };
  return buildGenericPayload({ id: "evt_x", type, facts }, language, BASE_URL, timeZone);
}

describe("JSON payload (docs/events.md#json-payload)", () => {
  test("action: Pgyer's wording of each event, in English and in Chinese", () => {
    const actions = (language: "en" | "zh-CN") =>
      Object.fromEntries(EVENT_TYPES.map((type) => [type, payload(type, language).action]));
    expect(actions("en")).toEqual({
      updateVersion: "App Update",
      versionChange: "Version Management",
      feedback: "App Feedback",
      crashlog: "Crash log",
      settingsChange: "App Settings",
      appMigration: "App Migration",
      appDelete: "App Deletion",
    });
    expect(actions("zh-CN")).toEqual({
      updateVersion: "应用更新",
      versionChange: "版本变动",
      feedback: "应用反馈",
      crashlog: "崩溃日志",
      settingsChange: "App 设置变动",
      appMigration: "迁移应用",
      appDelete: "删除应用",
    });
  });

  test("created and updated in the team's zone (Pgyer's sample, China time); timestamp stays Unix seconds", () => {
    const pgyer = {
      occurredAt: new Date(1444361118 * 1000).toISOString(),
      subjectCreatedAt: "2015-10-09T03:25:16.000Z",
      subjectUpdatedAt: "2015-10-09T03:25:16.000Z",
    };
    const china = payload("updateVersion", "zh-CN", "Asia/Shanghai", pgyer);
    expect(china).toMatchObject({ created: "2015-10-09 11:25:16", updated: "2015-10-09 11:25:16" });
    expect(china.timestamp).toBe(1444361118);
    const utc = payload("updateVersion", "en", "UTC", pgyer);
    expect(utc).toMatchObject({ created: "2015-10-09 03:25:16", updated: "2015-10-09 03:25:16" });
    expect(utc.timestamp).toBe(1444361118);
  });

  test("the settings sentence names fields by their labels in the webhook's language; data keeps the codes", () => {
    const changes = [
      { field: "description", from: "a", to: "b" },
      { field: "install_password", from: null, to: "(set)" },
    ];
    const change = { data: { changes } };
    expect(payload("settingsChange", "en", "UTC", change).message).toBe(
      "The settings of OooPlay changed: Description, Install password.",
    );
    const zh = payload("settingsChange", "zh-CN", "UTC", change);
    expect(zh.message).toBe("应用 OooPlay 的设置已变更：应用描述, 安装密码。");
    expect(zh.data).toEqual({ changes });
  });

  test("link: the app's page; for an app deletion, My Apps (the app's page no longer exists)", () => {
    for (const type of EVENT_TYPES) {
      expect(payload(type, "en").link).toBe(
        type === "appDelete" ? `${BASE_URL}/apps` : `${BASE_URL}/apps/${FIXED_APP.key}`,
      );
    }
  });
});
