import "server-only";
import { Webhook } from "standardwebhooks";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { findTestInbox, inboxWebhookSecrets, insertInboxRequest } from "@/lib/db/queries/test-inboxes";
import {
  INBOX_LIMITS,
  type InboxMode,
  type InboxSignature,
  inboxUrl,
  isInboxToken,
} from "@/lib/domain/test-inbox";

export type InboxArrival = {
  token: string;
  method: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: string;
  via: "engine" | "http";
  /** The dashboard's public URL: the inbox's own URL is built from it. */
  baseUrl: string;
  /** Ends a "slow" wait early: the sender gave up. */
  signal?: AbortSignal;
};

export type InboxAnswer = { status: number; headers: Record<string, string>; body: string };

const JSON_TYPE = { "content-type": "application/json; charset=utf-8" };

/** The answer of each mode (docs/delivery.md#test-inbox); "slow" gives it after INBOX_LIMITS.slowMs. */
const ANSWERS: Record<InboxMode, { status: number; body: object }> = {
  ok: { status: 200, body: { received: true } },
  fail: { status: 500, body: { error: "This test inbox is set to answer 500." } },
  slow: { status: 200, body: { received: true, slow: true } },
};

/**
 * Checks a Standard Webhooks signature against the live secrets of the team's webhooks that target the
 * inbox, with the standardwebhooks package (5 minutes' tolerance, any of several `v1,` signatures).
 */
async function verify(
  teamId: string,
  url: string,
  arrival: InboxArrival,
): Promise<{ signature: InboxSignature; webhookId: string | null }> {
  if (!arrival.headers["webhook-signature"]) return { signature: "unsigned", webhookId: null };
  const targets = await inboxWebhookSecrets(teamId, url);
  if (targets.length === 0) return { signature: "unknown", webhookId: null };
  for (const target of targets) {
    for (const secret of target.secrets) {
      try {
        new Webhook(decryptSecret(secret)).verify(arrival.body, arrival.headers);
        return { signature: "valid", webhookId: target.webhookId };
      } catch {
        // Another secret may match.
      }
    }
  }
  return { signature: "invalid", webhookId: null };
}

function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

/**
 * A request arriving at a test inbox, from the engine or over HTTP: recorded (the newest 100 are kept), then
 * answered as the inbox's mode says. An unknown token is a 404 and records nothing.
 */
export async function receiveAtInbox(arrival: InboxArrival): Promise<InboxAnswer> {
  const inbox = isInboxToken(arrival.token) ? await findTestInbox(arrival.token) : undefined;
  if (!inbox) {
    return { status: 404, headers: JSON_TYPE, body: JSON.stringify({ error: "No such test inbox." }) };
  }
  const url = inboxUrl(arrival.baseUrl, inbox.token);
  const { signature, webhookId } = await verify(inbox.teamId, url, arrival);
  const answer = ANSWERS[inbox.mode];
  const delayMs = inbox.mode === "slow" ? INBOX_LIMITS.slowMs : 0;
  await insertInboxRequest(
    inbox.id,
    {
      method: arrival.method,
      headers: arrival.headers,
      // Bodies the engine sends are far smaller; over HTTP, bigger ones were refused before.
      body: arrival.body.slice(0, INBOX_LIMITS.bodyBytes),
      signature,
      webhookId,
      via: arrival.via,
      answerStatus: answer.status,
      answerDelayMs: delayMs,
    },
    INBOX_LIMITS.requests,
  );
  if (delayMs > 0) await wait(delayMs, arrival.signal);
  return { status: answer.status, headers: JSON_TYPE, body: JSON.stringify(answer.body) };
}
