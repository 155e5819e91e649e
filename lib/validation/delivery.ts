import { z } from "zod";
import { DELIVERY_STATUSES } from "@/lib/domain/delivery-statuses";
import { EVENT_TYPES } from "@/lib/domain/event-catalog";
import { textKey } from "@/lib/errors";
import { blank, listQueryFields } from "./list-query";

export const DEFAULT_DELIVERY_PAGE = 25;
export const MAX_DELIVERY_PAGE = 100;

/** The delivery log's filters and page: `cursor` is the opaque `nextCursor` of the previous page. */
export const deliveryListQuery = z.object({
  status: z.preprocess(
    blank,
    z.enum(DELIVERY_STATUSES, { error: textKey("delivery.statusUnknown") }).optional(),
  ),
  event: z.preprocess(blank, z.enum(EVENT_TYPES, { error: textKey("delivery.eventUnknown") }).optional()),
  search: z.preprocess(
    blank,
    z
      .string()
      .trim()
      .regex(
        /^(evt_[a-z0-9_]{1,100}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i,
        textKey("delivery.searchInvalid"),
      )
      .optional(),
  ),
  ...listQueryFields({ max: MAX_DELIVERY_PAGE, default: DEFAULT_DELIVERY_PAGE }),
});

export type DeliveryListQuery = z.output<typeof deliveryListQuery>;

/** The `since`…`until` range of a list query, when both are given, must not be reversed. */
export function reversedRange(query: Pick<DeliveryListQuery, "since" | "until">): boolean {
  return !!query.since && !!query.until && Date.parse(query.since) > Date.parse(query.until);
}

/** Most deliveries "Resend failed since…" requeues in one request; the answer says how many remain. */
export const MAX_RESEND_FAILED = 10_000;

/** "Resend failed since…": the deliveries created at or after `since` (an ISO time, not in the future). */
export const resendFailedInput = z.object({
  since: z.iso
    .datetime({ offset: true, error: textKey("delivery.sinceInvalid") })
    .refine((value) => Date.parse(value) <= Date.now() + 60_000, textKey("delivery.sinceInFuture")),
});

export type ResendFailedInput = z.input<typeof resendFailedInput>;

/** "Send test": the event type of the sample. */
export const sendTestInput = z.object({
  event: z.enum(EVENT_TYPES, { error: textKey("delivery.testEventRequired") }),
});

export type SendTestInput = z.input<typeof sendTestInput>;
