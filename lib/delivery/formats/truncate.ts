import "server-only";

/**
 * Byte-exact truncation (docs/robots.md#size-limits: limits are in UTF-8 bytes). A cut never splits a character: not a
 * multi-byte sequence, not a surrogate pair, and not a grapheme (an emoji sequence, a letter with its accents)
 * when the runtime can segment text.
 */

/** The UTF-8 size of `text` in bytes. */
export function utf8Length(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

const graphemes =
  typeof Intl !== "undefined" && "Segmenter" in Intl
    ? new Intl.Segmenter(undefined, { granularity: "grapheme" })
    : null;

/** The last grapheme boundary at or before `index` (UTF-16 units), looking at most 32 units back. */
function graphemeBoundary(text: string, index: number): number {
  if (!graphemes || index <= 0 || index >= text.length) return index;
  const start = Math.max(0, index - 32);
  const window = text.slice(start, Math.min(text.length, index + 32));
  let boundary = start;
  for (const segment of graphemes.segment(window)) {
    const at = start + segment.index;
    if (at > index) break;
    boundary = at;
  }
  // No boundary in the window other than its own start (an absurdly long grapheme): cut at the code point.
  return boundary === start && start > 0 ? index : boundary;
}

/** The longest prefix of `text` that is at most `maxBytes` UTF-8 bytes and ends between two characters. */
export function cutUtf8(text: string, maxBytes: number): string {
  if (maxBytes <= 0) return "";
  if (utf8Length(text) <= maxBytes) return text;
  const bytes = Buffer.from(text, "utf8");
  let cut = maxBytes;
  // bytes[cut] is the first byte left out: while it continues a sequence, the sequence would be split.
  while (cut > 0 && ((bytes[cut] ?? 0) & 0xc0) === 0x80) cut--;
  const prefix = bytes.subarray(0, cut).toString("utf8");
  // Lone surrogates (invalid UTF-16) become U+FFFD in `prefix`: then its length no longer indexes `text`.
  if (!text.startsWith(prefix)) return prefix;
  return text.slice(0, graphemeBoundary(text, prefix.length));
}

/** `text` cut to `maxBytes` bytes including `marker`, which is appended when something was cut. */
export function truncateUtf8(
  text: string,
  maxBytes: number,
  marker = "…",
): { text: string; truncated: boolean } {
  if (utf8Length(text) <= maxBytes) return { text, truncated: false };
  const room = maxBytes - utf8Length(marker);
  if (room <= 0) return { text: cutUtf8(text, maxBytes), truncated: true };
  return { text: `${cutUtf8(text, room).trimEnd()}${marker}`, truncated: true };
}

/**
 * Renders a message whose one variable part is `text` (the notes), cutting `text` as little as needed for
 * `size(rendered)` to stay within `limit`. `render(part, truncated)` must add the truncation mark itself when
 * `truncated` is true. The size of the rendering grows with the text, so the longest fitting cut is found by
 * binary search over the text's byte length (about 16 renderings for the longest notes).
 */
export function fitToLimit<T>(
  text: string,
  render: (part: string, truncated: boolean) => T,
  size: (rendered: T) => number,
  limit: number,
): { value: T; truncated: boolean } {
  const full = render(text, false);
  if (size(full) <= limit) return { value: full, truncated: false };
  let low = 0;
  let high = utf8Length(text) - 1;
  let best: T | null = null;
  while (low <= high) {
    const middle = Math.floor((low + high) / 2);
    const candidate = render(cutUtf8(text, middle).trimEnd(), true);
    if (size(candidate) <= limit) {
      best = candidate;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  // Even without any text the fixed parts are too big: the caller bounds those, so this is a last resort.
  return { value: best ?? render("", true), truncated: true };
}

/** The size in bytes of a JSON body as it is sent. */
export function jsonBytes(value: unknown): number {
  return utf8Length(JSON.stringify(value));
}
