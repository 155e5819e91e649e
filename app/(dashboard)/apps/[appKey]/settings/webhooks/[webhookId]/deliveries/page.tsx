import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { DeliveriesView } from "@/components/deliveries/deliveries-view";
import { toJson } from "@/components/deliveries/delivery-json";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { DisabledReason } from "@/components/webhooks/disabled-reason";
import { ReEnableWebhookButton } from "@/components/webhooks/re-enable-webhook-button";
import { requireAppPage } from "@/lib/auth/session";
import { listDeliveries } from "@/lib/delivery-log/list-deliveries";
import { maskUrl } from "@/lib/domain/mask-url";
import { can } from "@/lib/domain/roles";
import { AppError } from "@/lib/errors";
import { getWebhook } from "@/lib/webhooks/get-webhook";
import { reEnableWebhook } from "../../actions";
import { resendFailedAction, sendTestAction } from "./actions";
import { WebhookHealth } from "./webhook-health";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("deliveries.page"))("metaTitle") };
}

type Props = { params: Promise<{ appKey: string; webhookId: string }> };

export default async function DeliveriesPage({ params }: Props) {
  const { appKey, webhookId } = await params;
  const { user } = await requireAppPage(appKey);
  const found = await Promise.all([
    getWebhook(user.id, appKey, webhookId, "member"),
    listDeliveries(user.id, appKey, webhookId, {}),
  ]).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const [{ app, role, webhook }, first] = found;
  const base = `/apps/${app.appKey}/settings/webhooks`;
  const here = `${base}/${webhook.id}/deliveries`;
  const t = await getTranslations("deliveries.page");
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="flex min-w-0 flex-col gap-1">
          <h2 className="text-lg font-semibold">{t("title", { name: webhook.name })}</h2>
          <p className="truncate font-mono text-xs text-zinc-500">{maskUrl(webhook.url)}</p>
        </div>
        <div className="flex gap-2">
          <ButtonLink href={`${base}/${webhook.id}`} variant="secondary">
            {t("editWebhook")}
          </ButtonLink>
          <ButtonLink href={base} variant="ghost">
            {t("allWebhooks")}
          </ButtonLink>
        </div>
      </div>
      {!webhook.enabled ? (
        <Alert tone="warning" title={webhook.disabledReason ? t("autoOffTitle") : t("offTitle")}>
          <div className="flex flex-col gap-2">
            {webhook.disabledReason ? (
              <p>
                <DisabledReason
                  reason={webhook.disabledReason}
                  facts={webhook.disabledFacts}
                  at={webhook.disabledAt}
                />
              </p>
            ) : null}
            <p>{t("off")}</p>
            {webhook.disabledReason && can.editWebhooks(role) ? (
              <ReEnableWebhookButton
                name={webhook.name}
                action={reEnableWebhook.bind(null, app.appKey, webhook.id)}
              />
            ) : null}
          </div>
        </Alert>
      ) : null}
      <DeliveriesView
        logUrl={`${here}/log`}
        detailBase={here}
        initial={{ deliveries: first.deliveries.map(toJson), nextCursor: first.nextCursor }}
        sendTest={can.editWebhooks(role) ? sendTestAction.bind(null, app.appKey, webhook.id) : undefined}
        resendFailed={
          can.editWebhooks(role) && webhook.enabled
            ? resendFailedAction.bind(null, app.appKey, webhook.id)
            : undefined
        }
      >
        <WebhookHealth webhookId={webhook.id} />
      </DeliveriesView>
    </div>
  );
}
