import {
  bytes,
  type Clock,
  type FakeRequest,
  FakeRobot,
  field,
  json,
  jsonBody,
  text,
  textOf,
  token,
  type Verdict,
} from "./server";

/**
 * A Microsoft Teams channel webhook, from Microsoft's public documentation (learn.microsoft.com): "Create
 * incoming webhooks with Workflows for Microsoft Teams", "Create an Incoming Webhook" (Office 365 connectors,
 * being retired) with its rate limits, and the Adaptive Card schema (adaptivecards.io):
 * - Workflows (the default): POST to the workflow's trigger URL, whose `sig` query parameter is the credential.
 *   A wrong or missing sig: 401 with {"error":{"code","message"}}. Any JSON body is accepted with 202 and an
 *   empty body; the flow then posts the card — when the body is not a `message` with an Adaptive Card
 *   attachment, or the message is over Teams' 28 KB, the run fails and nothing is posted, which the caller
 *   never hears about.
 * - Connector (`connector: true`): POST to …/webhookb2/…/IncomingWebhook/…; success is HTTP 200 with the text
 *   "1"; errors are text: 400 for a card Teams cannot read, 413 for a message over 28 KB, 404 for an unknown
 *   webhook.
 * - Throttled beyond 4 requests a second: 429 with Retry-After.
 */
export class FakeTeams extends FakeRobot {
  readonly service = "Teams";
  readonly workflow: string;
  readonly sig: string;
  readonly connector: boolean;

  constructor(options: { sig?: string; clock?: Clock; rateLimit?: boolean; connector?: boolean } = {}) {
    super(options.clock ?? Date.now, options.rateLimit ? [{ max: 4, perMs: 1000 }] : []);
    this.workflow = token("wf");
    this.sig = options.sig ?? token("sig");
    this.connector = options.connector ?? false;
  }

  get path(): string {
    return this.connector
      ? `/webhookb2/${this.workflow}@tenant/IncomingWebhook/${this.sig}/owner`
      : `/workflows/${this.workflow}/triggers/manual/paths/invoke?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=${this.sig}`;
  }

  matches(url: URL): boolean {
    return this.connector
      ? url.pathname.startsWith("/webhookb2/")
      : /^\/workflows\/[^/]+\/triggers\/manual\/paths\/invoke$/.test(url.pathname);
  }

  protected rateLimited(): Verdict {
    return this.connector
      ? {
          answer: text(429, "Microsoft Teams endpoint returned HTTP error 429", { "retry-after": "1" }),
          posted: null,
          code: 429,
        }
      : {
          answer: json(
            429,
            {
              error: {
                code: "WorkflowRequestsThrottled",
                message: "The workflow was throttled. Retry later.",
              },
            },
            { "retry-after": "1" },
          ),
          posted: null,
          code: "WorkflowRequestsThrottled",
        };
  }

  protected judge(request: FakeRequest): Verdict {
    return this.connector ? this.judgeConnector(request) : this.judgeWorkflow(request);
  }

  private judgeWorkflow(request: FakeRequest): Verdict {
    const fail = (status: number, code: string, message: string): Verdict => ({
      answer: json(status, { error: { code, message } }),
      posted: null,
      code,
    });
    if (request.url.searchParams.get("sig") !== this.sig) {
      return fail(
        401,
        "DirectApiInvalidAuthorizationSignature",
        "The provided authorization signature is not valid.",
      );
    }
    const body = jsonBody(request.body);
    if (!body) return fail(400, "InvalidRequestContent", "The request content is not valid JSON.");
    // Accepted; the run that posts the card fails on a card Teams cannot show, unseen by the caller.
    const problem = cardProblem(body) ?? (bytes(request.body) > 28_000 ? "MessageTooLarge" : null);
    return { answer: { status: 202 }, posted: problem ? null : body, code: problem };
  }

  private judgeConnector(request: FakeRequest): Verdict {
    const fail = (status: number, message: string): Verdict => ({
      answer: text(status, message),
      posted: null,
      code: status,
    });
    if (request.url.pathname !== this.path.split("?")[0]) return fail(404, "Webhook not found");
    if (bytes(request.body) > 28_000) {
      return fail(
        413,
        "Webhook message delivery failed with error: Microsoft Teams endpoint returned HTTP error 413",
      );
    }
    const body = jsonBody(request.body);
    if (!body || cardProblem(body)) return fail(400, "Bad payload received by generic incoming webhook.");
    return { answer: text(200, "1"), posted: body, code: null };
  }
}

/** Why Teams cannot show this message (a code), or null: a `message` whose first attachment is an Adaptive Card. */
function cardProblem(body: Record<string, unknown>): string | null {
  const attachments = body.attachments;
  const attachment = Array.isArray(attachments) ? attachments[0] : undefined;
  const card = field(attachment, "content");
  if (
    body.type !== "message" ||
    textOf(attachment, "contentType") !== "application/vnd.microsoft.card.adaptive" ||
    textOf(card, "type") !== "AdaptiveCard" ||
    !textOf(card, "version")
  ) {
    return "NotAnAdaptiveCardMessage";
  }
  const elements = card?.body;
  if (!Array.isArray(elements) || elements.length === 0) return "EmptyCard";
  for (const element of elements) {
    const type = textOf(element, "type");
    if (!type) return "ElementWithoutType";
    if (type === "TextBlock" && textOf(element, "text") === undefined) return "TextBlockWithoutText";
    if (type === "FactSet") {
      const facts = (element as { facts?: unknown }).facts;
      if (
        !Array.isArray(facts) ||
        !facts.every((fact) => textOf(fact, "title") !== undefined && textOf(fact, "value") !== undefined)
      ) {
        return "FactSetWithoutFacts";
      }
    }
  }
  return null;
}
