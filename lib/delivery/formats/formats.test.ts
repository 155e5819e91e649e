import { describe, expect, test } from "vitest";
import { EVENT_TYPES, type EventType, LANGUAGES } from "@/lib/domain/event-catalog";
import type { EventFacts } from "@/lib/domain/event-facts";
import { EVENT_ACTIONS } from "@/lib/events/payload";
import { FIXED_APP, FIXED_TIME, fixedFacts } from "@/test/robot-fixtures";
import { dingtalkSign, dingtalkSignedUrl } from "./dingtalk";
import { buildMessage, ROBOT_FORMATS, type RobotType } from "./index";
import { larkSign } from "./lark";
import { utf8Length } from "./truncate";

const BASE_URL = "https://apphooks.example.test";
const TYPES = Object.keys(ROBOT_FORMATS) as RobotType[];

function facts(type: EventType, change: Partial<EventFacts> = {}): EventFacts {
  return {
    ...fixedFacts(type),
    app: { ...FIXED_APP },
    occurredAt: FIXED_TIME.toISOString(),
    ...change,
  };
}

function build(
  type: RobotType,
  event: EventType,
  language: "en" | "zh-CN",
  change: Partial<EventFacts> = {},
) {
  return ROBOT_FORMATS[type].build({
    message: buildMessage({ type: event, facts: facts(event, change) }, language, BASE_URL, "UTC"),
    url: "https://robot.example.test/hook?key=k",
    secret: type === "dingtalk" ? "SECsecret" : type === "lark" ? "larksecret" : null,
    deliveryId: "3f7c1c0e-1b2a-4c5d-8e9f-0a1b2c3d4e5f",
    now: FIXED_TIME,
  });
}

const bytes = (value: unknown) => utf8Length(typeof value === "string" ? value : JSON.stringify(value));

/** Each service's limits, measured the way the service counts (docs/robots.md#size-limits). */
function withinLimits(type: RobotType, body: Record<string, unknown>): void {
  switch (type) {
    case "wecom":
      expect(bytes((body.markdown as { content: string }).content)).toBeLessThanOrEqual(4096);
      break;
    case "dingtalk":
    case "lark":
      expect(bytes(body)).toBeLessThanOrEqual(20_000);
      break;
    case "teams":
      expect(bytes(body)).toBeLessThanOrEqual(28_000);
      break;
    case "slack":
      for (const block of body.blocks as Array<{
        text?: { text: string };
        fields?: Array<{ text: string }>;
      }>) {
        if (block.text) expect(bytes(block.text.text)).toBeLessThanOrEqual(3000);
        for (const field of block.fields ?? []) expect(bytes(field.text)).toBeLessThanOrEqual(2000);
      }
      break;
    case "discord": {
      const [embed] = body.embeds as Array<{
        title: string;
        description: string;
        fields: Array<{ name: string; value: string }>;
        footer: { text: string };
      }>;
      if (!embed) throw new Error("no embed");
      expect(bytes(embed.title)).toBeLessThanOrEqual(256);
      expect(bytes(embed.description)).toBeLessThanOrEqual(4096);
      const total =
        bytes(embed.title) +
        bytes(embed.description) +
        bytes(embed.footer.text) +
        embed.fields.reduce((sum, field) => sum + bytes(field.name) + bytes(field.value), 0);
      expect(total).toBeLessThanOrEqual(6000);
      for (const field of embed.fields) expect(bytes(field.value)).toBeLessThanOrEqual(1024);
      break;
    }
  }
}

