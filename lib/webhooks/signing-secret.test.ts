import { eq } from "drizzle-orm";
import { Webhook as StandardWebhook } from "standardwebhooks";
import { describe, expect, test } from "vitest";
import { NO_ORIGIN } from "@/lib/audit/origin";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { signatureHeader } from "@/lib/crypto/signature";
import { db } from "@/lib/db/client";
import { webhooks } from "@/lib/db/schema";
import { liveSigningSecrets } from "@/lib/events/emit";
import { uploadVersion } from "@/lib/versions/save-version";
import { appErrorOf } from "@/test/app-error";
import { dbTargets, useTestDatabase } from "@/test/databases";
import { makeTeamWithApp, webhookBody } from "@/test/factories";
import { onlyEventOf } from "@/test/outbox";
import { createWebhook } from "./save-webhook";
import { ROTATION_OVERLAP_MS, revealSigningSecret, rotateSigningSecret } from "./signing-secret";

const WHSEC = /^whsec_[A-Za-z0-9+/]{43}=$/;
const HOUR = 60 * 60 * 1000;

async function storedRow(id: string) {
  const [row] = await (await db()).select().from(webhooks).where(eq(webhooks.id, id));
  if (!row) throw new Error("webhook not stored");
  return row;
}

/** Signs a body the way deliveries are signed and says which of `secrets` verify it (standardwebhooks). */
function verifiedBy(signingSecrets: string[], secrets: string[]): boolean[] {
  const id = "evt_test";
  const timestamp = Math.floor(Date.now() / 1000);
  const body = JSON.stringify({ type: "updateVersion" });
  const headers = {
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": signatureHeader(signingSecrets, id, timestamp, body),
  };
  return secrets.map((secret) => {
    try {
      new StandardWebhook(secret).verify(body, headers);
      return true;
    } catch {
      return false;
    }
  });
}

