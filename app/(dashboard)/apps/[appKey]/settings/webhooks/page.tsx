import type { Metadata } from "next";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
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
import { formatUtc } from "@/lib/format";
import { webhookStandings } from "@/lib/webhooks/health";
import { LIMIT_MESSAGE } from "@/lib/webhooks/save-webhook";
import { toWebhookView } from "@/lib/webhooks/webhook-view";
import { reEnableWebhook, removeWebhook, saveWebhook, setWebhookState } from "./actions";

export const metadata: Metadata = { title: "Webhook" };

export default async function WebhooksPage({ params }: { params: Promise<{ appKey: string }> }) {
  const { appKey } = await params;
  const { app, role, payloadTimeZone } = await requireAppPage(appKey);
  const [rows, warnings] = await Promise.all([listWebhooks(app.id), webhookWarnings(app.id)]);
  const webhooks = rows.map(toWebhookView);
  const standings = await webhookStandings(rows);
  const editable = can.editWebhooks(role);
  const base = `/apps/${app.appKey}/settings/webhooks`;
  const full = webhookLimitReached(webhooks.length);

  const header = (
    <div className="flex flex-wrap items-center justify-between gap-4">
      <div className="flex items-center gap-3">
        <h2 className="text-lg font-semibold">Webhook</h2>
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
            Create Webhook
          </Button>
        ) : (
          <ButtonLink href={`${base}/new`}>Create Webhook</ButtonLink>
        )
      ) : null}
    </div>
  );
  const intro = (
    <p className="text-sm text-zinc-600">
      Push this app's events (new versions, feedback, crashes…) as JSON to your own services or to a
      group-chat robot. Up to {MAX_WEBHOOKS_PER_APP} webhooks per app.
    </p>
  );

  // The first time, with no webhooks yet, the form opens straight away (as Pgyer does).
  if (webhooks.length === 0 && editable) {
    return (
      <div className="flex flex-col gap-4">
        {header}
        {intro}
        <WebhookForm
          action={saveWebhook.bind(null, app.appKey, null)}
          payloadTimeZone={payloadTimeZone}
          listHref={base}
          cancelHref={`/apps/${app.appKey}`}
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
          {LIMIT_MESSAGE}
        </p>
      ) : null}
      {warnings.map((warning) => {
        const webhook = webhooks.find((w) => w.id === warning.webhookId);
        return webhook ? (
          <Alert key={warning.webhookId} tone="warning" title={`“${webhook.name}” is not receiving messages`}>
            {warning.message}
            <span className="mt-1 block text-xs">Last rejected {formatUtc(warning.at)}.</span>
          </Alert>
        ) : null;
      })}
      {webhooks.map((webhook) => {
        const standing = standings[webhook.id];
        if (standing?.autoDisabled) {
          return (
            <Alert key={webhook.id} tone="warning" title={`“${webhook.name}” was turned off automatically`}>
              {standing.autoDisabled.reason}
              {editable ? (
                <ReEnableWebhookButton
                  name={webhook.name}
                  action={reEnableWebhook.bind(null, app.appKey, webhook.id)}
                />
              ) : (
                <span className="mt-1 block text-xs">An admin or owner can re-enable it.</span>
              )}
            </Alert>
          );
        }
        if (standing?.failing && webhook.enabled) {
          return (
            <Alert key={webhook.id} tone="warning" title={`“${webhook.name}” has been failing`}>
              Its last {standing.failing.count} delivery attempts failed, since{" "}
              {formatUtc(standing.failing.since)}. A webhook is turned off automatically after{" "}
              {describeRule()}.
            </Alert>
          );
        }
        return null;
      })}
      {!editable ? (
        <Alert tone="info" title="Read-only access">
          Members can see webhooks (with their URLs masked) but not change them. Ask an admin or owner.
        </Alert>
      ) : null}
      {webhooks.length === 0 ? (
        <EmptyState title="No webhooks yet" description="An admin or owner of this team can create one." />
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
