import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Time } from "@/components/ui/time";
import { DisabledReason } from "@/components/webhooks/disabled-reason";
import { ReEnableWebhookButton } from "@/components/webhooks/re-enable-webhook-button";
import { WebhookForm } from "@/components/webhooks/webhook-form";
import { WebhookCount } from "@/components/webhooks/webhook-limit";
import { WebhookTable } from "@/components/webhooks/webhook-table";
import { requireAppPage } from "@/lib/auth/session";
import { webhookWarnings } from "@/lib/db/queries/webhook-warnings";
import { listWebhooks } from "@/lib/db/queries/webhooks";
import { describeRule } from "@/lib/delivery/auto-disable";
import { can } from "@/lib/domain/roles";
import { MAX_WEBHOOKS_PER_APP, webhookLimitReached } from "@/lib/domain/webhook-limit";
import { appBaseUrl } from "@/lib/env";
import { webhookStandings } from "@/lib/webhooks/health";
import { toWebhookView } from "@/lib/webhooks/webhook-view";
import {
  newTestInbox,
  previewWebhookAction,
  reEnableWebhook,
  removeWebhook,
  saveWebhook,
  setWebhookState,
} from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("webhooks.list"))("metaTitle") };
}

export default async function WebhooksPage({ params }: { params: Promise<{ appKey: string }> }) {
  const { appKey } = await params;
  const { app, role, payloadTimeZone } = await requireAppPage(appKey);
  const [rows, warnings] = await Promise.all([listWebhooks(app.id), webhookWarnings(app.id)]);
  const webhooks = rows.map(toWebhookView);
  const standings = await webhookStandings(rows);
  const editable = can.editWebhooks(role);
  const base = `/apps/${app.appKey}/settings/webhooks`;
  const full = webhookLimitReached(webhooks.length);
  const t = await getTranslations("webhooks");
  const tc = await getTranslations("common");
  const te = await getTranslations("errors");

  const header = (
    <div className="flex flex-wrap items-center justify-between gap-4">
      <div className="flex items-center gap-3">
        <h2 className="text-lg font-semibold">{t("list.title")}</h2>
        <WebhookCount count={webhooks.length} />
      </div>
      {editable && webhooks.length > 0 ? (
        full ? (
          // aria-disabled (not disabled) keeps it focusable, so the reason below is announced.
          <Button
            aria-disabled="true"
            aria-describedby="webhook-limit-reason"
            className="cursor-not-allowed opacity-60"
          >
            {t("list.create")}
          </Button>
        ) : (
          <ButtonLink href={`${base}/new`}>{t("list.create")}</ButtonLink>
        )
      ) : null}
    </div>
  );
  const intro = <p className="text-sm text-zinc-600">{t("list.intro", { max: MAX_WEBHOOKS_PER_APP })}</p>;

  // The first time, with no webhooks yet, the form opens straight away (as Pgyer does).
  if (webhooks.length === 0 && editable) {
    return (
      <div className="flex flex-col gap-4">
        {header}
        {intro}
        <WebhookForm
          action={saveWebhook.bind(null, app.appKey, null)}
          preview={previewWebhookAction.bind(null, app.appKey)}
          payloadTimeZone={payloadTimeZone}
          listHref={base}
          cancelHref={`/apps/${app.appKey}`}
          newTestInbox={newTestInbox.bind(null, app.appKey)}
          inboxBaseUrl={appBaseUrl()}
        />
      </div>
    );
  }

  return (
    <div className="flex flex-col gap-4">
      {header}
      {intro}
      {editable && full ? (
        <p id="webhook-limit-reason" className="text-sm text-amber-800">
          {te("webhook.limitReached", { max: MAX_WEBHOOKS_PER_APP })}
        </p>
      ) : null}
      {warnings.map((warning) => {
        const webhook = webhooks.find((w) => w.id === warning.webhookId);
        return webhook ? (
          <Alert
            key={warning.webhookId}
            tone="warning"
            title={t("list.notReceivingTitle", { name: webhook.name })}
          >
            {warning.message}
            <span className="mt-1 block text-xs">
              {t.rich("list.lastRejected", { time: () => <Time value={warning.at} /> })}
            </span>
          </Alert>
        ) : null;
      })}
      {webhooks.map((webhook) => {
        const standing = standings[webhook.id];
        if (standing?.autoDisabled) {
          return (
            <Alert
              key={webhook.id}
              tone="warning"
              title={t("list.autoDisabledTitle", { name: webhook.name })}
            >
              <DisabledReason {...standing.autoDisabled} />
              {editable ? (
                <ReEnableWebhookButton
                  name={webhook.name}
                  action={reEnableWebhook.bind(null, app.appKey, webhook.id)}
                />
              ) : (
                <span className="mt-1 block text-xs">{t("list.askAdmin")}</span>
              )}
            </Alert>
          );
        }
        if (standing?.failing && webhook.enabled) {
          return (
            <Alert key={webhook.id} tone="warning" title={t("list.failingTitle", { name: webhook.name })}>
              {t.rich("list.failing", {
                count: standing.failing.count,
                rule: t("rule", describeRule()),
                time: () => <Time value={standing.failing?.since ?? new Date()} />,
              })}
            </Alert>
          );
        }
        return null;
      })}
      {!editable ? (
        <Alert tone="info" title={tc("readOnlyTitle")}>
          {t("list.readOnly")}
        </Alert>
      ) : null}
      {webhooks.length === 0 ? (
        <EmptyState title={t("list.emptyTitle")} description={t("list.empty")} />
      ) : (
        <WebhookTable
          webhooks={webhooks}
          standings={standings}
          editHref={(id) => `${base}/${id}`}
          deliveriesHref={(id) => `${base}/${id}/deliveries`}
          deleteAction={editable ? (id) => removeWebhook.bind(null, app.appKey, id) : undefined}
          stateAction={editable ? (id) => setWebhookState.bind(null, app.appKey, id) : undefined}
        />
      )}
    </div>
  );
}
