import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ChatMarkdown } from "./chat-markdown";

const html = (text: string, markup: "markdown" | "mrkdwn" = "markdown") =>
  renderToStaticMarkup(createElement(ChatMarkdown, { text, markup }));

describe("ChatMarkdown (the preview's approximate chat rendering)", () => {
  it("renders headings, bold, quotes, lists, rules and http(s) links", () => {
    const out = html(
      "### Title\n> Version: **2.4**\n- one\n- two\n---\n[Open AppHooks](https://apphooks.example.com/apps/x)",
    );
    expect(out).toContain('<p class="text-base font-semibold">Title</p>');
    expect(out).toContain("<strong>2.4</strong>");
    expect(out).toContain("<li>one</li><li>two</li>");
    expect(out).toContain("<hr");
    expect(out).toContain('href="https://apphooks.example.com/apps/x"');
  });

  it("reads Slack's mrkdwn: *bold* and <url|label>", () => {
    const out = html("*Crash log*\n<https://apphooks.example.com/apps/x|Open in AppHooks>", "mrkdwn");
    expect(out).toContain("<strong>Crash log</strong>");
    expect(out).toContain('href="https://apphooks.example.com/apps/x"');
    expect(out).toContain(">Open in AppHooks</a>");
  });

  it("never makes markup of untrusted text, and never links other schemes", () => {
    const out = html("<img src=x onerror=alert(1)> &lt;script&gt;\n[click](javascript:alert(1))");
    expect(out).not.toContain("<img");
    expect(out).not.toContain("<script");
    expect(out).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(out).not.toContain("href");
    expect(out).toContain("click");
  });

  it("keeps code blocks as text", () => {
    const out = html("Stack:\n```\n0 CoreFoundation **x**\n```", "mrkdwn");
    expect(out).toContain("<pre");
    expect(out).toContain("0 CoreFoundation **x**");
  });
});
