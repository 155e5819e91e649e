"use client";

import { z } from "zod";

// In the browser, zod must not probe for eval (`Function("")`): the page's Content-Security-Policy forbids it
// and the browser reports every probe as a violation. Its interpreted parser is as correct and fast enough for
// forms. The server keeps zod's compiled parsers.
if (typeof window !== "undefined") z.config({ jitless: true });

/** Renders nothing: including it in the root layout runs the browser-wide setup above once. */
export function BrowserSetup() {
  return null;
}
