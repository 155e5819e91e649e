import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { WebhookForm } from "@/components/webhooks/webhook-form";
import { requireAppPage } from "@/lib/auth/session";
import { listWebhooks } from "@/lib/db/queries/webhooks";
import { can } from "@/lib/domain/roles";
import { MAX_WEBHOOKS_PER_APP, webhookLimitReached } from "@/lib/domain/webhook-limit";
import { appBaseUrl } from "@/lib/env";
import { newTestInbox, previewWebhookAction, saveWebhook } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("webhooks.new"))("metaTitle") };
}

export default async function NewWebhookPage({ params }: { params: Promise<{ appKey: string }> }) {
  const { appKey } = await params;
  const { app, role, payloadTimeZone } = await requireAppPage(appKey);
  const base = `/apps/${app.appKey}/settings/webhooks`;
  const count = (await listWebhooks(app.id)).length;
  const t = await getTranslations();
  const back = (
    <ButtonLink href={base} variant="secondary" className="self-start">
      {t("webhooks.new.back")}
    </ButtonLink>
  );
  return (
    <div className="flex flex-col gap-4">
      <h2 className="text-lg font-semibold">{t("webhooks.new.title")}</h2>
      {!can.editWebhooks(role) ? (
        <>
          <Alert tone="warning" title={t("common.readOnlyTitle")}>
            {t("webhooks.new.readOnly")}
          </Alert>
          {back}
        </>
      ) : webhookLimitReached(count) ? (
        <>
          <Alert tone="warning" title={t("webhooks.new.limitTitle")}>
            {t("errors.webhook.limitReached", { max: MAX_WEBHOOKS_PER_APP })}
          </Alert>
          {back}
        </>
      ) : (
        <WebhookForm
          action={saveWebhook.bind(null, app.appKey, null)}
          preview={previewWebhookAction.bind(null, app.appKey)}
          payloadTimeZone={payloadTimeZone}
          listHref={base}
          cancelHref={base}
          newTestInbox={newTestInbox.bind(null, app.appKey)}
          inboxBaseUrl={appBaseUrl()}
        />
      )}
    </div>
  );
}
