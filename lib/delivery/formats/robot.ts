import "server-only";
import type { WebhookType } from "@/lib/domain/webhook-types";
import { type AttemptOutcome, judge, parseRetryAfter, type Verdict } from "../judge";
import type { Message } from "./message";
import { cutUtf8 } from "./truncate";

export type RobotType = Exclude<WebhookType, "json">;

/** What a robot format needs to build one attempt's request. */
export type RobotInput = {
  message: Message;
  /** The webhook URL as configured. */
  url: string;
  /** The robot's signing secret (DingTalk `SEC…`, Lark), decrypted; null when none is set. */
  secret: string | null;
  /** Stable across the retries of one delivery (DingTalk `msgUuid`). */
  deliveryId: string;
  /** This attempt's time (signing timestamps). */
  now: Date;
};

export type RobotRequest = {
  /** Where to POST: the webhook URL, plus DingTalk's timestamp and sign. */
  url: string;
  body: unknown;
  /** The body as the attempt record keeps it (Lark's `sign` masked). */
  recordedBody: unknown;
  /** Whether the notes were cut to fit the service's limit. */
  truncated: boolean;
};

/** A robot's answer to an attempt. */
export type RobotAnswer = { outcome: AttemptOutcome; body: string | null };

/** Everything AppHooks knows about one chat-robot service (docs/robots.md): its message format and its answers. */
export type RobotFormat = {
  type: RobotType;
  /** The service's name in messages: "DingTalk", "Lark/Feishu"… */
  service: string;
  build(input: RobotInput): RobotRequest;
  judge(answer: RobotAnswer, now: number): Verdict;
};

/** A JSON object from a response body, or null. */
export function jsonObject(body: string | null): Record<string, unknown> | null {
  if (!body) return null;
  try {
    const value: unknown = JSON.parse(body);
    return value && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** A service's own message, made safe to show: one line, at most 300 bytes. */
export function serviceText(value: unknown): string {
  const text = typeof value === "string" ? value : value == null ? "" : JSON.stringify(value);
  const line = text.replace(/\s+/g, " ").trim();
  const cut = cutUtf8(line, 300);
  return cut.length < line.length ? `${cut}…` : cut;
}

/** A configuration error: fail without retrying, saying what the service said and what to do. */
export function rejected(service: string, said: string, hint?: string): Verdict {
  return { kind: "fail", reason: `${service} rejected the message: ${said}${hint ? ` — ${hint}` : ""}` };
}

/** The service asked to slow down: retry later, and send nothing to this robot for `pauseMs`. */
export function throttled(
  service: string,
  said: string,
  pauseMs: number,
  retryAfterMs?: number | null,
): Verdict {
  return {
    kind: "retry",
    reason: `${service} asked to slow down: ${said}`,
    retryAfterMs: retryAfterMs ?? pauseMs,
    pauseMs,
  };
}

/** A temporary error reported in the body (e.g. "system busy"): retry on the schedule. */
export function busy(service: string, said: string): Verdict {
  return { kind: "retry", reason: `${service} is temporarily unavailable: ${said}`, retryAfterMs: null };
}

/**
 * An answer that is not the service's success, judged on its HTTP status alone: errors of the connection and
 * redirects as for any webhook; 429 waits as long as the service says (`Retry-After`, else `defaultPauseMs`);
 * 408, 425 and 5xx are retried; other 4xx are configuration errors, with the service's text.
 */
export function judgeHttp(
  service: string,
  answer: RobotAnswer,
  now: number,
  options: { defaultPauseMs: number; said?: string; hint?: string },
): Verdict {
  const { outcome } = answer;
  if (outcome.kind === "error") return judge(outcome, now);
  const { status, headers } = outcome;
  const said = options.said ?? (serviceText(answer.body) || `HTTP ${status}`);
  if (status === 429) {
    const wait = parseRetryAfter(headers["retry-after"], now);
    return throttled(service, `${said} (HTTP 429)`, wait ?? options.defaultPauseMs, wait);
  }
  const generic = judge(outcome, now);
  if (generic.kind === "retry") return { ...generic, reason: `${service}: HTTP ${status} ${said}`.trim() };
  if (status >= 400 && status < 500) {
    return rejected(service, said === `HTTP ${status}` ? said : `${said} (HTTP ${status})`, options.hint);
  }
  return generic.kind === "success"
    ? rejected(service, `HTTP ${status} without the expected answer`, options.hint)
    : generic;
}

/**
 * The `{errcode, errmsg}` answer of WeCom and DingTalk robots: only HTTP 200 with errcode 0 is success. Returns
 * the verdict when the answer is judged already (not HTTP 200, no errcode, or success); otherwise the code and
 * what the service said, for the caller's own table of codes.
 */
export function readErrcode(
  service: string,
  answer: RobotAnswer,
  now: number,
  robot: string,
): Verdict | { code: number; errmsg: string; said: string } {
  const { outcome } = answer;
  if (outcome.kind !== "response" || outcome.status !== 200) {
    return judgeHttp(service, answer, now, { defaultPauseMs: 60_000 });
  }
  const json = jsonObject(answer.body);
  const code = json?.errcode;
  if (typeof code !== "number") {
    return rejected(
      service,
      `an answer without errcode (${serviceText(answer.body) || "empty"})`,
      `check that the URL is a ${robot}'s webhook address`,
    );
  }
  if (code === 0) return { kind: "success" };
  const errmsg = serviceText(json?.errmsg) || "no message";
  return { code, errmsg, said: `${errmsg} (errcode ${code})` };
}

/** Only characters that are safe in a JSON body and a chat message: line breaks kept, other controls dropped. */
export function plain(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "");
}

/**
 * `&`, `<` and `>` as entities: Slack's mrkdwn reads `<!channel>` and `<@U123>`, Lark's lark_md reads
 * `<at id=all></at>`; user text (feedback, notes) must never mention anyone.
 */
export function entities(text: string): string {
  return plain(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
