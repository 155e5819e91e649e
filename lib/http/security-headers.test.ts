import type { NextConfig } from "next";
import { describe, expect, test } from "vitest";
import {
  contentSecurityPolicy,
  newNonce,
  STATIC_SECURITY_HEADERS,
  STRICT_TRANSPORT_SECURITY,
} from "./security-headers";

describe("security headers", () => {
  test("next.config.mjs sends the static headers on every path", async () => {
    // @ts-expect-error: next.config.mjs is plain JavaScript (typed by its JSDoc only).
    const { default: nextConfig } = (await import("@/next.config.mjs")) as { default: NextConfig };
    const rules = await nextConfig.headers?.();
    expect(rules).toEqual([
      {
        source: "/:path*",
        headers: Object.entries(STATIC_SECURITY_HEADERS).map(([key, value]) => ({ key, value })),
      },
    ]);
  });

  test("the page policy allows scripts only with the view's nonce, and no framing, plugins or base", () => {
    const nonce = newNonce();
    expect(nonce).not.toBe(newNonce());
    const policy = contentSecurityPolicy(nonce, false);
    expect(policy).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
    expect(policy).not.toContain("unsafe-eval");
    for (const directive of ["object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'"]) {
      expect(policy).toContain(directive);
    }
    expect(contentSecurityPolicy(nonce, true)).toContain("'unsafe-eval'");
  });
});

describe("the proxy's page headers", () => {
  test("each page view gets its own policy; Strict-Transport-Security only over https", async () => {
    const { NextRequest } = await import("next/server");
    const { default: proxy } = await import("@/proxy");
    const http = await proxy(new NextRequest("http://localhost:3000/login"));
    const https = await proxy(new NextRequest("https://hooks.example.com/login"));
    expect(http.headers.get("content-security-policy")).toContain("'strict-dynamic'");
    expect(https.headers.get("content-security-policy")).not.toBe(
      http.headers.get("content-security-policy"),
    );
    expect(http.headers.get("strict-transport-security")).toBeNull();
    expect(https.headers.get("strict-transport-security")).toBe(STRICT_TRANSPORT_SECURITY);
    // Visitors without a session are sent to /login, with the headers too.
    const redirect = await proxy(new NextRequest("https://hooks.example.com/apps"));
    expect(redirect.status).toBe(307);
    expect(redirect.headers.get("location")).toContain("/login?callbackUrl=%2Fapps");
    expect(redirect.headers.get("strict-transport-security")).toBe(STRICT_TRANSPORT_SECURITY);
  });

  test("a server action posted from another site is refused with 403, one from the dashboard is not", async () => {
    const { NextRequest } = await import("next/server");
    const { default: proxy } = await import("@/proxy");
    const action = (origin: string) =>
      new NextRequest("http://localhost:3000/login", {
        method: "POST",
        headers: { "next-action": "abc123", origin, host: "localhost:3000" },
      });
    expect((await proxy(action("https://evil.example"))).status).toBe(403);
    expect((await proxy(action("http://localhost:3000"))).status).toBe(200);
  });
});
