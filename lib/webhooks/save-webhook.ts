import "server-only";
import { z } from "zod";
import { requireApp } from "@/lib/auth/access";
import type { Actor } from "@/lib/auth/actor";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { newSigningSecret } from "@/lib/crypto/signature";
import {
  deleteWebhookRow,
  insertWebhookWithinLimit,
  updateWebhookRow,
  type WebhookRow,
} from "@/lib/db/queries/webhooks";
import type { Webhook } from "@/lib/db/schema";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { checkTarget } from "@/lib/delivery/address-policy";
import { MAX_WEBHOOKS_PER_APP } from "@/lib/domain/webhook-limit";
import { env } from "@/lib/env";
import { AppError, invalid, notFound, text } from "@/lib/errors";
import { checkInboxTarget } from "@/lib/inbox/test-inboxes";
import { parseInput } from "@/lib/validation/parse";
import { webhookInput } from "@/lib/validation/webhook";
import { requireWebhook } from "./get-webhook";

export const LIMIT_MESSAGE = text("webhook.limitReached", { max: MAX_WEBHOOKS_PER_APP });
const NAME_TAKEN = { name: text("webhook.nameTaken") };

/** The list's switch sends Webhook State alone, and must send it (the form's default of "on" does not apply). */
const stateInput = z.object({ enabled: webhookInput.shape.enabled.unwrap() });

/** Validates the form, checks the URL's target, and prepares the stored secret. */
async function prepare(teamId: string, input: unknown, existing?: Webhook): Promise<WebhookRow> {
  const values = parseInput(webhookInput, input);
  const target =
    (await checkInboxTarget(teamId, values.url)) ??
    (await checkTarget(values.url, { allowPrivate: env().WEBHOOK_ALLOW_PRIVATE_TARGETS }));
  if (!target.ok) throw invalid({ url: target.text });
  let secretEncrypted = existing?.secretEncrypted ?? null;
  let secretHint = existing?.secretHint ?? null;
  if (values.secret) {
    secretEncrypted = encryptSecret(values.secret);
    secretHint = values.secret.slice(-4);
  } else if (values.clearSecret) {
    secretEncrypted = null;
    secretHint = null;
  }
  return {
    name: values.name,
    type: values.type,
    url: values.url,
    secretEncrypted,
    secretHint,
    language: values.language,
    events: values.events,
    enabled: values.enabled,
    // Digests are for chat robots (docs/robots.md#digests): on unless asked otherwise; never for JSON.
    digest:
      values.type !== "json" &&
      (values.digest ?? (existing && existing.type !== "json" ? existing.digest : true)),
  };
}

export async function createWebhook(actor: Actor, appKey: string, input: unknown): Promise<Webhook> {
  const { app } = await requireApp(actor, appKey, "admin");
  const values = await prepare(app.teamId, input);
  try {
    const signingSecretEncrypted = encryptSecret(newSigningSecret());
    const outcome = await insertWebhookWithinLimit(app.id, { ...values, signingSecretEncrypted });
    if (outcome.ok) return outcome.webhook;
    if (outcome.reason === "limit_reached") throw new AppError("limit_reached", LIMIT_MESSAGE);
    if (outcome.reason === "name_taken") throw invalid(NAME_TAKEN);
    throw notFound("App");
  } catch (error) {
    if (isUniqueViolation(error)) throw invalid(NAME_TAKEN);
    throw error;
  }
}

export async function updateWebhook(
  actor: Actor,
  appKey: string,
  webhookId: string,
  input: unknown,
): Promise<Webhook> {
  const { app } = await requireApp(actor, appKey, "admin");
  const existing = await requireWebhook(app.id, webhookId);
  const values = await prepare(app.teamId, input, existing);
  try {
    const outcome = await updateWebhookRow(app.id, existing.id, values);
    if (outcome.ok) return outcome.webhook;
    if (outcome.reason === "name_taken") throw invalid(NAME_TAKEN);
    throw notFound("Webhook");
  } catch (error) {
    if (isUniqueViolation(error)) throw invalid(NAME_TAKEN);
    throw error;
  }
}

/**
 * The list's on/off switch (admins): changes Webhook State and nothing else, so the URL is not checked again.
 * Turning it on clears an automatic disable's reason and starts a new failure streak, as saving the form does.
 */
export async function setWebhookEnabled(
  actor: Actor,
  appKey: string,
  webhookId: string,
  enabled: unknown,
): Promise<Webhook> {
  const { app } = await requireApp(actor, appKey, "admin");
  const values = parseInput(stateInput, { enabled });
  const existing = await requireWebhook(app.id, webhookId);
  const outcome = await updateWebhookRow(app.id, existing.id, values);
  if (!outcome.ok) throw notFound("Webhook");
  return outcome.webhook;
}

export async function deleteWebhook(actor: Actor, appKey: string, webhookId: string): Promise<void> {
  const { app } = await requireApp(actor, appKey, "admin");
  const existing = await requireWebhook(app.id, webhookId);
  if (!(await deleteWebhookRow(app.id, existing.id))) throw notFound("Webhook");
}
