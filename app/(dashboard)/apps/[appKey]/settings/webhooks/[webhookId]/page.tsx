import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { SigningSecretPanel } from "@/components/webhooks/signing-secret-panel";
import { WebhookForm } from "@/components/webhooks/webhook-form";
import { requireAppPage } from "@/lib/auth/session";
import { can } from "@/lib/domain/roles";
import { appBaseUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { getWebhook } from "@/lib/webhooks/get-webhook";
import { previousSecretExpiry } from "@/lib/webhooks/signing-secret";
import { toFormDefaults } from "@/lib/webhooks/webhook-view";
import {
  newTestInbox,
  previewWebhookAction,
  revealSigningSecretAction,
  rotateSigningSecretAction,
  saveWebhook,
} from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("webhooks.edit"))("metaTitle") };
}

type Props = { params: Promise<{ appKey: string; webhookId: string }> };

export default async function EditWebhookPage({ params }: Props) {
  const { appKey, webhookId } = await params;
  const { user, payloadTimeZone } = await requireAppPage(appKey);
  const { app, role, webhook } = await getWebhook(user.id, appKey, webhookId, "member").catch(
    (error: unknown) => {
      if (error instanceof AppError && error.code === "not_found") notFound();
      throw error;
    },
  );
  const base = `/apps/${app.appKey}/settings/webhooks`;
  const t = await getTranslations();
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-lg font-semibold">{t("webhooks.edit.title", { name: webhook.name })}</h2>
        <ButtonLink href={`${base}/${webhook.id}/deliveries`} variant="secondary">
          {t("webhooks.edit.deliveries")}
        </ButtonLink>
      </div>
      {can.editWebhooks(role) ? (
        <>
          <WebhookForm
            action={saveWebhook.bind(null, app.appKey, webhook.id)}
            preview={previewWebhookAction.bind(null, app.appKey)}
            defaults={toFormDefaults(webhook)}
            payloadTimeZone={payloadTimeZone}
            listHref={base}
            cancelHref={base}
            newTestInbox={newTestInbox.bind(null, app.appKey)}
            inboxBaseUrl={appBaseUrl()}
          />
          {/* Standard Webhooks signing is for JSON receivers; chat robots check their own signatures. */}
          {webhook.type === "json" ? (
            <div className="max-w-2xl">
              <SigningSecretPanel
                reveal={revealSigningSecretAction.bind(null, app.appKey, webhook.id)}
                rotate={rotateSigningSecretAction.bind(null, app.appKey, webhook.id)}
                previousExpiresAt={previousSecretExpiry(webhook, new Date())}
              />
            </div>
          ) : null}
        </>
      ) : (
        <>
          <Alert tone="warning" title={t("common.readOnlyTitle")}>
            {t("webhooks.edit.readOnly")}
          </Alert>
          <ButtonLink href={base} variant="secondary" className="self-start">
            {t("webhooks.new.back")}
          </ButtonLink>
        </>
      )}
    </div>
  );
}
