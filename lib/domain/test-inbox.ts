/**
 * Test inboxes (docs/delivery.md#test-inbox): a team-owned URL served by AppHooks itself that records what
 * arrives. Their URLs are `<APP_URL>/api/inbox/<token>`; the engine delivers to them inside AppHooks, never
 * through the network, so the SSRF guard stays closed for everything else.
 */

/** Where an inbox's URL starts, after the dashboard's public URL. */
export const INBOX_PATH = "/api/inbox/";

/** What an inbox answers: 200 at once, 500 at once, or 200 only after the engine has given up waiting. */
export const INBOX_MODES = ["ok", "fail", "slow"] as const;
export type InboxMode = (typeof INBOX_MODES)[number];

export const INBOX_LIMITS = {
  /** Requests kept per inbox (the oldest go first). */
  requests: 100,
  /** Requests older than this go; so do inboxes no webhook uses any more. */
  keepMs: 24 * 3_600_000,
  /** Inboxes per team. */
  perTeam: 10,
  /** Bytes of a request's body kept; an HTTP request with more is answered 413. */
  bodyBytes: 256 * 1024,
  /** How long "slow" waits before answering: longer than the engine's default 15 s timeout. */
  slowMs: 20_000,
} as const;

const TOKEN = /^[A-Za-z0-9_-]{32}$/;

export function isInboxToken(value: string): boolean {
  return TOKEN.test(value);
}

export function inboxUrl(baseUrl: string, token: string): string {
  return `${new URL(baseUrl).origin}${INBOX_PATH}${token}`;
}

/**
 * The inbox token a webhook URL names, or null: the URL's origin must be the dashboard's own (scheme, host and
 * port), without user name or password, and its path exactly `/api/inbox/<token>` (a query, as DingTalk's
 * signature adds, is allowed). Anything else is an ordinary target.
 */
export function inboxTokenOf(url: string, baseUrl: string): string | null {
  let target: URL;
  let base: URL;
  try {
    target = new URL(url);
    base = new URL(baseUrl);
  } catch {
    return null;
  }
  if (target.origin !== base.origin || target.username || target.password) return null;
  if (!target.pathname.startsWith(INBOX_PATH)) return null;
  const token = target.pathname.slice(INBOX_PATH.length);
  return isInboxToken(token) ? token : null;
}

/** Whether a request's Standard Webhooks signature matched a secret of a webhook that targets the inbox. */
export type InboxSignature = "valid" | "invalid" | "unsigned" | "unknown";
