import createNextIntlPlugin from "next-intl/plugin";

/** next-intl reads each request's language, time zone and messages from lib/i18n/request.ts (docs/i18n.md). */
const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/**
 * The static security headers of lib/http/security-headers.ts (kept equal by a test), on every path: pages,
 * API routes and static assets. The page's Content-Security-Policy comes from the proxy (a nonce per view).
 */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  {
    key: "Permissions-Policy",
    value:
      "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()",
  },
  { key: "X-Frame-Options", value: "DENY" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules, not bundled.
  serverExternalPackages: ["@electric-sql/pglite"],
  poweredByHeader: false,
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default withNextIntl(nextConfig);
