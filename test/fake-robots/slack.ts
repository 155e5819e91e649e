import { type Clock, type FakeAnswer, type FakeRequest, FakeRobot, parseObject, text, token } from "./server";

const chars = (value: string) => [...value].length;

/**
 * A Slack incoming webhook (docs/robots.md): the URL is the secret; `text` and/or Block Kit `blocks` (sections of
 * at most 3000 characters, at most 10 fields of 2000); about 1 message a second (then 429 with Retry-After).
 * Answers 200 "ok", or an error word such as `invalid_token` / `invalid_blocks` with a 4xx.
 */
export class FakeSlack extends FakeRobot {
  readonly service = "Slack";
  readonly secret: string;

  constructor(options: { secret?: string; clock?: Clock; rateLimit?: boolean } = {}) {
    super(options.clock ?? Date.now, options.rateLimit ? [{ max: 1, perMs: 1000 }] : []);
    this.secret = options.secret ?? token("slack");
  }

  get path(): string {
    return `/services/T0FAKE001/B0FAKE001/${this.secret}`;
  }

  matches(url: URL): boolean {
    return url.pathname.startsWith("/services/");
  }

  protected success(): FakeAnswer {
    return text(200, "ok");
  }

  protected rateLimited() {
    return { answer: text(429, "rate_limited", { "retry-after": "1" }), code: "rate_limited" };
  }

  protected judge(request: FakeRequest) {
    const fail = (status: number, error: string) => ({
      answer: text(status, error),
      accepted: false,
      code: error,
    });
    if (request.url.pathname !== this.path) return fail(403, "invalid_token");
    const body = parseObject(request.body);
    if (!body) return fail(400, "invalid_payload");
    const hasText = typeof body.text === "string" && body.text.trim() !== "";
    if (!hasText && !Array.isArray(body.blocks)) return fail(400, "no_text");
    if (typeof body.text === "string" && chars(body.text) > 40_000) return fail(400, "msg_too_long");
    if (body.blocks !== undefined) {
      const blocks = body.blocks;
      if (!Array.isArray(blocks) || blocks.length === 0 || blocks.length > 50)
        return fail(400, "invalid_blocks");
      const textObject = (value: unknown, max: number) => {
        const object = value as { type?: unknown; text?: unknown } | undefined;
        return (
          (object?.type === "mrkdwn" || object?.type === "plain_text") &&
          typeof object.text === "string" &&
          object.text.length > 0 &&
          chars(object.text) <= max
        );
      };
      for (const block of blocks as Array<Record<string, unknown>>) {
        if (block?.type === "section") {
          if (block.text === undefined && block.fields === undefined) return fail(400, "invalid_blocks");
          if (block.text !== undefined && !textObject(block.text, 3000)) return fail(400, "invalid_blocks");
          if (block.fields !== undefined) {
            const fields = block.fields;
            if (
              !Array.isArray(fields) ||
              fields.length > 10 ||
              !fields.every((field) => textObject(field, 2000))
            ) {
              return fail(400, "invalid_blocks");
            }
          }
        } else if (block?.type === "context") {
          const elements = block.elements;
          if (!Array.isArray(elements) || elements.length === 0 || elements.length > 10) {
            return fail(400, "invalid_blocks");
          }
          if (!elements.every((element) => textObject(element, 3000))) return fail(400, "invalid_blocks");
        } else if (block?.type !== "divider") {
          return fail(400, "invalid_blocks");
        }
      }
    }
    return { answer: this.success(), accepted: true, code: null };
  }
}
