/**
 * Where a delivery stands: `pending` (due now or later), `sending` (claimed by a worker), then `succeeded`,
 * `failed` (docs/delivery.md#outcomes) or `disabled` (docs/delivery.md#switching-off-and-deleting).
 */
export const DELIVERY_STATUSES = ["pending", "sending", "succeeded", "failed", "disabled"] as const;

export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
