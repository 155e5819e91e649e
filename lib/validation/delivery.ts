import { z } from "zod";
import { DELIVERY_STATUSES } from "@/lib/domain/delivery-statuses";
import { EVENT_TYPES } from "@/lib/domain/event-catalog";
import { textKey } from "@/lib/errors";

export const DEFAULT_DELIVERY_PAGE = 25;
export const MAX_DELIVERY_PAGE = 100;

/** An empty query-string value means "not given" (a filter select's "All"). */
const blank = (value: unknown) => (value === "" || value === null ? undefined : value);

/** The delivery log's filters and page: `cursor` is the opaque `nextCursor` of the previous page. */
export const deliveryListQuery = z.object({
  status: z.preprocess(
    blank,
    z.enum(DELIVERY_STATUSES, { error: textKey("delivery.statusUnknown") }).optional(),
  ),
  event: z.preprocess(blank, z.enum(EVENT_TYPES, { error: textKey("delivery.eventUnknown") }).optional()),
  cursor: z.preprocess(blank, z.string().max(200, textKey("delivery.cursorInvalid")).optional()),
  limit: z.preprocess(
    blank,
    z.coerce
      .number({ error: textKey("delivery.limitNumber") })
      .int(textKey("delivery.limitWhole"))
      .min(1, textKey("delivery.limitMin"))
      .max(MAX_DELIVERY_PAGE, textKey("delivery.limitMax"))
      .default(DEFAULT_DELIVERY_PAGE),
  ),
});

export type DeliveryListQuery = z.output<typeof deliveryListQuery>;

/** "Send test": the event type of the sample. */
export const sendTestInput = z.object({
  event: z.enum(EVENT_TYPES, { error: textKey("delivery.testEventRequired") }),
});

export type SendTestInput = z.input<typeof sendTestInput>;
