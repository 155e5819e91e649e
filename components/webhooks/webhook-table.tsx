import Link from "next/link";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { ActionResult } from "@/lib/action-result";
import { EVENT_TYPES } from "@/lib/domain/event-catalog";
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
  const t = useTranslations("webhooks.table");
  const counts = standing?.last24h ?? { attempts: 0, succeeded: 0 };
  if (counts.attempts === 0) return <span className="text-sm text-zinc-500">{t("noAttempts")}</span>;
  const rate = counts.succeeded / counts.attempts;
  return (
    <span className="flex flex-col">
      <span className={rate < 0.9 ? "font-medium text-red-700" : "font-medium text-zinc-900"}>
        {formatRate(rate)}
      </span>
      <span className="text-xs text-zinc-500">{t("ofAttempts", { count: counts.attempts })}</span>
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
  const t = useTranslations();
  return (
    <Table>
      <caption className="sr-only">{t("webhooks.table.caption")}</caption>
      <THead>
        <TR>
          <TH>{t("webhooks.table.name")}</TH>
          <TH>{t("webhooks.table.type")}</TH>
          <TH>{t("webhooks.table.url")}</TH>
          <TH>{t("webhooks.table.events")}</TH>
          <TH>{t("webhooks.table.state")}</TH>
          <TH>{t("webhooks.table.success")}</TH>
          <TH>
            <span className="sr-only">{t("webhooks.table.actions")}</span>
          </TH>
        </TR>
      </THead>
      <TBody>
        {webhooks.map((webhook) => {
          const standing = standings[webhook.id];
          return (
            <TR key={webhook.id}>
              <TD className="font-medium text-zinc-900">{webhook.name}</TD>
              <TD label={t("webhooks.table.type")}>{t(`webhookTypes.${webhook.type}`)}</TD>
              <TD label={t("webhooks.table.url")} className="sm:min-w-56">
                <code className="font-mono text-xs break-all text-zinc-700">{webhook.maskedUrl}</code>
                {webhook.detectedType ? (
                  <p className="mt-1 text-xs font-medium text-amber-800">
                    {t("webhooks.typeMismatch", {
                      detected: t(`webhookTypes.${webhook.detectedType}`),
                      type: t(`webhookTypes.${webhook.type}`),
                    })}
                  </p>
                ) : null}
              </TD>
              <TD label={t("webhooks.table.events")}>
                {webhook.events.length === EVENT_TYPES.length ? (
                  <span className="text-sm">{t("webhooks.table.allEvents")}</span>
                ) : (
                  <ul className="flex max-w-xs flex-wrap gap-1">
                    {webhook.events.map((event) => (
                      <li key={event}>
                        <Badge>{t(`events.${event}`)}</Badge>
                      </li>
                    ))}
                  </ul>
                )}
              </TD>
              <TD label={t("webhooks.table.state")}>
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
                      {webhook.enabled ? t("common.on") : t("common.off")}
                    </Badge>
                  )}
                  {standing?.autoDisabled ? (
                    <Badge tone="danger">{t("webhooks.table.autoDisabled")}</Badge>
                  ) : standing?.failing && webhook.enabled ? (
                    <Badge tone="warning">{t("webhooks.table.failing")}</Badge>
                  ) : null}
                </span>
              </TD>
              <TD label={t("webhooks.table.success")}>
                <SuccessRate standing={standing} />
              </TD>
              <TD>
                <div className="flex flex-wrap gap-1 max-sm:-mx-3 sm:justify-end">
                  <Link href={deliveriesHref(webhook.id)} className={linkClasses}>
                    {t("webhooks.table.deliveries")}
                  </Link>
                  {deleteAction ? (
                    <>
                      <Link href={editHref(webhook.id)} className={linkClasses}>
                        {t("webhooks.table.edit")}
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
