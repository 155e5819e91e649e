import "server-only";
import { verifyAgainstDummy, verifyPassword } from "@/lib/crypto/password";
import { findUserByEmail } from "@/lib/db/queries/users";
import type { User } from "@/lib/db/schema";
import { signInInput } from "@/lib/validation/auth";
import { admitLoginAttempt, recordLoginFailure, recordLoginSuccess } from "./login-limit";

export type CredentialsResult =
  | { ok: true; user: User }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate_limited"; retryAfterMs: number };

/** Checks an email and password, counting failures and refusing once the limit is reached. */
export async function verifyCredentials(input: unknown, ip: string | null): Promise<CredentialsResult> {
  const parsed = signInInput.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;
  const wait = await admitLoginAttempt(email, ip);
  if (wait > 0) return { ok: false, reason: "rate_limited", retryAfterMs: wait };
  const user = await findUserByEmail(email);
  const valid = user?.passwordHash
    ? await verifyPassword(password, user.passwordHash)
    : await verifyAgainstDummy(password);
  if (!user || !valid) {
    await recordLoginFailure(ip);
    return { ok: false, reason: "invalid" };
  }
  await recordLoginSuccess(email);
  return { ok: true, user };
}
