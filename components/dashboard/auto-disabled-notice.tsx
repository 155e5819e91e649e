import Link from "next/link";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Time } from "@/components/ui/time";
import type { AutoDisabledWebhook } from "@/lib/db/queries/webhooks";
import type { AutoDisableTerms } from "@/lib/delivery/auto-disable";

/**
 * For the team's owners: every webhook of their apps that was turned off automatically, with a way to it.
 * `rule` is the automatic-disable rule's terms (lib/delivery/auto-disable.ts describeRule).
 */
export function AutoDisabledNotice({
  webhooks,
  rule,
}: {
  webhooks: AutoDisabledWebhook[];
  rule: AutoDisableTerms;
}) {
  const t = useTranslations();
  if (webhooks.length === 0) return null;
  const count = webhooks.length;
  return (
    <Alert tone="warning" title={t("autoDisabled.title", { count })} className="mb-6">
      <p>{t("autoDisabled.body", { count, rule: t("webhooks.rule", rule) })}</p>
      <ul className="mt-2 flex flex-col gap-1">
        {webhooks.map((webhook) => (
          <li key={webhook.webhookId}>
            <Link
              href={`/apps/${webhook.appKey}/settings/webhooks`}
              className="font-medium underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-indigo-600"
            >
              {webhook.appName}: “{webhook.webhookName}”
            </Link>
            {webhook.disabledAt ? (
              <span>
                {" — "}
                {t.rich("autoDisabled.turnedOff", {
                  time: () => <Time value={webhook.disabledAt ?? new Date()} />,
                })}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </Alert>
  );
}
