import { createHmac } from "node:crypto";
import { type Clock, type FakeAnswer, type FakeRequest, FakeRobot, json, parseObject, token } from "./server";

const MORE = "more: [https://open.dingtalk.com/document/robots/customize-robot-security-settings]";

/**
 * A DingTalk group robot (docs/robots.md): `access_token` in the query; security settings — signature (timestamp in
 * ms within an hour, sign = urlencode(base64(HMAC-SHA256(secret, timestamp + "\n" + secret)))) and custom
 * keywords; markdown bodies with title and text; body ≤ 20000 bytes; 20 messages a minute (then errcode
 * 130101); posts a message once per msgUuid. Answers HTTP 200 with errcode/errmsg.
 */
export class FakeDingTalk extends FakeRobot {
  readonly service = "DingTalk";
  readonly token: string;
  readonly secret: string | null;
  readonly keywords: string[];
  private readonly uuids = new Set<string>();

  constructor(
    options: {
      token?: string;
      secret?: string | null;
      keywords?: string[];
      clock?: Clock;
      rateLimit?: boolean;
    } = {},
  ) {
    super(options.clock ?? Date.now, options.rateLimit ? [{ max: 20, perMs: 60_000 }] : []);
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

  protected success(): FakeAnswer {
    return json(200, { errcode: 0, errmsg: "ok" });
  }

  protected rateLimited() {
    return {
      answer: json(200, { errcode: 130101, errmsg: "send too fast, exceed 20 times per minute" }),
      code: 130101,
    };
  }

  protected duplicate(body: Record<string, unknown>): boolean {
    const id = body.msgUuid;
    if (typeof id !== "string") return false;
    if (this.uuids.has(id)) return true;
    this.uuids.add(id);
    return false;
  }

  /** The documented algorithm, written here independently of the sender's. */
  static sign(secret: string, timestamp: string): string {
    return createHmac("sha256", Buffer.from(secret, "utf8"))
      .update(Buffer.from(`${timestamp}\n${secret}`, "utf8"))
      .digest()
      .toString("base64");
  }

  protected judge(request: FakeRequest) {
    const fail = (errcode: number, errmsg: string) => ({
      answer: json(200, { errcode, errmsg }),
      accepted: false,
      code: errcode,
    });
    const query = request.url.searchParams;
    if (query.get("access_token") !== this.token) return fail(300001, "token is not exist");
    if (this.secret) {
      // searchParams decodes the percent-encoding: an unencoded "+" in the sign would arrive as a space.
      const timestamp = query.get("timestamp");
      const sign = query.get("sign");
      if (!timestamp || !sign) return fail(310000, `sign not match, ${MORE}`);
      if (!/^\d{13}$/.test(timestamp) || Math.abs(request.at - Number(timestamp)) > 3_600_000) {
        return fail(310000, `invalid timestamp, ${MORE}`);
      }
      if (sign !== FakeDingTalk.sign(this.secret, timestamp)) return fail(310000, `sign not match, ${MORE}`);
    }
    const body = parseObject(request.body);
    if (!body) return fail(40035, "missing parameter json");
    let content: string;
    if (body.msgtype === "markdown") {
      const markdown = body.markdown as { title?: unknown; text?: unknown } | undefined;
      if (typeof markdown?.title !== "string" || !markdown.title)
        return fail(40035, "missing parameter title");
      if (typeof markdown.text !== "string" || !markdown.text) return fail(40035, "missing parameter text");
      content = `${markdown.title}\n${markdown.text}`;
    } else if (body.msgtype === "text") {
      const textBody = body.text as { content?: unknown } | undefined;
      if (typeof textBody?.content !== "string" || !textBody.content)
        return fail(40035, "missing parameter content");
      content = textBody.content;
    } else {
      return fail(40035, "unsupported msgtype");
    }
    if (this.keywords.length > 0 && !this.keywords.some((keyword) => content.includes(keyword))) {
      return fail(310000, `keywords not in content, ${MORE}`);
    }
    if (Buffer.byteLength(request.body, "utf8") > 20_000)
      return fail(460101, "message too long, exceed 20000 bytes");
    return { answer: this.success(), accepted: true, code: 0 };
  }
}