describe("robot messages", () => {
  test.each(
    TYPES.flatMap((type) => EVENT_TYPES.flatMap((event) => LANGUAGES.map((l) => [type, event, l] as const))),
  )("%s %s %s: title keywords, the sentence, the link; not truncated", (type, event, language) => {
    const built = build(type, event, language);
    const serialised = JSON.stringify(built.body);
    expect(serialised).toContain("AppHooks");
    expect(serialised).toContain(FIXED_APP.name);
    // The keyword Pgyer's guide has users register (docs/robots.md#keywords), in every event's message.
    expect(serialised).toContain(language === "zh-CN" ? "应用" : "Application");
    expect(serialised).toContain(EVENT_ACTIONS[language][event]);
    expect(serialised).toContain(BASE_URL);
    expect(built.truncated).toBe(false);
    withinLimits(type, built.body as Record<string, unknown>);
  });

  test("the time is written in the team's payload time zone, which the message names", () => {
    const time = (language: "en" | "zh-CN", zone: string) =>
      buildMessage({ type: "feedback", facts: facts("feedback") }, language, BASE_URL, zone).facts.at(-1);
    expect(time("en", "UTC")).toEqual({ label: "Time", value: "2025-06-01 08:30:00 UTC" });
    expect(time("zh-CN", "Asia/Shanghai")).toEqual({
      label: "时间",
      value: "2025-06-01 16:30:00 Asia/Shanghai",
    });
  });

  test("the link of an app deletion leads to My Apps; the others to the app's page", () => {
    for (const event of EVENT_TYPES) {
      const { link } = buildMessage({ type: event, facts: facts(event) }, "en", BASE_URL, "UTC");
      expect(link.url).toBe(event === "appDelete" ? `${BASE_URL}/apps` : `${BASE_URL}/apps/${FIXED_APP.key}`);
    }
  });

  const huge = `${"崩溃日志 😀 e\u0301 堆栈帧 <b>&amp;</b>\n".repeat(1500)}END`; // ~60 KB

  test.each(
    TYPES.flatMap((type) =>
      (["updateVersion", "feedback", "crashlog"] as const).map((e) => [type, e] as const),
    ),
  )("%s %s: 60 KB of notes are cut to the limit, marked, never inside a character", (type, event) => {
    for (const language of LANGUAGES) {
      const built = build(type, event, language, { notes: huge });
      expect(built.truncated).toBe(true);
      const serialised = JSON.stringify(built.body);
      expect(serialised).toContain(language === "en" ? "… (truncated)" : "…（已截断）");
      expect(serialised).not.toContain("\uFFFD");
      expect(serialised).not.toContain("END");
      expect(serialised).toContain(
        language === "en" ? "Open OooPlay in AppHooks" : "在 AppHooks 中打开应用 OooPlay",
      );
      withinLimits(type, built.body as Record<string, unknown>);
    }
  });

  test.each(TYPES)("%s: a 300-character Chinese app name and a 500-character exception still fit", (type) => {
    const built = build(type, "crashlog", "zh-CN", {
      app: { ...FIXED_APP, name: "超长应用名称".repeat(50) },
      notes: "崩".repeat(20_000),
      data: { exception: "异常".repeat(250), device: "设备".repeat(300), occurrences: 1 },
    });
    withinLimits(type, built.body as Record<string, unknown>);
    expect(JSON.stringify(built.body)).toContain("AppHooks 应用通知");
  });

  test("user text never mentions anyone: Slack, Lark and WeCom mention syntax is neutralised", () => {
    const notes = "<!channel> <!everyone> <@U024BE7LH> <at id=all></at> <@all> @everyone";
    const body = (type: RobotType) => JSON.stringify(build(type, "feedback", "en", { notes }).body);
    expect(body("slack")).not.toMatch(/<!channel>|<!everyone>|<@U024BE7LH>/);
    expect(body("slack")).toContain("&lt;!channel&gt;");
    expect(body("lark")).not.toContain("<at id=all>");
    expect(body("lark")).toContain("&lt;at id=all&gt;");
    expect(body("wecom")).not.toContain("<@all>");
    expect(build("discord", "feedback", "en", { notes }).body).toMatchObject({
      allowed_mentions: { parse: [] },
    });
  });
});

describe("signing (docs/robots.md#signing), against vectors computed independently", () => {
  const secret = "SEC6c2b1f0e9d8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e";

  test("DingTalk: base64(HMAC-SHA256(secret, timestamp_ms + \\n + secret)), URL-encoded in the query", () => {
    expect(dingtalkSign(secret, 1748766600000)).toBe("+le4bcEkpAiY2t9xONtqPG8fizbHQ73T0R3oXFX3bEo=");
    expect(
      dingtalkSignedUrl("https://oapi.dingtalk.com/robot/send?access_token=abc", secret, 1748766600000),
    ).toBe(
      "https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1748766600000&sign=%2Ble4bcEkpAiY2t9xONtqPG8fizbHQ73T0R3oXFX3bEo%3D",
    );
    // An earlier timestamp/sign in the configured URL is replaced, not duplicated.
    expect(
      dingtalkSignedUrl(
        "https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1&sign=x",
        secret,
        1748766600000,
      ),
    ).toMatch(/\?access_token=abc&timestamp=1748766600000&sign=%2Ble4/);
  });

  test("Lark/Feishu: base64(HMAC-SHA256(key = timestamp_s + \\n + secret, empty message)), in the body", () => {
    expect(larkSign("qR7wXy2mZk9pLs4tVb6nHc", 1748766600)).toBe(
      "3SMv7GrdeSpA+m4wQAIeJI8avWLmPF+9Mk0vWce7HqE=",
    );
    const built = ROBOT_FORMATS.lark.build({
      message: buildMessage({ type: "feedback", facts: facts("feedback") }, "en", BASE_URL, "UTC"),
      url: "https://open.feishu.cn/open-apis/bot/v2/hook/t",
      secret: "qR7wXy2mZk9pLs4tVb6nHc",
      deliveryId: "d",
      now: new Date(1748766600_400),
    });
    expect(built.body).toMatchObject({
      timestamp: "1748766600",
      sign: "3SMv7GrdeSpA+m4wQAIeJI8avWLmPF+9Mk0vWce7HqE=",
    });
    expect(built.recordedBody).toMatchObject({ timestamp: "1748766600", sign: "••••" });
  });

  test("no secret: no signature", () => {
    const message = buildMessage({ type: "feedback", facts: facts("feedback") }, "en", BASE_URL, "UTC");
    const input = { message, secret: null, deliveryId: "d", now: FIXED_TIME };
    const url = "https://oapi.dingtalk.com/robot/send?access_token=abc";
    expect(ROBOT_FORMATS.dingtalk.build({ ...input, url }).url).toBe(url);
    expect(ROBOT_FORMATS.lark.build({ ...input, url }).body).not.toHaveProperty("sign");
  });

  test("DingTalk's msgUuid is the delivery's id on every attempt", () => {
    expect(build("dingtalk", "feedback", "en").body).toMatchObject({
      msgUuid: "3f7c1c0e-1b2a-4c5d-8e9f-0a1b2c3d4e5f",
    });
  });
});
