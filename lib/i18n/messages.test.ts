import { readFileSync } from "node:fs";
import path from "node:path";
import { createTranslator } from "use-intl/core";
import { describe, expect, test } from "vitest";
import { LOCALES } from "@/lib/domain/locales";

// Read from disk, not imported: a key missing in one file must fail here even where the types would not look.
const files = Object.fromEntries(
  LOCALES.map((locale) => [
    locale,
    JSON.parse(readFileSync(path.join(__dirname, "../../messages", `${locale}.json`), "utf8")) as unknown,
  ]),
);

/** Every message of a file by its dotted key; a value that is neither a string nor an object is reported. */
function flatten(node: unknown, prefix = "", out = new Map<string, unknown>()): Map<string, unknown> {
  if (node && typeof node === "object" && !Array.isArray(node)) {
    for (const [key, value] of Object.entries(node)) flatten(value, prefix ? `${prefix}.${key}` : key, out);
  } else {
    out.set(prefix, node);
  }
  return out;
}

/**
 * The arguments and tags a message names (`{name}`, `{count, plural, one {…} other {…}}`, `<link>…</link>`),
 * sorted: read with a small ICU reader, so the words of a plural's branch are not taken for arguments.
 */
function argumentsOf(message: string): string[] {
  const names = new Set<string>();
  let i = 0;
  const readMessage = (untilBrace: boolean): void => {
    while (i < message.length) {
      const c = message[i];
      if (c === "}" && untilBrace) return;
      if (c === "{") readArgument();
      else {
        const tag = /^<\/?([A-Za-z]\w*)>/.exec(message.slice(i));
        if (tag) {
          names.add(`<${tag[1]}>`);
          i += tag[0].length;
          continue;
        }
        i++;
      }
    }
  };
  const readArgument = (): void => {
    const head = /^\{\s*(\w+)\s*(?:,\s*(\w+)\s*)?/.exec(message.slice(i));
    if (!head) throw new Error(`not an argument at ${i}: ${message}`);
    names.add(head[1] ?? "");
    i += head[0].length;
    const kind = head[2];
    if (kind === "plural" || kind === "select" || kind === "selectordinal") {
      i++; // the comma before the branches
      for (;;) {
        while (message[i] === " ") i++;
        if (message[i] === "}") break;
        while (i < message.length && message[i] !== "{" && message[i] !== " ") i++; // the branch's key
        while (message[i] === " ") i++;
        i++; // {
        readMessage(true);
        i++; // }
      }
    } else {
      while (i < message.length && message[i] !== "}") i++; // a format such as `number`
    }
    i++; // the argument's closing brace
  };
  readMessage(false);
  return [...names].sort();
}

const flat = Object.fromEntries(LOCALES.map((locale) => [locale, flatten(files[locale])]));

describe("message files", () => {
  test.each(LOCALES)("%s has every key of the others", (locale) => {
    const own = flat[locale] ?? new Map();
    const missing = LOCALES.filter((other) => other !== locale).flatMap((other) =>
      [...(flat[other]?.keys() ?? [])].filter((key) => !own.has(key)).map((key) => `${key} (in ${other})`),
    );
    expect(missing).toEqual([]);
  });

  test.each(LOCALES)("%s has no empty or non-text message", (locale) => {
    const bad = [...(flat[locale] ?? new Map())]
      .filter(([, value]) => typeof value !== "string" || value.trim() === "")
      .map(([key]) => key);
    expect(bad).toEqual([]);
  });

  test("a message names the same arguments in every language", () => {
    const [first, ...others] = LOCALES;
    const differing: string[] = [];
    for (const [key, message] of flat[first] ?? new Map()) {
      for (const other of others) {
        const translated = flat[other]?.get(key);
        if (typeof message !== "string" || typeof translated !== "string") continue;
        if (argumentsOf(message).join() !== argumentsOf(translated).join())
          differing.push(`${key} (${other})`);
      }
    }
    expect(differing).toEqual([]);
  });

  test.each(LOCALES)("every %s message is valid ICU and formats with its arguments", (locale) => {
    const problems: string[] = [];
    const t = createTranslator({
      locale,
      messages: files[locale] as Record<string, never>,
      onError: (error) => problems.push(error.message),
    });
    for (const [key, message] of flat[locale] ?? new Map()) {
      if (typeof message !== "string") continue;
      // Every argument as 1 (a number suits plurals, and a select takes its `other`), every tag as is.
      const values = Object.fromEntries(
        argumentsOf(message).map((name) =>
          name.startsWith("<") ? [name.slice(1, -1), (chunks: string) => chunks] : [name, 1],
        ),
      );
      const said = t.markup(key as never, values as never);
      if (said === key || said.includes("{")) problems.push(`${key}: ${said}`);
    }
    expect(problems).toEqual([]);
  });

  test("the files are found and not trivially small", () => {
    for (const locale of LOCALES) expect(flat[locale]?.size ?? 0).toBeGreaterThan(100);
  });
});
