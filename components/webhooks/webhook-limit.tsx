import { MAX_WEBHOOKS_PER_APP } from "@/lib/domain/webhook-limit";

/** "n / 3", with the meaning spelled out for screen readers. */
export function WebhookCount({ count }: { count: number }) {
  return (
    <span className="rounded-full bg-zinc-100 px-2.5 py-0.5 text-sm font-medium text-zinc-700">
      {count} / {MAX_WEBHOOKS_PER_APP}
      <span className="sr-only"> webhooks used</span>
    </span>
  );
}
