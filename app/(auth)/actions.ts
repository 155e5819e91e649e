"use server";

import { headers } from "next/headers";
import { CredentialsSignin } from "next-auth";
import { savedLocale, saveLocale } from "@/lib/accounts/locale";
import { clientIp, loginBlockedFor, waitMinutes } from "@/lib/accounts/login-limit";
import { signUp } from "@/lib/accounts/sign-up";
import { type ActionResult, runAction } from "@/lib/action-result";
import { oauthProviders, signIn, signOut } from "@/lib/auth/next-auth";
import { sessionUserId } from "@/lib/auth/session";
import { endSessionsOfUser } from "@/lib/auth/sessions";
import { browserLocale, cookieLocale, rememberLocale } from "@/lib/browser-locale";
import { env } from "@/lib/env";
import { AppError, text } from "@/lib/errors";
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
      throw new AppError("rate_limited", text("auth.tooManyAttempts", { minutes: waitMinutes(wait) }));
    }
    throw new AppError("unauthenticated", text("auth.wrongCredentials"));
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
    // The account's language wins from now on; the cookie keeps it for the pages after signing out.
    const locale = await savedLocale(values.email);
    if (locale) await rememberLocale(locale);
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
    // The team's payload time zone follows the language the user signs up in.
    const user = await signUp(input, await browserLocale());
    // A language chosen on the signed-out pages becomes the account's.
    const locale = await cookieLocale();
    if (locale) await saveLocale(user.id, locale);
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
