import { z } from "zod";
import { AUDIT_KINDS, AUDIT_MAX_PAGE, AUDIT_PAGE_SIZE } from "@/lib/domain/audit";
import { textKey } from "@/lib/errors";
import { blank, listQueryFields } from "./list-query";

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

/**
 * The audit log's filters and page (docs/audit.md): `actor` is `user:<id>` or `api_key:<id>`, `app` an app's id
 * (a deleted app's too), `since`/`until` a time range, `cursor` the opaque `nextCursor` of the previous page.
 */
export const auditListQuery = z.object({
  actor: z.preprocess(
    blank,
    z
      .string()
      .trim()
      .regex(new RegExp(`^(user|api_key):${UUID}$`, "i"), textKey("audit.actorInvalid"))
      .optional()
      .meta({ description: "`user:<user id>` or `api_key:<API key id>`.", example: "user:8b0c…" }),
  ),
  app: z.preprocess(
    blank,
    z
      .uuid({ error: textKey("audit.appInvalid") })
      .optional()
      .meta({ description: "An app's id." }),
  ),
  kind: z.preprocess(blank, z.enum(AUDIT_KINDS, { error: textKey("audit.kindUnknown") }).optional()),
  ...listQueryFields({ max: AUDIT_MAX_PAGE, default: AUDIT_PAGE_SIZE }),
});
