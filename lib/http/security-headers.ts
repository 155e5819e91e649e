/**
 * The security headers of every response (docs/security.md). The static ones are set for every path in
 * next.config.mjs (pages, API routes, static assets); the Content-Security-Policy, whose script nonce is new
 * on each page view, and Strict-Transport-Security, which only means something over https, are set on pages
 * by the proxy.
 */

/** Only what the dashboard uses is allowed; everything else a browser offers is off. */
export const PERMISSIONS_POLICY = [
  "camera=()",
  "microphone=()",
  "geolocation=()",
  "payment=()",
  "usb=()",
  "interest-cohort=()",
  "browsing-topics=()",
].join(", ");

export const STATIC_SECURITY_HEADERS: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Permissions-Policy": PERMISSIONS_POLICY,
  "X-Frame-Options": "DENY",
};

/** Two years, with subdomains: sent only on https responses (browsers ignore it over http anyway). */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

/**
 * The page's policy: scripts only with this response's nonce ('strict-dynamic' lets Next's own chunks load,
 * which it adds the nonce to), nothing embeds the dashboard, no plugins, no <base> elsewhere. Styles allow
 * inline attributes (components position popovers and charts with them); React's development build needs eval.
 */
export function contentSecurityPolicy(nonce: string, development: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
