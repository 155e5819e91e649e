import { createHmac } from "node:crypto";
import {
  bytes,
  type Clock,
  type FakeRequest,
  FakeRobot,
  field,
  json,
  jsonBody,
  textOf,
  token,
  type Verdict,
} from "./server";

/**
 * A Lark/Feishu (飞书) custom bot, from Lark's public documentation: "自定义机器人使用指南" / "Use custom bots in
 * a group" (open.feishu.cn/document/client-docs/bot-v3/add-custom-bot) and the message card (JSON 1.0)
 * structure (open.feishu.cn/document/common-capabilities/message-card):
 * - POST https://open.feishu.cn/open-apis/bot/v2/hook/TOKEN with a JSON body of at most 20 KB (here: 20000
 *   bytes, the stricter reading).
 * - Security settings, one or more of: custom keywords (the message must contain one); signature verification:
 *   "timestamp" (seconds, a string, within an hour of Lark's time) and "sign" at the top level of the body, where
 *   sign = base64(HmacSHA256(key = timestamp + "\n" + secret, message = empty)) — key and message are not those
 *   of DingTalk; an IP allow-list (not modelled).
 * - msg_type "text" (content.text) or "interactive" (card: a header whose title has tag plain_text, and elements
 *   each with a tag: div with text or fields of tag plain_text/lark_md, markdown with content, hr, note,
 *   action with buttons).
 * - 100 messages a minute and 5 a second per bot, then code 11232.
 * - Answers {"code":0,"data":{},"msg":"success"} with the older fields "Extra", "StatusCode", "StatusMessage"
 *   kept beside them (bots of before that answer only the older fields: `legacy`); errors are {"code":…,"data":{},
 *   "msg":…}: 19001 wrong token, 19021 signature or timestamp, 19024 keyword not found, 9499 Bad Request (a
 *   body that is not one of the documented shapes, or too large; with HTTP 400).
 */
export class FakeLark extends FakeRobot {
  readonly service = "Lark";
  readonly token: string;
  readonly secret: string | null;
  readonly keywords: string[];
  readonly legacy: boolean;

  constructor(
    options: {
      token?: string;
      secret?: string | null;
      keywords?: string[];
      legacy?: boolean;
      clock?: Clock;
      rateLimit?: boolean;
    } = {},
  ) {
    super(
      options.clock ?? Date.now,
      options.rateLimit
        ? [
            { max: 5, perMs: 1000 },
            { max: 100, perMs: 60_000 },
          ]
        : [],
    );
    this.token = options.token ?? token("lark-");
    this.secret = options.secret ?? null;
    this.keywords = options.keywords ?? [];
    this.legacy = options.legacy ?? false;
  }

  get path(): string {
    return `/open-apis/bot/v2/hook/${this.token}`;
  }

  matches(url: URL): boolean {
    return url.pathname.startsWith("/open-apis/bot/v2/hook/");
  }

  protected rateLimited(): Verdict {
    return {
      answer: json(200, {
        code: 11232,
        data: {},
        msg: "frequency limited psm[lark.oapi.app_platform_runtime]",
      }),
      posted: null,
      code: 11232,
    };
  }

  /** The documented signature, computed here from the documentation. */
  static sign(secret: string, timestamp: string): string {
    return createHmac("sha256", Buffer.from(`${timestamp}\n${secret}`, "utf8"))
      .update(Buffer.alloc(0))
      .digest("base64");
  }

  protected judge(request: FakeRequest): Verdict {
    const fail = (code: number, msg: string, status = 200): Verdict => ({
      answer: json(status, { code, data: {}, msg }),
      posted: null,
      code,
    });
    const badRequest = () => fail(9499, "Bad Request", 400);
    if (request.url.pathname !== this.path) {
      return fail(19001, "param invalid: incoming webhook access token invalid");
    }
    const body = jsonBody(request.body);
    if (!body || bytes(request.body) > 20_000) return badRequest();
    if (this.secret) {
      const timestamp = textOf(body, "timestamp");
      const sign = textOf(body, "sign");
      if (
        !timestamp ||
        !sign ||
        !/^\d{10}$/.test(timestamp) ||
        Math.abs(request.at / 1000 - Number(timestamp)) > 3600 ||
        sign !== FakeLark.sign(this.secret, timestamp)
      ) {
        return fail(19021, "sign match fail or timestamp is not within one hour from current time");
      }
    }
    let texts: string[];
    if (body.msg_type === "text") {
      const content = textOf(field(body, "content"), "text");
      if (!content) return badRequest();
      texts = [content];
    } else if (body.msg_type === "interactive") {
      const found = cardTexts(field(body, "card"));
      if (!found) return badRequest();
      texts = found;
    } else {
      return badRequest();
    }
    if (this.keywords.length > 0) {
      const all = texts.join("\n");
      if (!this.keywords.some((keyword) => all.includes(keyword))) return fail(19024, "Key Words Not Found");
    }
    const success = this.legacy
      ? { Extra: null, StatusCode: 0, StatusMessage: "success" }
      : { Extra: null, StatusCode: 0, StatusMessage: "success", code: 0, data: {}, msg: "success" };
    return { answer: json(200, success), posted: body, code: 0 };
  }
}

const TEXT_TAGS = ["plain_text", "lark_md"];

/** A text object of a card: its content, or null when it is not one. */
function cardText(value: unknown, tags = TEXT_TAGS): string | null {
  const tag = textOf(value, "tag");
  const content = textOf(value, "content");
  return tag && tags.includes(tag) && content !== undefined ? content : null;
}

/** Every text a JSON 1.0 message card shows, or null when the card is not a valid one. */
function cardTexts(card: Record<string, unknown> | undefined): string[] | null {
  if (!card) return null;
  const texts: string[] = [];
  const header = field(card, "header");
  if (header) {
    const title = cardText(field(header, "title"), ["plain_text"]);
    if (title === null) return null;
    texts.push(title);
  }
  const elements = card.elements;
  if (!Array.isArray(elements) || elements.length === 0) return null;
  for (const element of elements) {
    switch (textOf(element, "tag")) {
      case "div": {
        const divText = field(element, "text");
        const fields = (element as { fields?: unknown }).fields;
        if (!divText && !Array.isArray(fields)) return null;
        if (divText) {
          const content = cardText(divText);
          if (content === null) return null;
          texts.push(content);
        }
        for (const entry of Array.isArray(fields) ? fields : []) {
          const content = cardText(field(entry, "text"));
          if (content === null) return null;
          texts.push(content);
        }
        break;
      }
      case "markdown": {
        const content = textOf(element, "content");
        if (content === undefined) return null;
        texts.push(content);
        break;
      }
      case "note": {
        const inner = (element as { elements?: unknown }).elements;
        if (!Array.isArray(inner) || inner.length === 0) return null;
        for (const item of inner) {
          const content = cardText(item);
          if (content === null) return null;
          texts.push(content);
        }
        break;
      }
      case "action": {
        const actions = (element as { actions?: unknown }).actions;
        if (!Array.isArray(actions) || actions.length === 0) return null;
        for (const action of actions) {
          const content = cardText(field(action, "text"));
          if (textOf(action, "tag") !== "button" || content === null) return null;
          texts.push(content);
        }
        break;
      }
      case "hr":
        break;
      default:
        return null;
    }
  }
  return texts;
}
