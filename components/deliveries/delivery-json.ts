import type { DeliverySummary } from "@/lib/delivery-log/list-deliveries";

/** A DeliverySummary as it crosses the network (JSON): its times are ISO strings. */
export type DeliverySummaryJson = Omit<DeliverySummary, "createdAt" | "lastAttemptAt" | "nextAttemptAt"> & {
  createdAt: string;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
};

export type DeliveryPageJson = { deliveries: DeliverySummaryJson[]; nextCursor: string | null };

export function toJson(summary: DeliverySummary): DeliverySummaryJson {
  return {
    ...summary,
    createdAt: summary.createdAt.toISOString(),
    lastAttemptAt: summary.lastAttemptAt?.toISOString() ?? null,
    nextAttemptAt: summary.nextAttemptAt?.toISOString() ?? null,
  };
}
