import { useTranslations } from "next-intl";
import { MAX_WEBHOOKS_PER_APP } from "@/lib/domain/webhook-limit";

/** "n / 3", with the meaning spelled out for screen readers. */
export function WebhookCount({ count }: { count: number }) {
  const t = useTranslations("webhooks");
  return (
    <span className="rounded-full bg-zinc-100 px-2.5 py-0.5 text-sm font-medium text-zinc-700">
      {t.rich("count", {
        count,
        max: MAX_WEBHOOKS_PER_APP,
        sr: (chunks) => <span className="sr-only">{chunks}</span>,
      })}
    </span>
  );
}
