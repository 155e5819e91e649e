import type { Metadata } from "next";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { WebhookForm } from "@/components/webhooks/webhook-form";
import { requireAppPage } from "@/lib/auth/session";
import { listWebhooks } from "@/lib/db/queries/webhooks";
import { can } from "@/lib/domain/roles";
import { webhookLimitReached } from "@/lib/domain/webhook-limit";
import { LIMIT_MESSAGE } from "@/lib/webhooks/save-webhook";
import { saveWebhook } from "../actions";

export const metadata: Metadata = { title: "Create Webhook" };

export default async function NewWebhookPage({ params }: { params: Promise<{ appKey: string }> }) {
  const { appKey } = await params;
  const { app, role, payloadTimeZone } = await requireAppPage(appKey);
  const base = `/apps/${app.appKey}/settings/webhooks`;
  const count = (await listWebhooks(app.id)).length;
  const back = (
    <ButtonLink href={base} variant="secondary" className="self-start">
      Back to webhooks
    </ButtonLink>
  );
  return (
    <div className="flex flex-col gap-4">
      <h2 className="text-lg font-semibold">Create Webhook</h2>
      {!can.editWebhooks(role) ? (
        <>
          <Alert tone="warning" title="Read-only access">
            Only admins and owners can create webhooks.
          </Alert>
          {back}
        </>
      ) : webhookLimitReached(count) ? (
        <>
          <Alert tone="warning" title="Webhook limit reached">
            {LIMIT_MESSAGE}
          </Alert>
          {back}
        </>
      ) : (
        <WebhookForm
          action={saveWebhook.bind(null, app.appKey, null)}
          payloadTimeZone={payloadTimeZone}
          listHref={base}
          cancelHref={base}
        />
      )}
    </div>
  );
}
