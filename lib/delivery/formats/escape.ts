import "server-only";
import { plain } from "./robot";

/**
 * Untrusted text (app names, versions, notes, feedback, crash stacks, team names) shown literally in each
 * service's markup (docs/robots.md#untrusted-text). Notes are cut before they are escaped (`fitToLimit` cuts
 * the raw text and measures the escaped rendering), so a cut never splits an escape.
 */

/** U+200B ZERO WIDTH SPACE: invisible, and not part of any markup, so it breaks a construct where inserted. */
const ZWSP = "\u200b";

/** `@everyone`, `@here`, `@all`, `@channel`, `@所有人`: a zero-width space after the `@` keeps them from notifying. */
export function breakMentions(text: string): string {
  return text.replace(/@(?=everyone|here|all|channel|所有人)/giu, `@${ZWSP}`);
}

/**
 * Markdown of services without an escape mechanism (WeCom, DingTalk, Lark's lark_md, Teams' Adaptive Card
 * TextBlocks): a zero-width space is inserted where a construct starts, so that it cannot form.
 * - `](`, `][`, `]:` (links, images, references, reference definitions): after the `]`;
 * - `<` (autolinks, HTML, WeCom's `<@userid>`, `<font>`, Lark's `<at>`): after the `<`;
 * - a line starting with `#`, `>`, `|`, `~` or a backtick, or with `-`, `+`, `*`, `=`, `_` or `1.` followed by
 *   a space or another of them (headings, quotes, tables, code fences, lists, rules): before it;
 * - `@everyone` and the like: after the `@`.
 * Emphasis (`*bold*`, `_italic_`) is left as is: it changes no link and mentions no one.
 */
export function defuseMarkdown(text: string): string {
  return breakMentions(
    plain(text)
      .replace(/\](?=\s*[([:])/g, `]${ZWSP}`)
      .replace(/</g, `<${ZWSP}`)
      .replace(/^([ \t]*)(?=[#>|~`]|[-+*=_](?:[\s\-+*=_]|$)|\d+[.)](?:\s|$))/gm, `$1${ZWSP}`),
  );
}

/**
 * The text of a markdown link (`[text](url)`) holds no square bracket: they become their full-width
 * look-alikes, so that an app name such as `Evil](http://evil.example)` cannot close the text and move the link
 * (escapes are not enough: Discord's link rule does not read them inside a link's text).
 */
export function withoutBrackets(text: string): string {
  return text.replace(/\[/g, "［").replace(/\]/g, "］");
}

/** The text of a markdown link on services without escapes. */
export function markdownLinkText(text: string): string {
  return defuseMarkdown(withoutBrackets(text));
}

/**
 * Discord's markdown: the characters of emphasis, code, spoilers, links and `<@…>` / `<t:…>` tags escaped with a
 * backslash (Discord shows `\*` as `*`), and at the start of a line those of headings, quotes and lists; mentions
 * broken as well, although `allowed_mentions: {parse: []}` already keeps any that remains from notifying.
 */
export function discordEscape(text: string): string {
  return breakMentions(
    plain(text)
      .replace(/[\\*_~`|[\]<]/g, "\\$&")
      .replace(/^([ \t]*)([#>]|-(?=[\s#]|$))/gm, "$1\\$2")
      .replace(/^([ \t]*\d+)\.(?=\s|$)/gm, "$1\\."),
  );
}

/** A code block's content: a fence inside it (three backticks) becomes look-alike modifier letters. */
export function codeBlockText(text: string): string {
  return text.replace(/`{3,}/g, (fence) => "ˋ".repeat(fence.length));
}
