import { type NextRequest, NextResponse } from "next/server";
import { getToken } from "next-auth/jwt";
import { isPublicPath } from "./auth.config";
import { env } from "./lib/env";

/**
 * Sends visitors without a session to /login. It only reads the session cookie and never writes one: a
 * refreshed cookie on a response that was in flight during "Sign out" would otherwise sign the user back in.
 * Every page, action and route still checks access itself.
 */
export default async function proxy(request: NextRequest) {
  if (isPublicPath(request.nextUrl.pathname)) return NextResponse.next();
  const secureCookie = request.cookies.getAll().some((cookie) => cookie.name.startsWith("__Secure-authjs."));
  const token = await getToken({ req: request, secret: env().AUTH_SECRET, secureCookie });
  if (token?.sub) return NextResponse.next();
  const login = new URL("/login", request.nextUrl);
  login.searchParams.set("callbackUrl", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(login);
}

export const config = {
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
