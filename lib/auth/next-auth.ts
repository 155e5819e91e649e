import "server-only";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import { clientIp } from "@/lib/accounts/login-limit";
import { personalTeamName } from "@/lib/accounts/sign-up";
import { verifyCredentials } from "@/lib/accounts/verify-credentials";
import { browserLocale } from "@/lib/browser-locale";
import { findUserByEmail, insertUserWithTeam } from "@/lib/db/queries/users";
import { defaultPayloadTimeZone } from "@/lib/domain/time-zones";
import { env } from "@/lib/env";
import { logError } from "@/lib/log-error";
import { authConfig } from "./config";
import { endSession, startSession } from "./sessions";

/** Thrown by `authorize` when too many sign-ins failed; the login action shows a specific message. */
export class TooManyAttempts extends CredentialsSignin {
  code = "rate_limited";
}

/** OAuth providers switched on by environment variables (see the README); none is required. */
export function oauthProviders(): Array<{ id: string; name: string }> {
  const e = env();
  const list: Array<{ id: string; name: string }> = [];
  if (e.AUTH_GITHUB_ID && e.AUTH_GITHUB_SECRET) list.push({ id: "github", name: "GitHub" });
  if (e.AUTH_OIDC_ISSUER && e.AUTH_OIDC_ID && e.AUTH_OIDC_SECRET)
    list.push({ id: "oidc", name: e.AUTH_OIDC_NAME });
  return list;
}

function providers(): NextAuthConfig["providers"] {
  const e = env();
  const credentials = Credentials({
    credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
    async authorize(input, request) {
      const result = await verifyCredentials(input, clientIp(request.headers, e.TRUST_PROXY));
      if (result.ok) return { id: result.user.id, name: result.user.name, email: result.user.email };
      if (result.reason === "rate_limited") throw new TooManyAttempts();
      return null;
    },
  });
  const list: NextAuthConfig["providers"] = [credentials];
  if (e.AUTH_GITHUB_ID && e.AUTH_GITHUB_SECRET) {
    list.push(GitHub({ clientId: e.AUTH_GITHUB_ID, clientSecret: e.AUTH_GITHUB_SECRET }));
  }
  if (e.AUTH_OIDC_ISSUER && e.AUTH_OIDC_ID && e.AUTH_OIDC_SECRET) {
    list.push({
      id: "oidc",
      name: e.AUTH_OIDC_NAME,
      type: "oidc",
      issuer: e.AUTH_OIDC_ISSUER,
      clientId: e.AUTH_OIDC_ID,
      clientSecret: e.AUTH_OIDC_SECRET,
    });
  }
  return list;
}

/** An OAuth sign-in maps to the AppHooks user with the same (provider-verified) email, created on first use. */
async function userIdForOAuth(email: string, name: string): Promise<string> {
  const normalized = email.trim().toLowerCase();
  const existing = await findUserByEmail(normalized);
  if (existing) return existing.id;
  const user = await insertUserWithTeam({
    name,
    email: normalized,
    passwordHash: null,
    teamName: personalTeamName(name),
    payloadTimeZone: defaultPayloadTimeZone(await browserLocale()),
  });
  return user.id;
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  const base = authConfig();
  return {
    ...base,
    providers: providers(),
    logger: {
      // A wrong password is not a server error; keep the log for real problems.
      error(error) {
        if (error instanceof CredentialsSignin || error.name === "CredentialsSignin") return;
        logError("auth", error);
      },
    },
    callbacks: {
      ...base.callbacks,
      async signIn({ account, user, profile }) {
        if (account?.provider === "credentials") return true;
        // Accounts are matched by email, so an OIDC issuer must vouch for it (GitHub only gives verified ones).
        if (account?.provider === "oidc" && profile?.email_verified !== true) return false;
        return Boolean(user.email);
      },
      async jwt({ token, user, account }) {
        if (account && account.provider !== "credentials" && user?.email) {
          token.sub = await userIdForOAuth(user.email, user.name ?? user.email.split("@")[0] ?? "User");
        } else if (user?.id) {
          token.sub = user.id;
        }
        // A new sign-in starts a server-side session; the token is honoured only while it exists.
        if (user && token.sub) token.sid = await startSession(token.sub);
        return token;
      },
    },
    events: {
      // "Sign out" ends the session on the server: a copy of the cookie no longer opens anything.
      async signOut(message) {
        const sid = "token" in message ? message.token?.sid : undefined;
        if (typeof sid === "string") await endSession(sid);
      },
    },
  };
});
