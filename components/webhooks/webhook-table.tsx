import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { ActionResult } from "@/lib/action-result";
import { EVENT_LABELS, EVENT_TYPES } from "@/lib/domain/event-catalog";
import { WEBHOOK_TYPE_LABELS } from "@/lib/domain/webhook-types";
import { formatRate } from "@/lib/format";
import type { WebhookStanding } from "@/lib/webhooks/health";
import type { WebhookView } from "@/lib/webhooks/webhook-view";
import { DeleteWebhookButton } from "./delete-webhook-button";
import { WebhookStateSwitch } from "./webhook-state-switch";

type Props = {
  webhooks: WebhookView[];
  /** Health per webhook id (lib/webhooks/health.ts webhookStandings). */
  standings: Record<string, WebhookStanding>;
  editHref: (id: string) => string;
  /** The webhook's recent deliveries (any member may see them). */
  deliveriesHref: (id: string) => string;
  /** Present only for roles that may edit (with `stateAction`); members get a read-only table. */
  deleteAction?: (id: string) => () => Promise<ActionResult>;
  /** Webhook State's switch: on or off at once. */
  stateAction?: (id: string) => (enabled: boolean) => Promise<ActionResult>;
};

const linkClasses =
  "inline-flex h-10 items-center rounded-md px-3 text-sm font-medium text-indigo-700 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-600 sm:h-8";

/** The 24-hour success rate, compact: "98.5%" over "200 attempts". */
function SuccessRate({ standing }: { standing: WebhookStanding | undefined }) {
  const counts = standing?.last24h ?? { attempts: 0, succeeded: 0 };
  if (counts.attempts === 0) return <span className="text-sm text-zinc-500">No attempts</span>;
  const rate = counts.succeeded / counts.attempts;
  return (
    <span className="flex flex-col">
      <span className={rate < 0.9 ? "font-medium text-red-700" : "font-medium text-zinc-900"}>
        {formatRate(rate)}
      </span>
      <span className="text-xs text-zinc-500">
        of {counts.attempts} {counts.attempts === 1 ? "attempt" : "attempts"}
      </span>
    </span>
  );
}

export function WebhookTable({
  webhooks,
  standings,
  editHref,
  deliveriesHref,
  deleteAction,
  stateAction,
}: Props) {
  return (
    <Table>
      <caption className="sr-only">Webhooks</caption>
      <THead>
        <TR>
          <TH>Webhook Name</TH>
          <TH>Webhook Type</TH>
          <TH>URL</TH>
          <TH>Events</TH>
          <TH>Webhook State</TH>
          <TH>Success (24 h)</TH>
          <TH>
            <span className="sr-only">Actions</span>
          </TH>
        </TR>
      </THead>
      <TBody>
        {webhooks.map((webhook) => {
          const standing = standings[webhook.id];
          return (
            <TR key={webhook.id}>
              <TD className="font-medium text-zinc-900">{webhook.name}</TD>
              <TD label="Webhook Type">{WEBHOOK_TYPE_LABELS[webhook.type]}</TD>
              <TD label="URL" className="sm:min-w-56">
                <code className="font-mono text-xs break-all text-zinc-700">{webhook.maskedUrl}</code>
                {webhook.typeWarning ? (
                  <p className="mt-1 text-xs font-medium text-amber-800">{webhook.typeWarning}</p>
                ) : null}
              </TD>
              <TD label="Events">
                {webhook.events.length === EVENT_TYPES.length ? (
                  <span className="text-sm">All events</span>
                ) : (
                  <ul className="flex max-w-xs flex-wrap gap-1">
                    {webhook.events.map((event) => (
                      <li key={event}>
                        <Badge>{EVENT_LABELS[event].en}</Badge>
                      </li>
                    ))}
                  </ul>
                )}
              </TD>
              <TD label="Webhook State">
                <span className="flex flex-col items-start gap-1">
                  {stateAction ? (
                    <WebhookStateSwitch
                      webhookId={webhook.id}
                      name={webhook.name}
                      enabled={webhook.enabled}
                      action={stateAction(webhook.id)}
                    />
                  ) : (
                    <Badge tone={webhook.enabled ? "success" : "neutral"}>
                      {webhook.enabled ? "On" : "Off"}
                    </Badge>
                  )}
                  {standing?.autoDisabled ? (
                    <Badge tone="danger">Turned off automatically</Badge>
                  ) : standing?.failing && webhook.enabled ? (
                    <Badge tone="warning">Failing</Badge>
                  ) : null}
                </span>
              </TD>
              <TD label="Success (24 h)">
                <SuccessRate standing={standing} />
              </TD>
              <TD>
                <div className="flex flex-wrap gap-1 max-sm:-mx-3 sm:justify-end">
                  <Link href={deliveriesHref(webhook.id)} className={linkClasses}>
                    Deliveries
                  </Link>
                  {deleteAction ? (
                    <>
                      <Link href={editHref(webhook.id)} className={linkClasses}>
                        Edit
                      </Link>
                      <DeleteWebhookButton name={webhook.name} action={deleteAction(webhook.id)} />
                    </>
                  ) : null}
                </div>
              </TD>
            </TR>
          );
        })}
      </TBody>
    </Table>
  );
}
