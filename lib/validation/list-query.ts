import { z } from "zod";
import { textKey } from "@/lib/errors";

/** An empty query-string value means "not given" (a filter select's "All"). */
export const blank = (value: unknown) => (value === "" || value === null ? undefined : value);

/**
 * What every paged list of the dashboard and the API takes besides its filters (the delivery log, the audit
 * log): a `since`/`until` time range, the opaque `cursor` of the previous page's `nextCursor`, and a `limit`.
 */
export function listQueryFields(limits: { max: number; default: number }) {
  return {
    since: z.preprocess(
      blank,
      z.iso.datetime({ offset: true, error: textKey("delivery.sinceInvalid") }).optional(),
    ),
    until: z.preprocess(
      blank,
      z.iso.datetime({ offset: true, error: textKey("delivery.untilInvalid") }).optional(),
    ),
    cursor: z.preprocess(blank, z.string().max(200, textKey("delivery.cursorInvalid")).optional()),
    limit: z.preprocess(
      blank,
      z.coerce
        .number({ error: textKey("delivery.limitNumber") })
        .int(textKey("delivery.limitWhole"))
        .min(1, textKey("delivery.limitMin"))
        .max(limits.max, textKey("delivery.limitMax"))
        .default(limits.default),
    ),
  };
}
