/**
 * A webhook URL for display: scheme, host and path kept, credentials hidden. Query values and path
 * segments that look like tokens keep their first 4 characters (robots put their keys there).
 */
export function maskUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "••••";
  }
  const mask = (value: string) => (value.length > 8 ? `${value.slice(0, 4)}••••` : value);
  const path = url.pathname
    .split("/")
    .map((segment) => (segment.length >= 16 || /\d/.test(segment) ? mask(segment) : segment))
    .join("/");
  const query = [...url.searchParams.entries()]
    .map(([key, value]) => `${key}=${value ? `${value.slice(0, 4)}••••` : ""}`)
    .join("&");
  return `${url.protocol}//${url.host}${path}${query ? `?${query}` : ""}`;
}
