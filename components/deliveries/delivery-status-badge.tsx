import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { DeliveryStatus } from "@/lib/domain/delivery-statuses";

export const STATUS_LABELS: Record<DeliveryStatus, string> = {
  pending: "Pending",
  sending: "Sending",
  succeeded: "Succeeded",
  failed: "Failed",
  disabled: "Not sent (webhook off)",
};

const TONES: Record<DeliveryStatus, BadgeTone> = {
  pending: "info",
  sending: "info",
  succeeded: "success",
  failed: "danger",
  disabled: "neutral",
};

export function DeliveryStatusBadge({ status }: { status: DeliveryStatus }) {
  return <Badge tone={TONES[status]}>{STATUS_LABELS[status]}</Badge>;
}
