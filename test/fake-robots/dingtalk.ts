import { createHmac } from "node:crypto";
import {
  bytes,
  type Clock,
  type FakeRequest,
  FakeRobot,
  field,
  isJson,
  json,
  jsonBody,
  textOf,
  token,
  type Verdict,
} from "./server";

const MORE = "more: [https://open.dingtalk.com/document/robots/customize-robot-security-settings]";
const MINUTE = 60_000;

/**
 * A DingTalk (钉钉) custom group robot, from DingTalk's public documentation: "自定义机器人接入" and
 * "自定义机器人安全设置" (open.dingtalk.com/document/robots/custom-robot-access,
 * …/customize-robot-security-settings):
 * - POST https://oapi.dingtalk.com/robot/send?access_token=TOKEN, the body JSON in UTF-8.
 * - Security settings, one or more of: custom keywords (the message must contain at least one); a signature
 *   ("加签"): `timestamp` (ms, within an hour of DingTalk's time) and `sign` in the query, where
 *   sign = urlEncode(base64(HmacSHA256(key = secret, message = timestamp + "\n" + secret))); an IP allow-list
 *   (not modelled: every request here comes from 127.0.0.1).
 * - msgtype "text" (text.content) or "markdown" (markdown.title, markdown.text); link, actionCard and feedCard
 *   exist too but AppHooks does not send them.
 * - Each robot sends at most 20 messages a minute; beyond that it is throttled for 10 minutes.
 * - Always HTTP 200 with {"errcode":0,"errmsg":"ok"}, or errcode 310000 (a security check failed: keyword,
 *   signature, timestamp), 300005 (no robot has this token), 130101 (too fast), 43004 (not JSON), 40035 (a
 *   missing parameter).
 * The body limit of 20000 bytes (errcode 460101) is the one AppHooks assumes (docs/robots.md#size-limits); the
 * pages above do not state one. The pages document no de-duplication either: every accepted request is posted.
 */
export class FakeDingTalk extends FakeRobot {
  readonly service = "DingTalk";
  readonly token: string;
  readonly secret: string | null;
  readonly keywords: string[];
  /** Throttled until then, on the fake's clock (after a 21st message within a minute). */
  private blockedUntil = 0;

  constructor(
    options: {
      token?: string;
      secret?: string | null;
      keywords?: string[];
      clock?: Clock;
      rateLimit?: boolean;
    } = {},
  ) {
    super(options.clock ?? Date.now, options.rateLimit ? [{ max: 20, perMs: MINUTE }] : []);
    this.token = options.token ?? token("ding");
    this.secret = options.secret ?? null;
    this.keywords = options.keywords ?? [];
  }

  get path(): string {
    return `/robot/send?access_token=${this.token}`;
  }

  matches(url: URL): boolean {
    return url.pathname === "/robot/send";
  }

  /** Over the limit: throttled for the next 10 minutes, whatever is sent meanwhile. */
  protected overRate(now: number): boolean {
    if (now < this.blockedUntil) return true;
    if (!super.overRate(now)) return false;
    this.blockedUntil = now + 10 * MINUTE;
    return true;
  }

  protected rateLimited(): Verdict {
    return {
      answer: json(200, { errcode: 130101, errmsg: "send too fast, exceed 20 times per minute" }),
      posted: null,
      code: 130101,
    };
  }

  /** The documented signature, computed here from the documentation (base64, before URL-encoding). */
  static sign(secret: string, timestamp: string): string {
    return createHmac("sha256", Buffer.from(secret, "utf8"))
      .update(Buffer.from(`${timestamp}\n${secret}`, "utf8"))
      .digest("base64");
  }

  protected judge(request: FakeRequest): Verdict {
    const fail = (errcode: number, errmsg: string): Verdict => ({
      answer: json(200, { errcode, errmsg }),
      posted: null,
      code: errcode,
    });
    const query = request.url.searchParams;
    if (query.get("access_token") !== this.token) return fail(300005, "token is not exist");
    if (this.secret) {
      // searchParams decodes the URL-encoding: a "+" of the base64 sent unencoded arrives as a space.
      const timestamp = query.get("timestamp");
      const sign = query.get("sign");
      if (!timestamp || !sign) return fail(310000, `sign not match, ${MORE}`);
      if (!/^\d{13}$/.test(timestamp) || Math.abs(request.at - Number(timestamp)) > 60 * MINUTE) {
        return fail(310000, `invalid timestamp, ${MORE}`);
      }
      if (sign !== FakeDingTalk.sign(this.secret, timestamp)) return fail(310000, `sign not match, ${MORE}`);
    }
    if (!isJson(request)) return fail(43004, "无效的HTTP HEADER Content-Type");
    const body = jsonBody(request.body);
    if (!body) return fail(40035, "缺少参数 json");
    let content: string;
    const type = textOf(body, "msgtype");
    if (type === "markdown") {
      const title = textOf(field(body, "markdown"), "title");
      const markdownText = textOf(field(body, "markdown"), "text");
      if (!title) return fail(40035, "缺少参数 title");
      if (!markdownText) return fail(40035, "缺少参数 text");
      content = `${title}\n${markdownText}`;
    } else if (type === "text") {
      const textContent = textOf(field(body, "text"), "content");
      if (!textContent) return fail(40035, "缺少参数 content");
      content = textContent;
    } else {
      return fail(40035, "缺少参数 msgtype");
    }
    if (this.keywords.length > 0 && !this.keywords.some((keyword) => content.includes(keyword))) {
      return fail(310000, `keywords not in content, ${MORE}`);
    }
    if (bytes(request.body) > 20_000) return fail(460101, "message too long, exceed 20000 bytes");
    return { answer: json(200, { errcode: 0, errmsg: "ok" }), posted: body, code: 0 };
  }
}