describe.each(dbTargets())("signing secrets (%s)", (kind) => {
  useTestDatabase(kind);

  test("an admin reveals the webhook's current whsec_ secret, decrypted on demand", async () => {
    const { owner, actor: admin, app } = await makeTeamWithApp("admin");
    const webhook = await createWebhook(owner.user.id, app.appKey, webhookBody());
    const stored = await storedRow(webhook.id);

    const view = await revealSigningSecret(admin.user.id, app.appKey, webhook.id);
    expect(view.secret).toMatch(WHSEC);
    expect(view.secret).toBe(decryptSecret(stored.signingSecretEncrypted ?? ""));
    expect(stored.signingSecretEncrypted).not.toContain(view.secret.slice(6));
    expect(view.previousExpiresAt).toBeNull();
    // Revealing changes nothing.
    expect(await storedRow(webhook.id)).toEqual(stored);
  });

  test("a webhook without a signing secret (created before they existed) gets one on reveal", async () => {
    const { actor, app } = await makeTeamWithApp("owner");
    const webhook = await createWebhook(actor.user.id, app.appKey, webhookBody());
    await (await db())
      .update(webhooks)
      .set({ signingSecretEncrypted: null })
      .where(eq(webhooks.id, webhook.id));

    const view = await revealSigningSecret(actor.user.id, app.appKey, webhook.id);
    expect(view.secret).toMatch(WHSEC);
    expect(decryptSecret((await storedRow(webhook.id)).signingSecretEncrypted ?? "")).toBe(view.secret);
    expect((await revealSigningSecret(actor.user.id, app.appKey, webhook.id)).secret).toBe(view.secret);
  });

  test("rotation: the new secret is current, the old one keeps signing beside it for 24 hours", async () => {
    const { actor, app } = await makeTeamWithApp("owner");
    const webhook = await createWebhook(
      actor.user.id,
      app.appKey,
      webhookBody({ events: ["updateVersion"] }),
    );
    const before = await revealSigningSecret(actor.user.id, app.appKey, webhook.id);
    const now = new Date();

    const rotated = await rotateSigningSecret(actor.user.id, app.appKey, webhook.id, NO_ORIGIN, now);
    expect(rotated.secret).toMatch(WHSEC);
    expect(rotated.secret).not.toBe(before.secret);
    const expires = new Date(now.getTime() + ROTATION_OVERLAP_MS);
    expect(ROTATION_OVERLAP_MS).toBe(24 * HOUR);
    expect(rotated.previousExpiresAt).toBe(expires.toISOString());

    const row = await storedRow(webhook.id);
    expect(decryptSecret(row.signingSecretEncrypted ?? "")).toBe(rotated.secret);
    expect(decryptSecret(row.previousSigningSecretEncrypted ?? "")).toBe(before.secret);
    expect(row.previousSecretExpiresAt?.toISOString()).toBe(expires.toISOString());
    expect(await revealSigningSecret(actor.user.id, app.appKey, webhook.id, NO_ORIGIN, now)).toEqual(rotated);

    // Both secrets are live for 24 hours, then only the new one.
    const live = (at: number) => liveSigningSecrets(row, new Date(now.getTime() + at)).map(decryptSecret);
    expect(live(23 * HOUR)).toEqual([rotated.secret, before.secret]);
    expect(live(25 * HOUR)).toEqual([rotated.secret]);
    expect(
      (
        await revealSigningSecret(
          actor.user.id,
          app.appKey,
          webhook.id,
          NO_ORIGIN,
          new Date(now.getTime() + 25 * HOUR),
        )
      ).previousExpiresAt,
    ).toBeNull();

    // An event now is queued with both secrets; its signature verifies with either, not with a wrong one.
    await uploadVersion(actor.user.id, app.appKey, { version: "1.0", build: "1", sizeBytes: 1, notes: "" });
    const [delivery] = (await onlyEventOf(app.id, "updateVersion")).deliveries;
    const secrets = (delivery?.target.signingSecretsEncrypted ?? []).map(decryptSecret);
    expect(secrets).toEqual([rotated.secret, before.secret]);
    const wrong = `whsec_${Buffer.alloc(32, 7).toString("base64")}`;
    expect(verifiedBy(secrets, [rotated.secret, before.secret, wrong])).toEqual([true, true, false]);
  });

  test("rotating again within 24 hours retires the older previous secret at once", async () => {
    const { actor, app } = await makeTeamWithApp("owner");
    const webhook = await createWebhook(actor.user.id, app.appKey, webhookBody());
    const first = await revealSigningSecret(actor.user.id, app.appKey, webhook.id);
    const second = await rotateSigningSecret(actor.user.id, app.appKey, webhook.id);
    const third = await rotateSigningSecret(actor.user.id, app.appKey, webhook.id);
    const live = liveSigningSecrets(await storedRow(webhook.id), new Date()).map(decryptSecret);
    expect(live).toEqual([third.secret, second.secret]);
    expect(live).not.toContain(first.secret);
  });

  test("members may not reveal or rotate; other teams and unknown webhooks are not_found", async () => {
    const { owner, actor: member, app } = await makeTeamWithApp("member");
    const webhook = await createWebhook(owner.user.id, app.appKey, webhookBody());
    const other = await makeTeamWithApp("owner");
    const otherHook = await createWebhook(other.actor.user.id, other.app.appKey, webhookBody());
    const before = await storedRow(webhook.id);

    for (const action of [revealSigningSecret, rotateSigningSecret]) {
      expect((await appErrorOf(() => action(member.user.id, app.appKey, webhook.id))).code).toBe("forbidden");
      for (const attempt of [
        () => action(other.actor.user.id, app.appKey, webhook.id),
        () => action(other.actor.user.id, other.app.appKey, webhook.id),
        () => action(owner.user.id, app.appKey, otherHook.id),
        () => action(owner.user.id, app.appKey, "not-a-uuid"),
      ]) {
        expect((await appErrorOf(attempt)).code).toBe("not_found");
      }
    }
    expect(await storedRow(webhook.id)).toEqual(before);
  });
});
