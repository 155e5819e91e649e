import { useTranslations } from "next-intl";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { DeliveryStatus } from "@/lib/domain/delivery-statuses";

/** What the log shows: a pending delivery that has been tried already waits to retry. */
type ShownStatus = DeliveryStatus | "retrying";

const TONES: Record<ShownStatus, BadgeTone> = {
  pending: "info",
  retrying: "warning",
  sending: "info",
  succeeded: "success",
  failed: "danger",
  disabled: "neutral",
};

/** A delivery's status; "Retrying" (not "Pending") for one that failed and waits for its next attempt. */
export function DeliveryStatusBadge({ status, attempts }: { status: DeliveryStatus; attempts: number }) {
  const t = useTranslations("deliveryStatus");
  const shown: ShownStatus = status === "pending" && attempts > 0 ? "retrying" : status;
  return <Badge tone={TONES[shown]}>{t(shown)}</Badge>;
}
