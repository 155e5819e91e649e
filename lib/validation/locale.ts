import { z } from "zod";
import { LOCALES } from "@/lib/domain/locales";
import { textKey } from "@/lib/errors";

/** The language control's choice. */
export const localeInput = z.enum(LOCALES, { error: textKey("localeUnknown") });
