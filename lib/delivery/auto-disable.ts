import "server-only";
import type { Db } from "@/lib/db/client";
import { disableFailingWebhook, type FailingWebhook, findFailingWebhooks } from "@/lib/db/queries/webhooks";
import type { DisabledFacts } from "@/lib/domain/disabled-facts";
import { env } from "@/lib/env";
import { formatUtc } from "@/lib/format";

const HOUR_MS = 3_600_000;

/** docs/delivery.md#automatic-disable's rule: a webhook whose attempts have all failed for 5 days, and at least 10 in a row, goes off. */
export type AutoDisableRule = {
  /** The clock: when the rule is checked. */
  now: Date;
  /** How long every attempt must have failed (5 days by default). */
  failingForMs: number;
  /** How many attempts in a row must have failed (10 by default). */
  minFailures: number;
};

/** The rule from the environment (WEBHOOK_AUTO_DISABLE_AFTER_HOURS, WEBHOOK_AUTO_DISABLE_MIN_FAILURES) at `now`. */
export function autoDisableRule(now = new Date()): AutoDisableRule {
  const e = env();
  return {
    now,
    failingForMs: e.WEBHOOK_AUTO_DISABLE_AFTER_HOURS * HOUR_MS,
    minFailures: e.WEBHOOK_AUTO_DISABLE_MIN_FAILURES,
  };
}

/** The rule's terms, as the dashboard words them ("5 days of failures and at least 10 in a row"). */
export type AutoDisableTerms = { unit: "days" | "hours"; count: number; minFailures: number };

/** The rule in terms for the warning shown before it applies: in days, or hours when not whole days. */
export function describeRule(rule: Omit<AutoDisableRule, "now"> = autoDisableRule()): AutoDisableTerms {
  const hours = rule.failingForMs / HOUR_MS;
  return hours % 24 === 0
    ? { unit: "days", count: hours / 24, minFailures: rule.minFailures }
    : { unit: "hours", count: Number(hours.toFixed(2)), minFailures: rule.minFailures };
}

export type DisabledWebhook = { id: string; reason: string };

const MAX_ERROR = 300;

/** The last attempt in words: "HTTP 500", "HTTP 400, …", the connection error; null when none is recorded. */
export function lastOutcome(status: number | null, error: string | null): string | null {
  const text = error && error.length > MAX_ERROR ? `${error.slice(0, MAX_ERROR - 1)}…` : error;
  if (text && status !== null && !text.includes(String(status))) return `HTTP ${status}, ${text}`;
  return text ?? (status !== null ? `HTTP ${status}` : null);
}

/** The sentence shown on the webhook: how many failed, since when, and how the last one ended. */
export function disabledReason(webhook: FailingWebhook, now: Date): string {
  const last = lastOutcome(webhook.lastStatus, webhook.lastError);
  return (
    `Turned off automatically on ${formatUtc(now)}: all of its last ${webhook.consecutiveFailures} delivery ` +
    `attempts failed, since ${formatUtc(webhook.failingSince)}${last ? ` (last: ${last})` : ""}. ` +
    "Fix the endpoint, then re-enable the webhook."
  );
}

/**
 * Automatic disable (docs/delivery.md#automatic-disable): turns off every enabled webhook whose attempts have all failed for
 * `failingForMs` and at least `minFailures` in a row, with a reason and the time. A webhook that succeeds
 * meanwhile is left on (the update checks the rule again). Pending deliveries of a disabled webhook are then
 * finished as `disabled` by the worker. Returns the webhooks turned off.
 */
export async function disableFailingWebhooks(rule: AutoDisableRule, conn?: Db): Promise<DisabledWebhook[]> {
  const criteria = {
    failingSince: new Date(rule.now.getTime() - rule.failingForMs),
    minFailures: rule.minFailures,
  };
  const disabled: DisabledWebhook[] = [];
  for (const webhook of await findFailingWebhooks(criteria, conn)) {
    const reason = disabledReason(webhook, rule.now);
    const facts: DisabledFacts = {
      failures: webhook.consecutiveFailures,
      since: webhook.failingSince.toISOString(),
      last: lastOutcome(webhook.lastStatus, webhook.lastError),
    };
    if (await disableFailingWebhook(webhook.id, criteria, { reason, facts, at: rule.now }, conn)) {
      disabled.push({ id: webhook.id, reason });
    }
  }
  return disabled;
}
