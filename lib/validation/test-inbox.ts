import { z } from "zod";
import { INBOX_MODES } from "@/lib/domain/test-inbox";
import { textKey } from "@/lib/errors";

/** What a test inbox answers (docs/delivery.md#test-inbox). */
export const inboxModeInput = z.object({
  mode: z.enum(INBOX_MODES, { error: textKey("inbox.modeUnknown") }),
});
