/**
 * A same-site path to go to after signing in. Absolute URLs (the proxy sends them) keep only their path,
 * so a crafted link can never send a user to another site.
 */
export function safeCallbackPath(value: unknown, fallback = "/apps"): string {
  if (typeof value !== "string" || value === "") return fallback;
  if (/^https?:\/\//i.test(value)) {
    try {
      const url = new URL(value);
      return `${url.pathname}${url.search}${url.hash}`;
    } catch {
      return fallback;
    }
  }
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  // Never back to the sign-in pages themselves.
  if (/^\/(login|signup)(\?|$)/.test(value)) return fallback;
  return value;
}
