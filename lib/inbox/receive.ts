import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { Webhook } from "standardwebhooks";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { findTestInbox, inboxWebhookSecrets, insertInboxRequest } from "@/lib/db/queries/test-inboxes";
import { INBOX_LIMITS, type InboxMode, type InboxSignature, isInboxToken } from "@/lib/domain/test-inbox";

export type InboxArrival = {
  token: string;
  method: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: string;
  via: "engine" | "http";
  /** Ends a "slow" wait early: the sender gave up. */
  signal?: AbortSignal;
};

export type InboxAnswer = { status: number; headers: Record<string, string>; body: string };

const JSON_TYPE = { "content-type": "application/json; charset=utf-8" };

/** The answer of each mode (docs/delivery.md#test-inbox); "slow" gives it after INBOX_LIMITS.slowMs. */
const MODES: Record<InboxMode, { status: number; body: object }> = {
  ok: { status: 200, body: { received: true } },
  fail: { status: 500, body: { error: "This test inbox is set to answer 500." } },
  slow: { status: 200, body: { received: true, slow: true } },
};

type Targets = Awaited<ReturnType<typeof inboxWebhookSecrets>>;

/**
 * Checks a Standard Webhooks signature against the live secrets of the team's webhooks that target the
 * inbox, with the standardwebhooks package (5 minutes' tolerance, any of several `v1,` signatures).
 */
function verify(
  targets: Targets,
  arrival: InboxArrival,
): { signature: InboxSignature; webhookId: string | null } {
  if (!arrival.headers["webhook-signature"]) return { signature: "unsigned", webhookId: null };
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

const answer = (status: number, body: object): InboxAnswer => ({
  status,
  headers: JSON_TYPE,
  body: JSON.stringify(body),
});

/**
 * A request arriving at a test inbox, from the engine or over HTTP: recorded (the newest 100 are kept), then
 * answered as the inbox's mode says. An unknown token is a 404 and records nothing.
 */
export async function receiveAtInbox(arrival: InboxArrival): Promise<InboxAnswer> {
  const inbox = isInboxToken(arrival.token) ? await findTestInbox(arrival.token) : undefined;
  if (!inbox) return answer(404, { error: "No such test inbox." });
  const targets = await inboxWebhookSecrets(inbox.teamId, inbox.token);
  // The engine delivers here only for the inbox's own team: a webhook that left it (its app was transferred)
  // gets a 404, and its events are never shown to the old team.
  if (arrival.via === "engine" && targets.length === 0) {
    return answer(404, { error: "No webhook of this inbox's team uses it." });
  }
  const { signature, webhookId } = verify(targets, arrival);
  const mode = MODES[inbox.mode];
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
      answerStatus: mode.status,
      answerDelayMs: delayMs,
    },
    INBOX_LIMITS.requests,
  );
  if (delayMs > 0) await sleep(delayMs, undefined, { signal: arrival.signal }).catch(() => undefined);
  return answer(mode.status, mode.body);
}
