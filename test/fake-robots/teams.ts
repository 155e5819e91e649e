import { type Clock, type FakeAnswer, type FakeRequest, FakeRobot, json, parseObject, token } from "./server";

/**
 * A Microsoft Teams Workflows trigger (docs/robots.md): `sig` in the query is the secret; a `message` with one
 * Adaptive Card attachment; ≤ 28 KB; more than 4 requests a second are throttled (429 with Retry-After).
 * Answers 202 with an empty body.
 */
export class FakeTeams extends FakeRobot {
  readonly service = "Teams";
  readonly workflow: string;
  readonly sig: string;

  constructor(options: { sig?: string; clock?: Clock; rateLimit?: boolean } = {}) {
    super(options.clock ?? Date.now, options.rateLimit ? [{ max: 4, perMs: 1000 }] : []);
    this.workflow = token("wf");
    this.sig = options.sig ?? token("sig");
  }

  get path(): string {
    return `/workflows/${this.workflow}/triggers/manual/paths/invoke?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=${this.sig}`;
  }

  matches(url: URL): boolean {
    return /^\/workflows\/[^/]+\/triggers\/manual\/paths\/invoke$/.test(url.pathname);
  }

  protected success(): FakeAnswer {
    return { status: 202 };
  }

  protected rateLimited() {
    return {
      answer: json(
        429,
        { error: { code: "WorkflowRequestsThrottled", message: "The workflow was throttled. Retry later." } },
        { "retry-after": "1" },
      ),
      code: "WorkflowRequestsThrottled",
    };
  }

  protected judge(request: FakeRequest) {
    const fail = (status: number, code: string, message: string) => ({
      answer: json(status, { error: { code, message } }),
      accepted: false,
      code,
    });
    if (request.url.searchParams.get("sig") !== this.sig) {
      return fail(
        401,
        "DirectApiInvalidAuthorizationSignature",
        "The provided authorization signature is not valid.",
      );
    }
    if (Buffer.byteLength(request.body, "utf8") > 28_000) {
      return fail(
        413,
        "MessageTooLarge",
        "The request content is larger than the maximum allowed size of 28 KB.",
      );
    }
    const body = parseObject(request.body);
    if (!body) return fail(400, "InvalidRequestContent", "The request content is not valid JSON.");
    const attachments = body.attachments as Array<Record<string, unknown>> | undefined;
    const attachment = Array.isArray(attachments) ? attachments[0] : undefined;
    const card = attachment?.content as
      | { type?: unknown; version?: unknown; body?: unknown; actions?: unknown }
      | undefined;
    if (
      body.type !== "message" ||
      attachment?.contentType !== "application/vnd.microsoft.card.adaptive" ||
      card?.type !== "AdaptiveCard" ||
      typeof card.version !== "string" ||
      !Array.isArray(card.body) ||
      card.body.length === 0
    ) {
      return fail(400, "InvalidRequestContent", "The message must carry an Adaptive Card attachment.");
    }
    for (const element of card.body as Array<Record<string, unknown>>) {
      if (element?.type === "TextBlock" && typeof element.text !== "string") {
        return fail(400, "InvalidRequestContent", "A TextBlock needs text.");
      }
      if (element?.type === "FactSet" && !Array.isArray(element.facts)) {
        return fail(400, "InvalidRequestContent", "A FactSet needs facts.");
      }
      if (typeof element?.type !== "string")
        return fail(400, "InvalidRequestContent", "An element needs a type.");
    }
    return { answer: this.success(), accepted: true, code: null };
  }
}
