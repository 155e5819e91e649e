import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { EventType, Language } from "@/lib/domain/event-catalog";
import type { EventFacts } from "@/lib/domain/event-facts";
import {
  FakeDingTalk,
  FakeDiscord,
  FakeLark,
  type FakeRobot,
  FakeSlack,
  FakeTeams,
  FakeWeCom,
  fakeRobots,
} from "@/test/fake-robots";
import { FIXED_APP, FIXED_TIME, fixedFacts } from "@/test/robot-fixtures";
import { buildDigestMessage, type DigestItem, digestLink } from "./digest";
import { ROBOT_FORMATS, type RobotType } from "./index";

const BASE_URL = "https://apphooks.example.test";
const WEBHOOK_ID = "5f0c3c1e-8a4b-4b7e-9d2a-1c3e5f7a9b0d";
const DING_SECRET = "SECdigestsecret";
const LARK_SECRET = "larkdigestsecret";
const TYPES = Object.keys(ROBOT_FORMATS) as RobotType[];
const LANGUAGES: Language[] = ["en", "zh-CN"];

function item(type: EventType, i: number, change: Partial<EventFacts> = {}): DigestItem {
  return {
    type,
    facts: {
      ...fixedFacts(type),
      app: { ...FIXED_APP },
      occurredAt: new Date(FIXED_TIME.getTime() + i * 1000).toISOString(),
      ...change,
    },
  };
}

/** 500 crash reports: 30 exceptions (some long and hostile), 60 versions, Chinese logs. */
function crashes(): DigestItem[] {
  const base = fixedFacts("crashlog");
  return Array.from({ length: 500 }, (_, i) =>
    item("crashlog", i, {
      version: base.version ? { ...base.version, version: `3.${i % 60}.0-长版本号-${"x".repeat(20)}` } : null,
      notes: `空指针异常 ${i}\n${"堆栈 ".repeat(400)}`,
      data: {
        ...base.data,
        exception:
          i % 30 === 0
            ? `@all <at id=all></at> [x](http://evil.example) ${"VeryLongExceptionName".repeat(20)}`
            : `Exception${i % 30} 异常`,
      },
    }),
  );
}

function message(items: DigestItem[], type: EventType, language: Language) {
  return buildDigestMessage({
    items,
    type,
    language,
    timeZone: "Asia/Shanghai",
    link: digestLink(BASE_URL, FIXED_APP.key, WEBHOOK_ID),
  });
}

