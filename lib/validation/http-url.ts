/**
 * What is wrong with an http(s) URL a user typed, or null: not a full URL, another scheme, credentials in it,
 * or no host. `noun` names it in the messages ("URL", "icon URL").
 */
export function httpUrlProblem(value: string, noun: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "Enter a full URL starting with https:// or http://.";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    return `The ${noun} must start with https:// or http://.`;
  if (url.username || url.password) return "Remove the user name and password from the URL.";
  if (!url.hostname) return `The ${noun} needs a host name.`;
  return null;
}
