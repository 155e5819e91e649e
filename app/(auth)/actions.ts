"use server";

import { headers } from "next/headers";
import { CredentialsSignin } from "next-auth";
import { clientIp, formatWait, loginBlockedFor } from "@/lib/accounts/login-limit";
import { signUp } from "@/lib/accounts/sign-up";
import { type ActionResult, runAction } from "@/lib/action-result";
import { oauthProviders, signIn, signOut } from "@/lib/auth/next-auth";
import { sessionUserId } from "@/lib/auth/session";
import { endSessionsOfUser } from "@/lib/auth/sessions";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { requestLocale } from "@/lib/request-locale";
import { safeCallbackPath } from "@/lib/safe-redirect";
import { signInInput } from "@/lib/validation/auth";
import { parseInput } from "@/lib/validation/parse";

type Redirect = { redirectTo: string };

async function signInWithPassword(email: string, password: string): Promise<void> {
  try {
    await signIn("credentials", { email, password, redirect: false });
  } catch (error) {
    if (!(error instanceof CredentialsSignin)) throw error;
    if (error.code === "rate_limited") {
      const wait = await loginBlockedFor(email, clientIp(await headers(), env().TRUST_PROXY));
      throw new AppError(
        "rate_limited",
        `Too many failed sign-in attempts for this account. Try again in ${formatWait(wait)}.`,
      );
    }
    throw new AppError("unauthenticated", "Email or password is incorrect.");
  }
}

export async function login(input: {
  email: string;
  password: string;
  callbackUrl?: string;
}): Promise<ActionResult<Redirect>> {
  return runAction(async () => {
    const values = parseInput(signInInput, input);
    await signInWithPassword(values.email, values.password);
    return { redirectTo: safeCallbackPath(input.callbackUrl) };
  });
}

export async function register(input: {
  name: string;
  email: string;
  password: string;
  callbackUrl?: string;
}): Promise<ActionResult<Redirect>> {
  return runAction(async () => {
    const user = await signUp(input, await requestLocale());
    await signInWithPassword(user.email, input.password);
    return { redirectTo: safeCallbackPath(input.callbackUrl) };
  });
}

export async function logout(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}

/** "Sign out of all devices": ends every session of the user (this one too), then signs out here. */
export async function logoutEverywhere(): Promise<void> {
  const userId = await sessionUserId();
  if (userId) await endSessionsOfUser(userId);
  await signOut({ redirectTo: "/login" });
}

/** "Continue with …": only the OAuth providers the environment switched on. */
export async function signInWithProvider(provider: string): Promise<void> {
  if (!oauthProviders().some((p) => p.id === provider)) return;
  await signIn(provider, { redirectTo: "/apps" });
}
