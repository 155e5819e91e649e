import {
  type Clock,
  characters,
  type FakeRequest,
  FakeRobot,
  isJson,
  jsonBody,
  text,
  textOf,
  token,
  type Verdict,
} from "./server";

/**
 * A Slack incoming webhook, from Slack's public documentation: "Sending messages using incoming webhooks" (with
 * its "Handling errors" section), the Block Kit reference for section and context blocks and text objects, and
 * the rate limits page (docs.slack.dev):
 * - POST https://hooks.slack.com/services/T…/B…/SECRET; the URL is the only credential. The body is JSON
 *   (application/json), or a form field `payload` holding the JSON.
 * - `text` and/or `blocks` (at most 50): section (text and/or up to 10 fields; a text object is mrkdwn or
 *   plain_text, a section's text at most 3000 characters, a field's at most 2000), context (1 to 10 elements),
 *   divider.
 * - About one message a second per webhook, then HTTP 429 with Retry-After.
 * - Answers 200 with the text "ok"; errors are a word with a 4xx: 400 invalid_payload, 400 no_text,
 *   400 invalid_blocks, 403 invalid_token (a revoked or wrong URL), 404 no_service, 404 channel_not_found,
 *   410 channel_is_archived.
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

  protected rateLimited(): Verdict {
    return { answer: text(429, "rate_limited", { "retry-after": "1" }), posted: null, code: "rate_limited" };
  }

  protected judge(request: FakeRequest): Verdict {
    const fail = (status: number, error: string): Verdict => ({
      answer: text(status, error),
      posted: null,
      code: error,
    });
    if (request.url.pathname !== this.path) return fail(403, "invalid_token");
    const body = isJson(request)
      ? jsonBody(request.body)
      : jsonBody(new URLSearchParams(request.body).get("payload") ?? "");
    if (!body) return fail(400, "invalid_payload");
    const hasText = (textOf(body, "text") ?? "").trim() !== "";
    if (!hasText && body.blocks === undefined) return fail(400, "no_text");
    if (body.blocks !== undefined && !validBlocks(body.blocks)) return fail(400, "invalid_blocks");
    return { answer: text(200, "ok"), posted: body, code: null };
  }
}

/** A text object: mrkdwn or plain_text, not empty, at most `max` characters. */
function textObject(value: unknown, max: number): boolean {
  const type = textOf(value, "type");
  const content = textOf(value, "text");
  return (
    (type === "mrkdwn" || type === "plain_text") &&
    content !== undefined &&
    content.length > 0 &&
    characters(content) <= max
  );
}

function validBlocks(blocks: unknown): boolean {
  if (!Array.isArray(blocks) || blocks.length === 0 || blocks.length > 50) return false;
  return blocks.every((block) => {
    const type = textOf(block, "type");
    const { text: sectionText, fields, elements } = (block ?? {}) as Record<string, unknown>;
    if (type === "divider") return true;
    if (type === "section") {
      if (sectionText === undefined && fields === undefined) return false;
      if (sectionText !== undefined && !textObject(sectionText, 3000)) return false;
      if (fields === undefined) return true;
      return (
        Array.isArray(fields) &&
        fields.length > 0 &&
        fields.length <= 10 &&
        fields.every((entry) => textObject(entry, 2000))
      );
    }
    if (type === "context") {
      return (
        Array.isArray(elements) &&
        elements.length > 0 &&
        elements.length <= 10 &&
        elements.every((element) => textObject(element, 3000))
      );
    }
    return false;
  });
}
