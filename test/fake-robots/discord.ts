import {
  type Clock,
  characters,
  type FakeRequest,
  FakeRobot,
  isJson,
  json,
  jsonBody,
  textOf,
  token,
  type Verdict,
} from "./server";

/**
 * A Discord webhook, from Discord's public developer documentation: "Execute Webhook"
 * (discord.com/developers/docs/resources/webhook#execute-webhook), the embed limits
 * (…/resources/message#embed-object-embed-limits), "Rate Limits" (…/topics/rate-limits) and the JSON error
 * codes (…/topics/opcodes-and-status-codes#json):
 * - POST https://discord.com/api/webhooks/ID/TOKEN with a JSON body: `content` (at most 2000 characters) and/or
 *   `embeds` (at most 10; title ≤ 256, description ≤ 4096, ≤ 25 fields with a name ≤ 256 and a value ≤ 1024,
 *   footer.text ≤ 2048, author.name ≤ 256, and all of these across all embeds ≤ 6000 characters).
 * - Answers 204 No Content (200 with the message only when `?wait=true`).
 * - Errors are JSON {"code","message"(,"errors")}: 404 code 10015 Unknown Webhook, 401 code 50027 Invalid
 *   Webhook Token, 400 code 50006 Cannot send an empty message, 400 code 50035 Invalid Form Body, 400 code 50109
 *   invalid JSON.
 * - Over a rate limit (per webhook 5 requests per 2 seconds, and 30 messages a minute per channel): 429 with
 *   {"message":"You are being rate limited.","retry_after":<seconds, fractional>,"global":false} and the
 *   Retry-After and X-RateLimit-* headers.
 */
export class FakeDiscord extends FakeRobot {
  readonly service = "Discord";
  readonly id: string;
  readonly token: string;
  /** retry_after: the seconds until the bucket has room again, as Discord reports it. */
  wait = 0.6;

  constructor(options: { id?: string; token?: string; clock?: Clock; rateLimit?: boolean } = {}) {
    super(
      options.clock ?? Date.now,
      options.rateLimit
        ? [
            { max: 5, perMs: 2000 },
            { max: 30, perMs: 60_000 },
          ]
        : [],
    );
    this.id = options.id ?? String(1_200_000_000_000_000_000 + Math.floor(Math.random() * 1e9));
    this.token = options.token ?? token("discord");
  }

  get path(): string {
    return `/api/webhooks/${this.id}/${this.token}`;
  }

  matches(url: URL): boolean {
    return url.pathname.startsWith("/api/webhooks/");
  }

  protected rateLimited(): Verdict {
    return {
      answer: json(
        429,
        { message: "You are being rate limited.", retry_after: this.wait, global: false },
        {
          "retry-after": String(Math.ceil(this.wait)),
          "x-ratelimit-limit": "5",
          "x-ratelimit-remaining": "0",
          "x-ratelimit-reset-after": String(this.wait),
          "x-ratelimit-scope": "shared",
        },
      ),
      posted: null,
      code: 429,
    };
  }

  protected judge(request: FakeRequest): Verdict {
    const fail = (status: number, code: number, message: string, errors?: unknown): Verdict => ({
      answer: json(status, errors ? { code, errors, message } : { code, message }),
      posted: null,
      code,
    });
    const [, , , id, webhookToken, ...rest] = request.url.pathname.split("/");
    if (id !== this.id || rest.length > 0) return fail(404, 10015, "Unknown Webhook");
    if (webhookToken !== this.token) return fail(401, 50027, "Invalid Webhook Token");
    if (!isJson(request)) return fail(400, 50006, "Cannot send an empty message");
    const body = jsonBody(request.body);
    if (!body) return fail(400, 50109, "The request body contains invalid JSON.");
    const content = textOf(body, "content");
    const embeds = body.embeds;
    if (!content && (!Array.isArray(embeds) || embeds.length === 0)) {
      return fail(400, 50006, "Cannot send an empty message");
    }
    const invalid = (path: string, message: string) =>
      fail(400, 50035, "Invalid Form Body", {
        [path]: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH", message }] },
      });
    if (characters(content) > 2000) return invalid("content", "Must be 2000 or fewer in length.");
    if (embeds !== undefined) {
      if (!Array.isArray(embeds) || embeds.length > 10)
        return invalid("embeds", "Must be 10 or fewer in length.");
      let total = 0;
      for (const [index, embed] of embeds.entries()) {
        const at = `embeds.${index}`;
        const limited: Array<[string, string | undefined, number]> = [
          ["title", textOf(embed, "title"), 256],
          ["description", textOf(embed, "description"), 4096],
          ["footer.text", textOf((embed as { footer?: unknown }).footer, "text"), 2048],
          ["author.name", textOf((embed as { author?: unknown }).author, "name"), 256],
        ];
        for (const [name, value, max] of limited) {
          if (characters(value) > max) return invalid(`${at}.${name}`, `Must be ${max} or fewer in length.`);
          total += characters(value);
        }
        const fields = (embed as { fields?: unknown }).fields ?? [];
        if (!Array.isArray(fields) || fields.length > 25) {
          return invalid(`${at}.fields`, "Must be 25 or fewer in length.");
        }
        for (const [fieldIndex, entry] of fields.entries()) {
          const name = textOf(entry, "name");
          const value = textOf(entry, "value");
          if (!name || characters(name) > 256) {
            return invalid(`${at}.fields.${fieldIndex}.name`, "Must be between 1 and 256 in length.");
          }
          if (!value || characters(value) > 1024) {
            return invalid(`${at}.fields.${fieldIndex}.value`, "Must be between 1 and 1024 in length.");
          }
          total += characters(name) + characters(value);
        }
      }
      if (total > 6000) return invalid("embeds", "Embed size exceeds maximum size of 6000");
    }
    const answer =
      request.url.searchParams.get("wait") === "true" ? json(200, { id: "1", ...body }) : { status: 204 };
    return { answer, posted: body, code: null };
  }
}
