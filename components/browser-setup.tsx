"use client";

import { useEffect } from "react";
import { z } from "zod";
import { TIME_ZONE_COOKIE } from "@/lib/domain/locales";

// In the browser, zod must not probe for eval (`Function("")`): the page's Content-Security-Policy forbids it
// and the browser reports every probe as a violation. Its interpreted parser is as correct and fast enough for
// forms. The server keeps zod's compiled parsers.
if (typeof window !== "undefined") z.config({ jitless: true });

/**
 * Renders nothing: including it in the root layout runs the browser-wide setup above once, and tells the
 * server the browser's time zone (a cookie), so the next pages render times in it (components/ui/time.tsx).
 */
export function BrowserSetup() {
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone) return;
    const cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(zone)}`;
    if (!document.cookie.split("; ").includes(cookie)) {
      // biome-ignore lint/suspicious/noDocumentCookie: a plain preference cookie, read by the server only.
      document.cookie = `${cookie}; path=/; max-age=31536000; samesite=lax`;
    }
  }, []);
  return null;
}
