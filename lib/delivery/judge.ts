import "server-only";

/**
 * What an attempt's outcome means (docs/delivery.md#outcomes, docs/robots.md#judging): success on 2xx; retry on 408, 425, 429,
 * 5xx, timeouts and connection errors; fail fast on other 4xx, on redirects (never followed: the URL is
 * wrong) and on refused (non-public) addresses.
 */
export type Verdict =
  | { kind: "success" }
  | {
      kind: "retry";
      reason: string;
      retryAfterMs: number | null;
      /** A chat robot asked to slow down: nothing more is sent to it for this long (the rate limiter). */
      pauseMs?: number;
    }
  | { kind: "fail"; reason: string };

/** The outcome of one HTTP attempt, as the HTTP client reports it. */
export type AttemptOutcome =
  | { kind: "response"; status: number; headers: Record<string, string> }
  | { kind: "error"; error: "timeout" | "connect" | "blocked" | "invalid"; message: string };

const RETRY_STATUSES = new Set([408, 425, 429]);

/**
 * `Retry-After` in ms from `now`: delay-seconds or an HTTP date; null when absent or unreadable.
 * A date in the past means "now" (0).
 */
export function parseRetryAfter(value: string | undefined | null, now: number = Date.now()): number | null {
  if (value == null) return null;
  const text = value.trim();
  if (text === "") return null;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // HTTP dates start with the day name ("Sun, 06 Nov 1994 08:49:37 GMT").
  if (!/^[A-Za-z]{3}/.test(text)) return null;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
}

export function judge(outcome: AttemptOutcome, now: number = Date.now()): Verdict {
  if (outcome.kind === "error") {
    if (outcome.error === "blocked" || outcome.error === "invalid") {
      return { kind: "fail", reason: outcome.message };
    }
    return { kind: "retry", reason: outcome.message, retryAfterMs: null };
  }
  const { status, headers } = outcome;
  if (status >= 200 && status < 300) return { kind: "success" };
  if (RETRY_STATUSES.has(status) || status >= 500) {
    return {
      kind: "retry",
      reason: `HTTP ${status}`,
      retryAfterMs: parseRetryAfter(headers["retry-after"], now),
    };
  }
  if (status >= 300 && status < 400) {
    return {
      kind: "fail",
      reason: `HTTP ${status}: redirects are not followed; update the webhook URL to the final address`,
    };
  }
  if (status >= 400 && status < 500) return { kind: "fail", reason: `HTTP ${status}` };
  // 1xx as a final status, or something outside HTTP's range: treat as temporary.
  return { kind: "retry", reason: `HTTP ${status}`, retryAfterMs: null };
}
