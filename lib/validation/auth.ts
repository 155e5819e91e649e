import { z } from "zod";
import { textKey } from "@/lib/errors";

export const email = z
  .string({ error: textKey("auth.emailRequired") })
  .trim()
  .toLowerCase()
  .max(254, textKey("auth.emailTooLong"))
  .pipe(z.email({ error: textKey("auth.emailInvalid") }));

export const signUpInput = z.object({
  name: z
    .string({ error: textKey("auth.nameRequired") })
    .trim()
    .min(1, textKey("auth.nameRequired"))
    .max(100, textKey("auth.nameTooLong")),
  email,
  password: z
    .string({ error: textKey("auth.passwordChoose") })
    .min(8, textKey("auth.passwordTooShort"))
    .max(200, textKey("auth.passwordTooLong")),
});

export const signInInput = z.object({
  email,
  password: z
    .string({ error: textKey("auth.passwordRequired") })
    .min(1, textKey("auth.passwordRequired"))
    .max(200, textKey("auth.passwordTooLong")),
});

export type SignUpInput = z.infer<typeof signUpInput>;
export type SignInInput = z.infer<typeof signInInput>;
