"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, runAction } from "@/lib/action-result";
import { actionOrigin } from "@/lib/audit/origin";
import { actionUserId } from "@/lib/auth/session";
import { createTestInbox } from "@/lib/inbox/test-inboxes";
import type { WebhookInput, WebhookPreviewInput } from "@/lib/validation/webhook";
import { enableWebhook } from "@/lib/webhooks/enable-webhook";
import { previewWebhook, type WebhookPreview } from "@/lib/webhooks/preview-webhook";
import { createWebhook, deleteWebhook, setWebhookEnabled, updateWebhook } from "@/lib/webhooks/save-webhook";
import {
  revealSigningSecret,
  rotateSigningSecret,
  type SigningSecretView,
} from "@/lib/webhooks/signing-secret";

/** "Save Info": creates a webhook (webhookId null) or updates one. Roles and the limit are checked in lib/. */
export async function saveWebhook(
  appKey: string,
  webhookId: string | null,
  values: WebhookInput,
): Promise<ActionResult<{ id: string }>> {
  return runAction(async () => {
    const userId = await actionUserId();
    const origin = await actionOrigin();
    const webhook = webhookId
      ? await updateWebhook(userId, appKey, webhookId, values, origin)
      : await createWebhook(userId, appKey, values, origin);
    revalidatePath(`/apps/${appKey}`, "layout");
    return { id: webhook.id };
  });
}

/** The form's live preview: what the webhook would be sent for an event (admins only, checked in lib/). */
export async function previewWebhookAction(
  appKey: string,
  input: WebhookPreviewInput,
): Promise<ActionResult<WebhookPreview>> {
  return runAction(async () => previewWebhook(await actionUserId(), appKey, input));
}

/** The list's Webhook State switch (and its Undo): on or off at once. Roles are checked in lib/. */
export async function setWebhookState(
  appKey: string,
  webhookId: string,
  enabled: boolean,
): Promise<ActionResult> {
  return runAction(async () => {
    await setWebhookEnabled(await actionUserId(), appKey, webhookId, enabled, await actionOrigin());
    revalidatePath(`/apps/${appKey}`, "layout");
    return null;
  });
}

export async function removeWebhook(appKey: string, webhookId: string): Promise<ActionResult> {
  return runAction(async () => {
    await deleteWebhook(await actionUserId(), appKey, webhookId, await actionOrigin());
    revalidatePath(`/apps/${appKey}`, "layout");
    return null;
  });
}

/** "Re-enable": turns a webhook back on after an automatic disable (admins only, checked in lib/). */
export async function reEnableWebhook(appKey: string, webhookId: string): Promise<ActionResult> {
  return runAction(async () => {
    await enableWebhook(await actionUserId(), appKey, webhookId, await actionOrigin());
    revalidatePath(`/apps/${appKey}`, "layout");
    return null;
  });
}

/** "Reveal": the current signing secret, decrypted on demand (admins only, checked in lib/). Never logged. */
export async function revealSigningSecretAction(
  appKey: string,
  webhookId: string,
): Promise<ActionResult<SigningSecretView>> {
  return runAction(async () =>
    revealSigningSecret(await actionUserId(), appKey, webhookId, await actionOrigin()),
  );
}

/** "Rotate secret": a new current secret; the old one keeps signing for 24 hours. Answers the new one. */
export async function rotateSigningSecretAction(
  appKey: string,
  webhookId: string,
): Promise<ActionResult<SigningSecretView>> {
  return runAction(async () =>
    rotateSigningSecret(await actionUserId(), appKey, webhookId, await actionOrigin()),
  );
}

/** "Use a test inbox": a new inbox of the app's team, whose URL the form fills in (admins, checked in lib/). */
export async function newTestInbox(appKey: string): Promise<ActionResult<{ url: string; token: string }>> {
  return runAction(async () => {
    const inbox = await createTestInbox(await actionUserId(), appKey, await actionOrigin());
    return { url: inbox.url, token: inbox.token };
  });
}
