import { NextIntlClientProvider } from "next-intl";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, test } from "vitest";
import en from "@/messages/en.json";
import zh from "@/messages/zh-CN.json";
import { DisabledReason } from "./disabled-reason";

const facts = { failures: 12, since: "2026-11-20T01:02:03.000Z", last: "HTTP 500" };
const at = "2026-11-25T04:05:06.000Z";

function render(locale: "en" | "zh-CN", props: Parameters<typeof DisabledReason>[0]) {
  return renderToStaticMarkup(
    createElement(NextIntlClientProvider, {
      locale,
      messages: locale === "en" ? en : zh,
      timeZone: "Asia/Shanghai",
      // biome-ignore lint/correctness/noChildrenProp: a .ts test has no JSX, and the provider's props require children
      children: createElement(DisabledReason, props),
    }),
  );
}

describe("the automatic disable's reason in the viewer's words", () => {
  test("Chinese, in the viewer's zone, with the answer's own words", () => {
    const html = render("zh-CN", { reason: "Turned off automatically …", facts, at });
    expect(html).toContain("自动关闭");
    expect(html).toContain("最近 12 次推送全部失败");
    expect(html).toContain("HTTP 500");
    expect(html).toContain("12:05:06"); // 04:05:06 UTC in Shanghai
    expect(html).not.toContain("Turned off");
  });

  test("English without a last answer; a reason stored before its facts is shown as it is", () => {
    const html = render("en", { reason: "old", facts: { ...facts, last: null }, at });
    expect(html).toContain("all of its last 12 delivery attempts failed");
    expect(html).not.toContain("(last:");
    expect(render("zh-CN", { reason: "Turned off automatically on …", facts: null, at })).toBe(
      "Turned off automatically on …",
    );
  });
});
