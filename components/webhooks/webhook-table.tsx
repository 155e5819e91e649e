import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { ActionResult } from "@/lib/action-result";
import { EVENT_LABELS, EVENT_TYPES } from "@/lib/events/catalog";
import { WEBHOOK_TYPE_LABELS } from "@/lib/webhooks/webhook-types";
import type { WebhookView } from "@/lib/webhooks/webhook-view";
import { DeleteWebhookButton } from "./delete-webhook-button";

type Props = {
  webhooks: WebhookView[];
  editHref: (id: string) => string;
  /** Present only for roles that may edit; members get a read-only table. */
  deleteAction?: (id: string) => () => Promise<ActionResult>;
};

export function WebhookTable({ webhooks, editHref, deleteAction }: Props) {
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
          {deleteAction ? (
            <TH>
              <span className="sr-only">Actions</span>
            </TH>
          ) : null}
        </TR>
      </THead>
      <TBody>
        {webhooks.map((webhook) => (
          <TR key={webhook.id}>
            <TD className="font-medium">{webhook.name}</TD>
            <TD>{WEBHOOK_TYPE_LABELS[webhook.type]}</TD>
            <TD>
              <code className="break-all font-mono text-xs text-zinc-700">{webhook.maskedUrl}</code>
              {webhook.typeWarning ? (
                <p className="mt-1 text-xs font-medium text-amber-800">{webhook.typeWarning}</p>
              ) : null}
            </TD>
            <TD>
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
            <TD>
              <Badge tone={webhook.enabled ? "success" : "neutral"}>{webhook.enabled ? "On" : "Off"}</Badge>
            </TD>
            {deleteAction ? (
              <TD className="whitespace-nowrap text-right">
                <Link
                  href={editHref(webhook.id)}
                  className="mr-1 rounded-md px-3 py-1.5 text-sm font-medium text-indigo-700 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
                >
                  Edit
                </Link>
                <DeleteWebhookButton name={webhook.name} action={deleteAction(webhook.id)} />
              </TD>
            ) : null}
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
