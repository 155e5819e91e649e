import type { NextAuthConfig } from "next-auth";
import { env } from "@/lib/env";

/** Paths anyone may open; everything else needs a session (the proxy redirects to /login). */
const PUBLIC_PATHS = [/^\/login$/, /^\/signup$/, /^\/invite\/[^/]+$/, /^\/api\//];

/**
 * The database-free part of the auth configuration, shared by the proxy and `auth.ts`.
 * The proxy only decides where to send a visitor; every page, action and route checks access itself.
 */
export function authConfig(): NextAuthConfig {
  return {
    secret: env().AUTH_SECRET,
    trustHost: true,
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: "/login" },
    providers: [],
    callbacks: {
      authorized({ auth, request }) {
        if (PUBLIC_PATHS.some((pattern) => pattern.test(request.nextUrl.pathname))) return true;
        return Boolean(auth?.user);
      },
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        return session;
      },
    },
  };
}
