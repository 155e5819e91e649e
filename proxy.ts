import { type NextRequest, NextResponse } from "next/server";
import { getToken } from "next-auth/jwt";
import { isPublicPath } from "./lib/auth/config";
import { env } from "./lib/env";
import { contentSecurityPolicy, newNonce, STRICT_TRANSPORT_SECURITY } from "./lib/http/security-headers";
import { jsonNestingDepth, MAX_INPUT_DEPTH } from "./lib/validation/parse";

/**
 * Runs for pages (not for /api, static files or images). Refuses server actions posted from another site (403)
 * or nested too deeply (400); gives each page view its Content-Security-Policy with a fresh script nonce (on the
 * request too, so Next adds the nonce to its own scripts) and, over https, Strict-Transport-Security; and sends
 * visitors without a session to /login. It only reads the session cookie and never writes one: a refreshed
 * cookie on a response that was in flight during "Sign out" would otherwise sign the user back in. Every page,
 * action and route still checks access itself (and whether the session was ended: lib/auth/sessions.ts).
 */
export default async function proxy(request: NextRequest) {
  if (isServerAction(request)) {
    if (isCrossOriginAction(request)) {
      return new NextResponse("This action was sent from another site.", { status: 403 });
    }
    // The framework decodes an action's arguments recursively: hostile nesting would overflow its stack (500).
    if (jsonNestingDepth(await request.clone().text()) > MAX_ACTION_DEPTH) {
      const message = `The action's arguments are nested more than ${MAX_ACTION_DEPTH} levels deep.`;
      return new NextResponse(message, { status: 400 });
    }
  }
  const nonce = newNonce();
  const policy = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const secured = (response: NextResponse) => {
    response.headers.set("Content-Security-Policy", policy);
    if (isHttps(request)) response.headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
    return response;
  };
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", policy);
  const next = () => secured(NextResponse.next({ request: { headers } }));

  if (isPublicPath(request.nextUrl.pathname)) return next();
  const secureCookie = request.cookies.getAll().some((cookie) => cookie.name.startsWith("__Secure-authjs."));
  const token = await getToken({ req: request, secret: env().AUTH_SECRET, secureCookie });
  if (token?.sub) return next();
  const login = new URL("/login", request.nextUrl);
  login.searchParams.set("callbackUrl", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return secured(NextResponse.redirect(login));
}

/** A server action: a POST with a `Next-Action` header. */
function isServerAction(request: NextRequest): boolean {
  return request.method === "POST" && request.headers.has("next-action");
}

/** Deeper than any action's arguments (the inputs inside them are refused past MAX_INPUT_DEPTH by parseInput). */
const MAX_ACTION_DEPTH = MAX_INPUT_DEPTH + 16;

/**
 * A server action whose Origin is another site's. Next.js refuses these
 * too, but by throwing, which answers 500: refused here first, as the 403 it is. The host compared is the one
 * Next.js compares (`X-Forwarded-Host`, else `Host`).
 */
function isCrossOriginAction(request: NextRequest): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return false;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/** Served over https: directly, or behind a proxy the deployment trusts (TRUST_PROXY) that says so. */
function isHttps(request: NextRequest): boolean {
  if (request.nextUrl.protocol === "https:") return true;
  return env().TRUST_PROXY && request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}

export const config = {
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
