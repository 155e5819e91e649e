import { describe, expect, test } from "vitest";
import type { WebhookType } from "@/lib/domain/webhook-types";
import { judgeAnswer } from "./index";

const NOW = Date.parse("2025-06-01T12:00:00Z");

function answer(status: number, body: unknown = "", headers: Record<string, string> = {}) {
  return {
    outcome: { kind: "response", status, headers } as const,
    body: typeof body === "string" ? body : JSON.stringify(body),
  };
}

const verdict = (type: WebhookType, status: number, body?: unknown, headers?: Record<string, string>) =>
  judgeAnswer(type, answer(status, body, headers), NOW);

describe("judging robot answers (docs/robots.md#judging): errcode / code / StatusCode, not only HTTP", () => {
  test.each([
    ["wecom", 200, { errcode: 0, errmsg: "ok" }],
    ["dingtalk", 200, { errcode: 0, errmsg: "ok" }],
    ["lark", 200, { code: 0, msg: "success", data: {} }],
    ["lark", 200, { Extra: null, StatusCode: 0, StatusMessage: "success" }],
    ["slack", 200, "ok"],
    ["discord", 204, ""],
    ["discord", 200, { id: "1" }],
    ["teams", 202, ""],
    ["teams", 200, ""],
  ] as const)("%s %i %j is a success", (type, status, body) => {
    expect(verdict(type, status, body)).toEqual({ kind: "success" });
  });

  test.each([
    [
      "wecom",
      200,
      { errcode: 93000, errmsg: "invalid webhook url" },
      /^WeCom rejected the message: invalid webhook url \(errcode 93000\) — the key in the URL is wrong/,
    ],
    [
      "wecom",
      200,
      { errcode: 40058, errmsg: "markdown.content exceed max length 4096" },
      /\(errcode 40058\) — the message is longer/,
    ],
    [
      "wecom",
      200,
      "<html>proxy</html>",
      /^WeCom rejected the message: an answer without errcode \(<html>proxy<\/html>\)/,
    ],
    ["wecom", 204, "", /^WeCom rejected the message: HTTP 204 without the expected answer/],
    [
      "dingtalk",
      200,
      { errcode: 300001, errmsg: "token is not exist" },
      /\(errcode 300001\) — the access_token in the URL is wrong/,
    ],
    [
      "dingtalk",
      200,
      { errcode: 310000, errmsg: "keywords not in content" },
      /^DingTalk rejected the message: keywords not in content \(errcode 310000\) — add the keyword “Application” \(or “应用” for Chinese messages\) in the robot's security settings$/,
    ],
    [
      "dingtalk",
      200,
      { errcode: 310000, errmsg: "sign not match" },
      /— the Secret of this webhook does not match the robot's signing secret \(SEC…\)/,
    ],
    [
      "dingtalk",
      200,
      { errcode: 310000, errmsg: "ip 1.2.3.4 not in whitelist" },
      /— this server's address is not in the robot's IP allow-list/,
    ],
    [
      "dingtalk",
      200,
      { errcode: 310000, errmsg: "invalid timestamp" },
      /— DingTalk refused the signature's time/,
    ],
    ["dingtalk", 200, { errcode: 460101, errmsg: "message too long" }, /\(errcode 460101\)/],
    [
      "lark",
      200,
      { code: 19001, msg: "param invalid: incoming webhook access token invalid" },
      /^Lark\/Feishu rejected the message: .* \(code 19001\) — the token in the URL is wrong/,
    ],
    [
      "lark",
      200,
      { code: 19021, msg: "sign match fail" },
      /\(code 19021\) — the Secret of this webhook does not match/,
    ],
    [
      "lark",
      200,
      { code: 19022, msg: "Ip Not Allowed" },
      /\(code 19022\) — this server's address is not in the bot's IP allow-list/,
    ],
    [
      "lark",
      200,
      { code: 19024, msg: "Key Words Not Found" },
      /\(code 19024\) — add the keyword “Application”/,
    ],
    ["lark", 400, { code: 230025, msg: "too long" }, /\(code 230025\)$/],
    ["lark", 200, { StatusCode: 0, code: 19024, msg: "Key Words Not Found" }, /\(code 19024\)/],
    [
      "slack",
      403,
      "invalid_token",
      /^Slack rejected the message: invalid_token \(HTTP 403\) — the webhook URL was revoked/,
    ],
    ["slack", 404, "no_service", /no_service \(HTTP 404\) — the webhook URL is wrong or was revoked/],
    [
      "slack",
      410,
      "channel_is_archived",
      /channel_is_archived \(HTTP 410\) — the webhook's channel is archived/,
    ],
    ["slack", 400, "invalid_blocks", /^Slack rejected the message: invalid_blocks \(HTTP 400\)$/],
    [
      "discord",
      404,
      { message: "Unknown Webhook", code: 10015 },
      /^Discord rejected the message: Unknown Webhook \(code 10015\) \(HTTP 404\) — the webhook was deleted/,
    ],
    [
      "discord",
      401,
      { message: "Invalid Webhook Token", code: 50027 },
      /Invalid Webhook Token \(code 50027\) \(HTTP 401\) — the token part/,
    ],
    [
      "teams",
      401,
      { error: { code: "DirectApiAuthorizationRequired", message: "Not allowed." } },
      /^Microsoft Teams rejected the message: Not allowed\. \(DirectApiAuthorizationRequired\) \(HTTP 401\) — the workflow URL is wrong/,
    ],
    ["teams", 413, "", /^Microsoft Teams rejected the message: HTTP 413$/],
    ["json", 404, "", /^HTTP 404$/],
  ] as const)("%s %i %j fails fast: %s", (type, status, body, reason) => {
    const result = verdict(type, status, body);
    expect(result.kind).toBe("fail");
    expect(result.kind === "fail" && result.reason).toMatch(reason);
  });

  test.each([
    ["wecom", 200, { errcode: 45009, errmsg: "api freq out of limit" }, {}, 60_000, 60_000],
    ["wecom", 200, { errcode: 45033, errmsg: "api concurrent out of limit" }, {}, 60_000, 60_000],
    ["dingtalk", 200, { errcode: 130101, errmsg: "send too fast" }, {}, 600_000, 600_000],
    ["lark", 400, { code: 9499, msg: "too many request" }, {}, 10_000, 10_000],
    ["lark", 200, { code: 11232, msg: "frequency limited" }, { "retry-after": "3" }, 60_000, 3000],
    ["slack", 429, "rate_limited", { "retry-after": "30" }, 30_000, 30_000],
    ["slack", 429, "rate_limited", {}, 1000, 1000],
    [
      "discord",
      429,
      { message: "You are being rate limited.", retry_after: 0.345, global: false },
      { "retry-after": "1" },
      345,
      345,
    ],
    ["discord", 429, "", { "retry-after": "2" }, 2000, 2000],
    [
      "teams",
      429,
      { error: { code: "Throttled", message: "Slow down" } },
      { "retry-after": "5" },
      5000,
      5000,
    ],
  ] as const)(
    "%s %i %j asks to slow down: retried, the robot paused",
    (type, status, body, headers, pauseMs, retryAfterMs) => {
      expect(verdict(type, status, body, headers)).toMatchObject({
        kind: "retry",
        reason: expect.stringContaining("asked to slow down"),
        pauseMs,
        retryAfterMs,
      });
    },
  );

  test.each([
    ["wecom", 200, { errcode: -1, errmsg: "system busy" }],
    ["dingtalk", 200, { errcode: -1, errmsg: "system busy" }],
    ["wecom", 502, ""],
    ["dingtalk", 503, ""],
    ["lark", 500, { code: 1, msg: "internal error" }],
    ["slack", 500, "internal_error"],
    ["discord", 502, ""],
    ["teams", 504, ""],
    ["teams", 408, ""],
  ] as const)("%s %i %j is temporary: retried on the schedule", (type, status, body) => {
    expect(verdict(type, status, body)).toMatchObject({ kind: "retry", retryAfterMs: null });
  });

  test("connection errors and timeouts are retried; refused addresses fail, for robots as for JSON", () => {
    for (const type of ["dingtalk", "slack", "json"] as const) {
      expect(
        judgeAnswer(
          type,
          { outcome: { kind: "error", error: "timeout", message: "Timed out" }, body: null },
          NOW,
        ),
      ).toMatchObject({ kind: "retry" });
      expect(
        judgeAnswer(
          type,
          { outcome: { kind: "error", error: "blocked", message: "private" }, body: null },
          NOW,
        ),
      ).toEqual({ kind: "fail", reason: "private" });
    }
  });
});