describe("digest messages", () => {
  const robots = fakeRobots();
  const fakes = new Map<string, FakeRobot & { url: string }>();

  beforeAll(async () => {
    for (const language of LANGUAGES) {
      const keywords = [language === "en" ? "Application" : "应用"];
      const made: Record<RobotType, FakeRobot> = {
        wecom: new FakeWeCom(),
        dingtalk: new FakeDingTalk({ secret: DING_SECRET, keywords }),
        lark: new FakeLark({ secret: LARK_SECRET, keywords }),
        slack: new FakeSlack(),
        discord: new FakeDiscord(),
        teams: new FakeTeams(),
      };
      for (const type of TYPES) fakes.set(`${type}/${language}`, await robots.add(made[type]));
    }
  });
  afterAll(() => robots.close());

  test("the facts: count, time span, versions, top exceptions with their counts, the delivery log's link", () => {
    const items = [0, 1, 2, 3, 4, 5].map((i) =>
      item("crashlog", i, {
        version: {
          ...(fixedFacts("crashlog").version as NonNullable<EventFacts["version"]>),
          version: i < 4 ? "2.4" : "2.3",
        },
        data: { exception: i < 3 ? "NSInvalidArgumentException" : i < 5 ? "EXC_BAD_ACCESS" : "" },
        notes: i === 5 ? "\n  SIGABRT in main\nframe 2" : "",
      }),
    );
    const en = message(items, "crashlog", "en");
    expect(en.title).toBe("AppHooks Application Notice · OooPlay · Crash log · Digest of 6 crash reports");
    expect(en.facts).toEqual([
      { label: "Events", value: "6" },
      { label: "First", value: "2025-06-01 16:30:00 Asia/Shanghai" },
      { label: "Last", value: "2025-06-01 16:30:05 Asia/Shanghai" },
      { label: "Versions", value: "2.4 (build 139) × 4, 2.3 (build 139) × 2" },
      { label: "Platform", value: "iOS" },
    ]);
    expect(en.notes).toEqual({
      label: "Top exceptions",
      text: "3 × NSInvalidArgumentException\n2 × EXC_BAD_ACCESS\n1 × SIGABRT in main",
      code: false,
    });
    expect(en.link).toEqual({
      label: "Open the delivery log in AppHooks",
      url: `${BASE_URL}/apps/${FIXED_APP.key}/settings/webhooks/${WEBHOOK_ID}/deliveries`,
    });
    const zh = message(items, "crashlog", "zh-CN");
    expect(zh.title).toContain("AppHooks 应用通知 · OooPlay · ");
    expect(zh.title).toContain("汇总 6 条崩溃报告");
    expect(zh.facts.map((fact) => fact.label)).toEqual(["事件数", "最早", "最近", "版本", "平台"]);
    expect(zh.notes?.text).toBe("3 次 NSInvalidArgumentException\n2 次 EXC_BAD_ACCESS\n1 次 SIGABRT in main");
    expect(zh.sentence).toContain("6 条崩溃报告");
  });

  test("feedback: the first lines of the latest items, newest first", () => {
    const items = Array.from({ length: 8 }, (_, i) =>
      item("feedback", i, { notes: `Feedback ${i} first line\nsecond line ${i}` }),
    );
    const en = message(items, "feedback", "en");
    expect(en.title).toContain("Digest of 8 feedback items");
    expect(en.notes).toEqual({
      label: "Latest",
      text: [7, 6, 5, 4, 3].map((i) => `Feedback ${i} first line`).join("\n"),
      code: false,
    });
    expect(message(items, "feedback", "zh-CN").notes?.label).toBe("最新");
  });

  for (const language of LANGUAGES) {
    test(`every robot accepts a 500-event digest in ${language}: within its limits, with its keyword`, async () => {
      for (const type of TYPES) {
        const fake = fakes.get(`${type}/${language}`) as FakeRobot & { url: string };
        for (const [event, items] of [
          ["crashlog", crashes()],
          [
            "feedback",
            Array.from({ length: 500 }, (_, i) =>
              item("feedback", i, { notes: `${"反馈".repeat(300)} ${i}` }),
            ),
          ],
        ] as const) {
          const built = ROBOT_FORMATS[type].build({
            message: message([...items], event, language),
            url: fake.url,
            secret: type === "dingtalk" ? DING_SECRET : type === "lark" ? LARK_SECRET : null,
            deliveryId: "3f7c1c0e-1b2a-4c5d-8e9f-0a1b2c3d4e5f",
            now: new Date(),
          });
          const response = await fetch(built.url, {
            method: "POST",
            headers: { "Content-Type": "application/json; charset=utf-8" },
            body: JSON.stringify(built.body),
          });
          expect(response.status, `${type} ${event}`).toBeLessThan(300);
          const body = JSON.stringify(built.body);
          expect(body).toContain(language === "en" ? "Application" : "应用");
          expect(body).toContain("AppHooks");
          expect(body).not.toContain("\uFFFD");
          // Hostile exception names cannot mention anyone, nor form a link where markdown links exist
          // (Slack's links are <url|text>, Discord's brackets are escaped: docs/robots.md#untrusted-text).
          expect(body).not.toContain("@all");
          if (type === "lark") expect(body).not.toContain("<at id=all>");
          if (type !== "slack" && type !== "discord") expect(body).not.toContain("](http://evil");
        }
        expect(fake.rejected, type).toEqual([]);
        expect(fake.posted, type).toHaveLength(2);
      }
    });
  }
});
