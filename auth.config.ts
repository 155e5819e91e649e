import type { NextAuthConfig } from "next-auth";
import { env } from "@/lib/env";

/** Paths anyone may open; everything else needs a session (the proxy redirects to /login). */
const PUBLIC_PATHS = [/^\/login$/, /^\/signup$/, /^\/invite\/[^/]+$/, /^\/api\//];

export function isPublicPath(pathname: string): boolean {
  return PUBLIC_PATHS.some((pattern) => pattern.test(pathname));
}

/**
 * The database-free part of the auth configuration: `auth.ts` builds on it, the proxy uses its public paths.
 */
export function authConfig(): NextAuthConfig {
  return {
    secret: env().AUTH_SECRET,
    trustHost: true,
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: "/login" },
    providers: [],
    callbacks: {
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        return session;
      },
    },
  };
}
