import { useTranslations } from "next-intl";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { DeliveryStatus } from "@/lib/domain/delivery-statuses";

const TONES: Record<DeliveryStatus, BadgeTone> = {
  pending: "info",
  sending: "info",
  succeeded: "success",
  failed: "danger",
  disabled: "neutral",
};

export function DeliveryStatusBadge({ status }: { status: DeliveryStatus }) {
  const t = useTranslations("deliveryStatus");
  return <Badge tone={TONES[status]}>{t(status)}</Badge>;
}
