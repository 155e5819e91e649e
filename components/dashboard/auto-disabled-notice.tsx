import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import type { AutoDisabledWebhook } from "@/lib/db/queries/webhooks";
import { formatUtc } from "@/lib/format";

/**
 * For the team's owners: every webhook of their apps that was turned off automatically, with a way to it.
 * `rule` is the automatic-disable rule in words (lib/delivery/auto-disable.ts describeRule).
 */
export function AutoDisabledNotice({ webhooks, rule }: { webhooks: AutoDisabledWebhook[]; rule: string }) {
  if (webhooks.length === 0) return null;
  const one = webhooks.length === 1;
  return (
    <Alert
      tone="warning"
      title={
        one
          ? "A webhook was turned off automatically"
          : `${webhooks.length} webhooks were turned off automatically`
      }
      className="mb-6"
    >
      <p>
        Every delivery attempt failed for too long ({rule}). Fix the receiving end, then re-enable{" "}
        {one ? "it" : "them"} on the app's Webhook page.
      </p>
      <ul className="mt-2 flex flex-col gap-1">
        {webhooks.map((webhook) => (
          <li key={webhook.webhookId}>
            <Link
              href={`/apps/${webhook.appKey}/settings/webhooks`}
              className="font-medium underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-indigo-600"
            >
              {webhook.appName}: “{webhook.webhookName}”
            </Link>
            {webhook.disabledAt ? <span> — turned off {formatUtc(webhook.disabledAt)}</span> : null}
          </li>
        ))}
      </ul>
    </Alert>
  );
}
