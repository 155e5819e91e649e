"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";
import type { FieldErrors, FieldValues, Resolver } from "react-hook-form";
import type { z } from "zod";
import { toFieldTexts } from "@/lib/validation/parse";

/**
 * The forms' resolver: runs their lib/validation schema in the browser and puts the first problem of each
 * field in the dashboard's language (the schemas name `errors` texts, lib/errors.ts). Like zodResolver's
 * `raw` mode it hands the typed values to the submit handler unchanged: the server parses them again.
 */
export function useZodResolver<T extends FieldValues>(schema: z.ZodType): Resolver<T> {
  const t = useTranslations("errors");
  return useCallback(
    async (values: T) => {
      const result = await schema.safeParseAsync(values);
      if (result.success) return { values, errors: {} };
      const errors = Object.fromEntries(
        Object.entries(toFieldTexts(result.error)).map(([field, { key, values: args }]) => [
          field,
          { type: "validation", message: t(key, args) },
        ]),
      );
      return { values: {}, errors: errors as FieldErrors<T> };
    },
    [schema, t],
  );
}
