import "server-only";
import { describeError } from "@/lib/log-error";
import type { DeliveryConfig } from "./config";
import { judgeAnswer } from "./formats";
import type { HttpClient } from "./http-client";
import { type BuiltRequest, buildRequest, sendTarget } from "./request";
import { nextDelay } from "./schedule";
import type { AttemptResult, ClaimedDelivery, NextState } from "./types";

/** What one attempt needs besides the delivery: the engine's settings, its HTTP client and who holds the lease. */
export type AttemptContext = {
  config: DeliveryConfig;
  http: HttpClient;
  /** The lease holder (`locked_by`): recordResults only updates the row while it still holds it. */
  workerId: string;
  /** Sees the request as it is sent, signatures included (Send test shows it beside the answer). */
  onRequest?: (request: BuiltRequest) => void;
};

/**
 * Sends one attempt of a delivery its caller holds the lease of, and judges the answer: the one way to send,
 * used by the workers and by "Send test". Never throws for the target's faults (they are the result).
 * A test delivery (its event's facts say `test`) is never retried: a temporary failure ends it `failed`.
 */
export async function attemptDelivery(row: ClaimedDelivery, context: AttemptContext): Promise<AttemptResult> {
  const { config, http } = context;
  const started = new Date(config.clock());
  const number = row.attempts + 1;
  const retries = row.event.facts.test !== true;
  const retryOrFail = (retryAfterMs: number | null): NextState => {
    const wait = retries ? nextDelay(config.schedule, number, retryAfterMs) : null;
    return wait === null ? { status: "failed" } : { status: "pending", delayMs: wait };
  };
  const target = sendTarget(row.target, row.webhook, started);
  const base = {
    deliveryId: row.id,
    webhookId: row.webhookId,
    workerId: context.workerId,
    attempt: number,
    startedAt: started,
    configError: false,
    pause: null,
  };
  let request: BuiltRequest;
  try {
    request = buildRequest({
      event: row.event,
      target,
      timeZone: row.timeZone,
      baseUrl: config.baseUrl,
      userAgent: config.userAgent,
      now: started,
      deliveryId: row.id,
      ...(row.digest ? { digest: { items: row.digest, webhookId: row.webhookId } } : {}),
    });
  } catch (error) {
    // E.g. a secret that no longer decrypts (ENCRYPTION_KEY changed): retried, so a fixed key still delivers.
    return {
      ...base,
      durationMs: 0,
      requestUrl: "",
      requestHeaders: {},
      requestBody: "",
      responseStatus: null,
      responseHeaders: null,
      responseBody: null,
      error: `Could not prepare the request: ${describeError(error)}`,
      next: retryOrFail(null),
    };
  }
  context.onRequest?.(request);
  const response = await http.post({
    url: request.url,
    headers: request.headers,
    body: request.body,
    timeoutMs: config.totalTimeoutMs,
  });
  const judgedAt = config.clock();
  const verdict = judgeAnswer(
    target.type,
    { outcome: response.outcome, body: response.responseBody },
    judgedAt,
  );
  const next: NextState =
    verdict.kind === "success"
      ? { status: "succeeded" }
      : verdict.kind === "fail"
        ? { status: "failed" }
        : retryOrFail(verdict.retryAfterMs);
  return {
    ...base,
    durationMs: response.durationMs,
    requestUrl: request.recorded.url,
    requestHeaders: request.recorded.headers,
    requestBody: request.recorded.body,
    responseStatus: response.outcome.kind === "response" ? response.outcome.status : null,
    responseHeaders: response.responseHeaders,
    responseBody: response.responseBody,
    error: verdict.kind === "success" ? null : verdict.reason,
    next,
    configError: verdict.kind === "fail",
    pause:
      verdict.kind === "retry" && verdict.pauseMs
        ? { url: target.url, until: judgedAt + verdict.pauseMs }
        : null,
  };
}
