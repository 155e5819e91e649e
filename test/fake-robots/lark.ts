import { createHmac } from "node:crypto";
import { type Clock, type FakeAnswer, type FakeRequest, FakeRobot, json, parseObject, token } from "./server";

/**
 * A Lark/Feishu custom bot (docs/robots.md): the token is the last path segment; signature verification
 * ("timestamp" in seconds within an hour and "sign" = base64(HMAC-SHA256(key = timestamp + "\n" + secret,
 * msg = empty)) at the top level of the body) and custom keywords; interactive cards; body ≤ 20 KB; 5 a second
 * and 100 a minute (then code 11232). Answers `{"code":0,"msg":"success","data":{}}`, or the older
 * `{"StatusCode":0,...}` when `legacy`.
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

  protected success(): FakeAnswer {
    return this.legacy
      ? json(200, { Extra: null, StatusCode: 0, StatusMessage: "success" })
      : json(200, { code: 0, data: {}, msg: "success" });
  }

  protected rateLimited() {
    return {
      answer: json(200, {
        code: 11232,
        data: {},
        msg: "frequency limited psm[lark.oapi.app_platform_runtime]",
      }),
      code: 11232,
    };
  }

  /** The documented algorithm, written here independently of the sender's. */
  static sign(secret: string, timestamp: string): string {
    return createHmac("sha256", Buffer.from(`${timestamp}\n${secret}`, "utf8")).digest("base64");
  }

  protected judge(request: FakeRequest) {
    const fail = (code: number, msg: string, status = 200) => ({
      answer: json(status, { code, data: {}, msg }),
      accepted: false,
      code,
    });
    if (request.url.pathname.split("/").pop() !== this.token) {
      return fail(19001, "param invalid: incoming webhook access token invalid");
    }
    const body = parseObject(request.body);
    if (!body) return fail(9499, "Bad Request", 400);
    if (this.secret) {
      const { timestamp, sign } = body;
      if (
        typeof timestamp !== "string" ||
        typeof sign !== "string" ||
        !/^\d{10}$/.test(timestamp) ||
        Math.abs(request.at / 1000 - Number(timestamp)) > 3600 ||
        sign !== FakeLark.sign(this.secret, timestamp)
      ) {
        return fail(19021, "sign match fail or timestamp is not within one hour from current time");
      }
    }
    const card = body.card as
      | { header?: { title?: { content?: unknown } }; elements?: Array<Record<string, unknown>> }
      | undefined;
    if (body.msg_type !== "interactive" || !card || typeof card !== "object") {
      return fail(230099, "Failed to create card content: msg_type interactive needs a card");
    }
    if (typeof card.header?.title?.content !== "string" || !Array.isArray(card.elements)) {
      return fail(230099, "Failed to create card content: header.title and elements are required");
    }
    for (const element of card.elements) {
      if (typeof element?.tag !== "string")
        return fail(230099, "Failed to create card content: element without tag");
      if (element.tag === "div") {
        const divText = element.text as { tag?: unknown; content?: unknown } | undefined;
        if (
          !["lark_md", "plain_text"].includes(String(divText?.tag)) ||
          typeof divText?.content !== "string"
        ) {
          return fail(230099, "Failed to create card content: div needs text with lark_md or plain_text");
        }
      }
    }
    if (this.keywords.length > 0) {
      const texts: string[] = [];
      const collect = (value: unknown) => {
        if (Array.isArray(value)) value.forEach(collect);
        else if (value && typeof value === "object") {
          for (const [key, inner] of Object.entries(value)) {
            if (key === "content" && typeof inner === "string") texts.push(inner);
            else collect(inner);
          }
        }
      };
      collect(card);
      const all = texts.join("\n");
      if (!this.keywords.some((keyword) => all.includes(keyword))) return fail(19024, "Key Words Not Found");
    }
    if (Buffer.byteLength(request.body, "utf8") > 20_000) {
      return fail(230025, "The message content exceeds the length limit", 400);
    }
    return { answer: this.success(), accepted: true, code: 0 };
  }
}
