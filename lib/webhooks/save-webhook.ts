import "server-only";
import { z } from "zod";
import { NO_ORIGIN, type Origin } from "@/lib/audit/origin";
import { created, diff, recordAudit } from "@/lib/audit/record";
import { requireApp } from "@/lib/auth/access";
import type { Actor } from "@/lib/auth/actor";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { newSigningSecret } from "@/lib/crypto/signature";
import { transaction } from "@/lib/db/client";
import {
  deleteWebhookRow,
  insertWebhookWithinLimit,
  lockWebhook,
  updateWebhookRow,
  type WebhookRow,
} from "@/lib/db/queries/webhooks";
import type { App, Webhook } from "@/lib/db/schema";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { checkTarget } from "@/lib/delivery/address-policy";
import type { AuditChange } from "@/lib/domain/audit";
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

/** A webhook's settings as the audit log records them (docs/audit.md): the URL is masked when stored. */
function audited(webhook: Webhook) {
  const { name, type, url, language, events, enabled, digest } = webhook;
  return { name, type, url, language, events, enabled, digest };
}
const AUDITED_FIELDS = ["name", "type", "url", "language", "events", "enabled", "digest"] as const;

/** The form's changes: its settings old → new, and whether the robot's secret changed (never its value). */
function webhookChanges(before: Webhook | undefined, after: Webhook): AuditChange[] {
  const changes = before
    ? diff(audited(before), audited(after), AUDITED_FIELDS)
    : created(audited(after), AUDITED_FIELDS);
  if ((before?.secretEncrypted ?? null) !== after.secretEncrypted)
    changes.push({ field: "secret", secret: true });
  return changes;
}

const target = (webhook: Webhook) => ({ id: webhook.id, name: webhook.name });

export async function createWebhook(
  actor: Actor,
  appKey: string,
  input: unknown,
  origin: Origin = NO_ORIGIN,
): Promise<Webhook> {
  const { app } = await requireApp(actor, appKey, "admin");
  const values = await prepare(app.teamId, input);
  try {
    const signingSecretEncrypted = encryptSecret(newSigningSecret());
    return await transaction(async (tx) => {
      const outcome = await insertWebhookWithinLimit(app.id, { ...values, signingSecretEncrypted }, tx);
      if (!outcome.ok) {
        if (outcome.reason === "limit_reached") throw new AppError("limit_reached", LIMIT_MESSAGE);
        if (outcome.reason === "name_taken") throw invalid(NAME_TAKEN);
        throw notFound("App");
      }
      const { webhook } = outcome;
      await recordAudit(tx, actor, origin, {
        teamId: app.teamId,
        kind: "webhook.created",
        app,
        target: target(webhook),
        changes: webhookChanges(undefined, webhook),
      });
      return webhook;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw invalid(NAME_TAKEN);
    throw error;
  }
}

/**
 * Writes `values` to the webhook and records what changed (nothing changed: no entry), in one transaction;
 * the webhook is locked meanwhile, so "before" is what the change replaced.
 */
async function changeWebhook(
  actor: Actor,
  origin: Origin,
  app: App,
  webhookId: string,
  values: Partial<WebhookRow>,
): Promise<Webhook> {
  try {
    return await transaction(async (tx) => {
      const before = await lockWebhook(tx, app.id, webhookId);
      if (!before) throw notFound("Webhook");
      const outcome = await updateWebhookRow(app.id, webhookId, values, tx);
      if (!outcome.ok) {
        if (outcome.reason === "name_taken") throw invalid(NAME_TAKEN);
        throw notFound("Webhook");
      }
      const changes = webhookChanges(before, outcome.webhook);
      if (changes.length > 0) {
        await recordAudit(tx, actor, origin, {
          teamId: app.teamId,
          kind: "webhook.updated",
          app,
          target: target(outcome.webhook),
          changes,
        });
      }
      return outcome.webhook;
    });
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
  origin: Origin = NO_ORIGIN,
): Promise<Webhook> {
  const { app } = await requireApp(actor, appKey, "admin");
  const existing = await requireWebhook(app.id, webhookId);
  const values = await prepare(app.teamId, input, existing);
  return changeWebhook(actor, origin, app, existing.id, values);
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
  origin: Origin = NO_ORIGIN,
): Promise<Webhook> {
  const { app } = await requireApp(actor, appKey, "admin");
  const values = parseInput(stateInput, { enabled });
  const existing = await requireWebhook(app.id, webhookId);
  return changeWebhook(actor, origin, app, existing.id, values);
}

export async function deleteWebhook(
  actor: Actor,
  appKey: string,
  webhookId: string,
  origin: Origin = NO_ORIGIN,
): Promise<void> {
  const { app } = await requireApp(actor, appKey, "admin");
  const existing = await requireWebhook(app.id, webhookId);
  await transaction(async (tx) => {
    if (!(await deleteWebhookRow(app.id, existing.id, tx))) throw notFound("Webhook");
    await recordAudit(tx, actor, origin, {
      teamId: app.teamId,
      kind: "webhook.deleted",
      app,
      target: target(existing),
    });
  });
}
