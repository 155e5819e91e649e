import { type Clock, type FakeAnswer, type FakeRequest, FakeRobot, json, parseObject, token } from "./server";

/**
 * A WeCom group robot (docs/robots.md): `key` in the query is its only secret; markdown content ≤ 4096 bytes
 * (errcode 40058), text ≤ 2048 bytes; 20 messages a minute (then errcode 45009). Answers HTTP 200 with
 * errcode/errmsg.
 */
export class FakeWeCom extends FakeRobot {
  readonly service = "WeCom";
  readonly key: string;

  constructor(options: { key?: string; clock?: Clock; rateLimit?: boolean } = {}) {
    super(options.clock ?? Date.now, options.rateLimit ? [{ max: 20, perMs: 60_000 }] : []);
    this.key = options.key ?? token("wecom-");
  }

  get path(): string {
    return `/cgi-bin/webhook/send?key=${this.key}`;
  }

  matches(url: URL): boolean {
    return url.pathname === "/cgi-bin/webhook/send";
  }

  protected success(): FakeAnswer {
    return json(200, { errcode: 0, errmsg: "ok" });
  }

  protected rateLimited() {
    return {
      answer: json(200, {
        errcode: 45009,
        errmsg: "api freq out of limit, more info at https://open.work.weixin.qq.com/devtool/query?e=45009",
      }),
      code: 45009,
    };
  }

  protected judge(request: FakeRequest) {
    const fail = (errcode: number, errmsg: string) => ({
      answer: json(200, { errcode, errmsg }),
      accepted: false,
      code: errcode,
    });
    if (request.url.searchParams.get("key") !== this.key) {
      return fail(
        93000,
        "invalid webhook url, hint: [1717000000_fake], from ip: 127.0.0.1, more info at https://open.work.weixin.qq.com/devtool/query?e=93000",
      );
    }
    const body = parseObject(request.body);
    if (!body) return fail(40035, "invalid parameter");
    const bytes = (value: string) => Buffer.byteLength(value, "utf8");
    if (body.msgtype === "markdown") {
      const content = (body.markdown as { content?: unknown } | undefined)?.content;
      if (typeof content !== "string" || !content) return fail(44004, "empty content");
      if (bytes(content) > 4096) return fail(40058, "markdown.content exceed max length 4096");
    } else if (body.msgtype === "text") {
      const content = (body.text as { content?: unknown } | undefined)?.content;
      if (typeof content !== "string" || !content) return fail(44004, "empty content");
      if (bytes(content) > 2048) return fail(40058, "text.content exceed max length 2048");
    } else {
      return fail(40008, "invalid message type");
    }
    return { answer: this.success(), accepted: true, code: 0 };
  }
}
