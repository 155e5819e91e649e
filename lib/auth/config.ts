import "server-only";
import type { NextAuthConfig } from "next-auth";
import { env } from "@/lib/env";
import { SESSION_MAX_AGE_S } from "./session-lifetime";

/** Paths anyone may open; everything else needs a session (the proxy redirects to /login). */
const PUBLIC_PATHS = [/^\/login$/, /^\/signup$/, /^\/invite\/[^/]+$/, /^\/api\//];

export function isPublicPath(pathname: string): boolean {
  return PUBLIC_PATHS.some((pattern) => pattern.test(pathname));
}

/**
 * The database-free part of the auth configuration: `next-auth.ts` builds on it, the proxy uses its public paths.
 */
export function authConfig(): NextAuthConfig {
  return {
    secret: env().AUTH_SECRET,
    trustHost: true,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
    pages: { signIn: "/login" },
    providers: [],
    callbacks: {
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        // The server-side session this token belongs to (lib/auth/sessions.ts): checked on every use.
        if (typeof token.sid === "string") session.sid = token.sid;
        return session;
      },
    },
  };
}
