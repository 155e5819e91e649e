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
 * A WeCom (企业微信) group robot, from WeCom's public documentation: "群机器人配置说明"
 * (developer.work.weixin.qq.com/document/path/91770) and its global error codes:
 * - POST https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=KEY; the key is the robot's only credential.
 * - msgtype "text": text.content at most 2048 bytes of UTF-8; "markdown" and "markdown_v2": markdown.content
 *   (markdown_v2.content) at most 4096 bytes.
 * - Each robot sends at most 20 messages a minute.
 * - Always HTTP 200 with {"errcode":0,"errmsg":"ok"}, or an errcode: 93000 invalid webhook url (wrong key),
 *   45009 api freq out of limit, 40058 a parameter out of range (content too long), 44004 empty content,
 *   40008 invalid message type, 47001 data format error (not JSON). Error texts end with WeCom's hint.
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

  private error(errcode: number, errmsg: string): Verdict {
    return {
      answer: json(200, {
        errcode,
        errmsg: `${errmsg}, hint: [${Math.floor(this.clock() / 1000)}_fake], from ip: 127.0.0.1, more info at https://open.work.weixin.qq.com/devtool/query?e=${errcode}`,
      }),
      posted: null,
      code: errcode,
    };
  }

  protected rateLimited(): Verdict {
    return this.error(45009, "api freq out of limit");
  }

  protected judge(request: FakeRequest): Verdict {
    if (request.url.searchParams.get("key") !== this.key) return this.error(93000, "invalid webhook url");
    const body = jsonBody(request.body);
    if (!body) return this.error(47001, "data format error");
    const limits: Record<string, number> = { text: 2048, markdown: 4096, markdown_v2: 4096 };
    const type = textOf(body, "msgtype") ?? "";
    const limit = limits[type];
    if (limit === undefined) return this.error(40008, "invalid message type");
    const content = textOf(field(body, type), "content");
    if (!content) return this.error(44004, "empty content");
    if (bytes(content) > limit) {
      return this.error(40058, `${type}.content exceed max length ${limit}. invalid Request Parameter`);
    }
    return { answer: json(200, { errcode: 0, errmsg: "ok" }), posted: body, code: 0 };
  }
}
