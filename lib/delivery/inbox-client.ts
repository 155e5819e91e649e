import "server-only";
import { INBOX_PATH, inboxTokenOf } from "@/lib/domain/test-inbox";
import { receiveAtInbox } from "@/lib/inbox/receive";
import { createHttpClient, type HttpClient, type HttpRequest, type HttpResult } from "./http-client";

/**
 * The engine's client with test inboxes (docs/delivery.md#test-inbox): a URL that names one of this
 * deployment's inboxes (its own origin, path `/api/inbox/<token>`) is delivered inside the process, with the
 * same headers, body and timeout as over the network; every other URL goes to `network`, whose address policy
 * is unchanged. So an inbox needs no exception in the SSRF guard, and cannot be used to reach anything else.
 */
export function withTestInboxes(network: HttpClient, baseUrl: string): HttpClient {
  // Most URLs are not an inbox's: a string comparison tells, before any parsing.
  const prefix = `${new URL(baseUrl).origin}${INBOX_PATH}`;
  async function post(request: HttpRequest): Promise<HttpResult> {
    const token = request.url.startsWith(prefix) ? inboxTokenOf(request.url, baseUrl) : null;
    if (!token) return network.post(request);
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), request.timeoutMs);
    try {
      const answer = receiveAtInbox({
        token,
        method: "POST",
        headers: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v])),
        body: request.body,
        via: "engine",
        signal: controller.signal,
      });
      const timedOut = new Promise<null>((resolve) =>
        controller.signal.addEventListener("abort", () => resolve(null), { once: true }),
      );
      const answered = await Promise.race([answer, timedOut]);
      if (!answered) {
        return {
          outcome: { kind: "error", error: "timeout", message: `Timed out after ${request.timeoutMs} ms` },
          responseHeaders: null,
          responseBody: null,
          durationMs: elapsed(),
        };
      }
      return {
        outcome: { kind: "response", status: answered.status, headers: answered.headers },
        responseHeaders: answered.headers,
        responseBody: answered.body,
        durationMs: elapsed(),
      };
    } catch (error) {
      return {
        outcome: { kind: "error", error: "connect", message: `Test inbox: ${(error as Error).message}` },
        responseHeaders: null,
        responseBody: null,
        durationMs: elapsed(),
      };
    } finally {
      clearTimeout(timer);
    }
  }
  return { post, close: () => network.close() };
}

/** The client every send uses (workers, Send test): the network with its address policy, and test inboxes. */
export function createDeliveryClient(config: {
  connectTimeoutMs: number;
  allowPrivateTargets: boolean;
  baseUrl: string;
}): HttpClient {
  const network = createHttpClient({
    connectTimeoutMs: config.connectTimeoutMs,
    allowPrivateTargets: config.allowPrivateTargets,
  });
  return withTestInboxes(network, config.baseUrl);
}
