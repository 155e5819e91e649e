import { type Clock, type FakeAnswer, type FakeRequest, FakeRobot, json, parseObject, token } from "./server";

const chars = (value: unknown) => (typeof value === "string" ? [...value].length : 0);

/**
 * A Discord webhook (docs/robots.md): `/api/webhooks/<id>/<token>`; `content` ≤ 2000 characters and/or up to 10
 * embeds (title ≤ 256, description ≤ 4096, ≤ 25 fields of name ≤ 256 and value ≤ 1024, footer ≤ 2048, all
 * text together ≤ 6000); 5 requests per 2 seconds (then 429 with `retry_after` in seconds). Answers 204.
 */
export class FakeDiscord extends FakeRobot {
  readonly service = "Discord";
  readonly id: string;
  readonly token: string;

  constructor(options: { id?: string; token?: string; clock?: Clock; rateLimit?: boolean } = {}) {
    super(options.clock ?? Date.now, options.rateLimit ? [{ max: 5, perMs: 2000 }] : []);
    this.id = options.id ?? String(1_200_000_000_000_000_000 + Math.floor(Math.random() * 1e9));
    this.token = options.token ?? token("discord");
  }

  get path(): string {
    return `/api/webhooks/${this.id}/${this.token}`;
  }

  matches(url: URL): boolean {
    return url.pathname.startsWith("/api/webhooks/");
  }

  protected success(): FakeAnswer {
    return { status: 204 };
  }

  /** retry_after: the seconds until the bucket has room again, as Discord reports it. */
  wait = 0.6;

  protected rateLimited() {
    return {
      answer: json(
        429,
        { message: "You are being rate limited.", retry_after: this.wait, global: false },
        { "retry-after": String(Math.ceil(this.wait)), "x-ratelimit-remaining": "0" },
      ),
      code: 429,
    };
  }

  protected judge(request: FakeRequest) {
    const fail = (status: number, code: number, message: string, errors?: unknown) => ({
      answer: json(status, errors ? { code, errors, message } : { code, message }),
      accepted: false,
      code,
    });
    const [, , , id, webhookToken] = request.url.pathname.split("/");
    if (id !== this.id) return fail(404, 10015, "Unknown Webhook");
    if (webhookToken !== this.token) return fail(401, 50027, "Invalid Webhook Token");
    const body = parseObject(request.body);
    if (!body) return fail(400, 50109, "The request body contains invalid JSON.");
    const embeds = body.embeds;
    if (!body.content && (!Array.isArray(embeds) || embeds.length === 0)) {
      return fail(400, 50006, "Cannot send an empty message");
    }
    const invalid = (path: string, message: string) =>
      fail(400, 50035, "Invalid Form Body", {
        [path]: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH", message }] },
      });
    if (chars(body.content) > 2000) return invalid("content", "Must be 2000 or fewer in length.");
    if (Array.isArray(embeds)) {
      if (embeds.length > 10) return invalid("embeds", "Must be 10 or fewer in length.");
      for (const [index, embed] of (embeds as Array<Record<string, unknown>>).entries()) {
        const at = `embeds.${index}`;
        if (chars(embed.title) > 256) return invalid(`${at}.title`, "Must be 256 or fewer in length.");
        if (chars(embed.description) > 4096)
          return invalid(`${at}.description`, "Must be 4096 or fewer in length.");
        const fields = (embed.fields ?? []) as Array<{ name?: unknown; value?: unknown }>;
        if (!Array.isArray(fields) || fields.length > 25)
          return invalid(`${at}.fields`, "Must be 25 or fewer.");
        let total = chars(embed.title) + chars(embed.description);
        for (const field of fields) {
          if (!chars(field.name) || chars(field.name) > 256) return invalid(`${at}.fields`, "Invalid name.");
          if (!chars(field.value) || chars(field.value) > 1024)
            return invalid(`${at}.fields`, "Invalid value.");
          total += chars(field.name) + chars(field.value);
        }
        const footer = (embed.footer as { text?: unknown } | undefined)?.text;
        if (chars(footer) > 2048) return invalid(`${at}.footer.text`, "Must be 2048 or fewer in length.");
        total += chars(footer) + chars((embed.author as { name?: unknown } | undefined)?.name);
        if (total > 6000) return invalid("embeds", "Embed size exceeds maximum size of 6000");
      }
    }
    return { answer: this.success(), accepted: true, code: null };
  }
}
