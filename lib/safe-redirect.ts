const BASE = "http://apphooks.invalid";

/** Backslashes and control characters: browsers read `/\\host` and `/\t/host` as another site. */
function unsafeCharacter(character: string): boolean {
  const code = character.charCodeAt(0);
  return character === "\\" || code < 0x20 || code === 0x7f;
}

/**
 * A same-site path to go to after signing in, or the fallback. Absolute URLs (the proxy sends them) keep only
 * their path; anything that would leave the site (`//host`, `/\host`, control characters) is refused.
 */
export function safeCallbackPath(value: unknown, fallback = "/apps"): string {
  if (typeof value !== "string" || [...value].some(unsafeCharacter)) return fallback;
  let path = value;
  if (/^https?:\/\//i.test(value)) {
    try {
      const url = new URL(value);
      path = `${url.pathname}${url.search}${url.hash}`;
    } catch {
      return fallback;
    }
  }
  if (!path.startsWith("/") || path.startsWith("//") || new URL(path, BASE).origin !== BASE) return fallback;
  // Never back to the sign-in pages themselves.
  if (/^\/(login|signup)([?#]|$)/.test(path)) return fallback;
  return path;
}
