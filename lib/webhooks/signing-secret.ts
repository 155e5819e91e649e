import "server-only";
import { NO_ORIGIN, type Origin } from "@/lib/audit/origin";
import { recordAudit } from "@/lib/audit/record";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";
import { newSigningSecret } from "@/lib/crypto/signature";
import { transaction } from "@/lib/db/client";
import { lockWebhook, setSigningSecrets } from "@/lib/db/queries/webhooks";
import type { Webhook } from "@/lib/db/schema";
import { notFound } from "@/lib/errors";
import { getWebhook } from "@/lib/webhooks/get-webhook";

/** After a rotation, the previous secret keeps signing beside the new one for this long. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;

/** What an admin sees on demand: the current `whsec_` secret, and until when the previous one still signs. */
export type SigningSecretView = { secret: string; previousExpiresAt: string | null };

/** Until when the previous secret still signs, if it does at `now`. */
export function previousSecretExpiry(webhook: Webhook, now: Date): string | null {
  const expires = webhook.previousSecretExpiresAt;
  return webhook.previousSigningSecretEncrypted && expires && expires > now ? expires.toISOString() : null;
}

/**
 * "Reveal" (admins only): the webhook's current signing secret, decrypted. A webhook created before signing
 * secrets existed gets one now (as the first event would give it). Each reveal is recorded in the audit log
 * (who saw it, never the secret).
 */
export async function revealSigningSecret(
  userId: string,
  appKey: string,
  webhookId: string,
  origin: Origin = NO_ORIGIN,
  now = new Date(),
): Promise<SigningSecretView> {
  const { app, webhook } = await getWebhook(userId, appKey, webhookId, "admin");
  return transaction(async (tx) => {
    const locked = await lockWebhook(tx, app.id, webhook.id);
    if (!locked) throw notFound("Webhook");
    await recordAudit(tx, userId, origin, {
      teamId: app.teamId,
      kind: "webhook.secret_revealed",
      app,
      target: { id: locked.id, name: locked.name },
      at: now,
    });
    if (locked.signingSecretEncrypted) {
      return {
        secret: decryptSecret(locked.signingSecretEncrypted),
        previousExpiresAt: previousSecretExpiry(locked, now),
      };
    }
    const secret = newSigningSecret();
    await setSigningSecrets(tx, app.id, locked.id, {
      signingSecretEncrypted: encryptSecret(secret),
      previousSigningSecretEncrypted: locked.previousSigningSecretEncrypted,
      previousSecretExpiresAt: locked.previousSecretExpiresAt,
    });
    return { secret, previousExpiresAt: previousSecretExpiry(locked, now) };
  });
}

/**
 * "Rotate secret" (admins only): a new secret becomes current at once; the one it replaces keeps signing
 * beside it for 24 hours (`previousSecretExpiresAt`), so receivers can switch without dropping a delivery.
 * Rotating again within those 24 hours retires the older previous secret at once. Returns the new secret.
 */
export async function rotateSigningSecret(
  userId: string,
  appKey: string,
  webhookId: string,
  origin: Origin = NO_ORIGIN,
  now = new Date(),
): Promise<SigningSecretView> {
  const { app, webhook } = await getWebhook(userId, appKey, webhookId, "admin");
  return transaction(async (tx) => {
    const locked = await lockWebhook(tx, app.id, webhook.id);
    if (!locked) throw notFound("Webhook");
    await recordAudit(tx, userId, origin, {
      teamId: app.teamId,
      kind: "webhook.secret_rotated",
      app,
      target: { id: locked.id, name: locked.name },
      changes: [{ field: "signing_secret", secret: true }],
      at: now,
    });
    const secret = newSigningSecret();
    const previous = locked.signingSecretEncrypted;
    const expires = previous ? new Date(now.getTime() + ROTATION_OVERLAP_MS) : null;
    const updated = await setSigningSecrets(tx, app.id, locked.id, {
      signingSecretEncrypted: encryptSecret(secret),
      previousSigningSecretEncrypted: previous,
      previousSecretExpiresAt: expires,
    });
    if (!updated) throw notFound("Webhook");
    return { secret, previousExpiresAt: previousSecretExpiry(updated, now) };
  });
}
