import { type Text, text } from "@/lib/errors";

/**
 * What is wrong with an http(s) URL a user typed, or null: not a full URL, another scheme, credentials in it,
 * or no host. `of` says which URL the texts name: the webhook's ("The URL …") or an app's icon.
 */
export function httpUrlProblem(value: string, of: "webhook" | "icon"): Text | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return text("url.notFull");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    return text(of === "icon" ? "url.iconScheme" : "url.scheme");
  if (url.username || url.password) return text("url.credentials");
  if (!url.hostname) return text(of === "icon" ? "url.iconNoHost" : "url.noHost");
  return null;
}
