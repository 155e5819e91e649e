import { z } from "zod";

export const email = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .max(254, "Email is too long.")
  .pipe(z.email({ error: "Enter a valid email address, like name@example.com." }));

export const signUpInput = z.object({
  name: z
    .string({ error: "Enter your name." })
    .trim()
    .min(1, "Enter your name.")
    .max(100, "Name must be at most 100 characters."),
  email,
  password: z
    .string({ error: "Choose a password." })
    .min(8, "Password must be at least 8 characters.")
    .max(200, "Password must be at most 200 characters."),
});

export const signInInput = z.object({
  email,
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(200),
});

export type SignUpInput = z.infer<typeof signUpInput>;
export type SignInInput = z.infer<typeof signInInput>;
