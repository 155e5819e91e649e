import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";

/**
 * Comments and docs cite the repository's own documents (docs/), never files outside it: every
 * `docs/<name>.md#<anchor>` must name a document that exists and a heading it has.
 */
const ROOT = path.resolve(__dirname, "..");
/** Folders never scanned: dependencies, build output, local data, and the bench's results and profiles. */
const SKIPPED = new Set([
  "node_modules",
  ".next",
  ".git",
  ".data",
  "bench",
  "test-results",
  "playwright-report",
]);
const SOURCE = /\.(ts|tsx|mjs)$/;

/** The design notes the project started from, outside the repository. */
const OUTSIDE = /\.\.\/shared\/design|\bshared\/design\//;

function files(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (SKIPPED.has(path.relative(ROOT, full)) || entry.name === "node_modules") continue;
    if (entry.isDirectory()) files(full, out);
    else if (SOURCE.test(entry.name) || entry.name.endsWith(".md")) out.push(path.relative(ROOT, full));
  }
  return out;
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  let fenced = false;
  for (const line of markdown.split("\n")) {
    if (line.startsWith("```")) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6}\s+(.+)$/.exec(line);
    if (heading?.[1]) anchors.add(slug(heading[1]));
  }
  return anchors;
}

const all = files(ROOT).sort();
const docs = new Map(
  all
    .filter((file) => file.startsWith(`docs${path.sep}`) && file.endsWith(".md"))
    .map((file) => [path.basename(file), anchorsOf(readFileSync(path.join(ROOT, file), "utf8"))]),
);

type Reference = { file: string; line: number; doc: string; anchor: string | undefined };

/** `docs/<name>.md#<anchor>` anywhere; inside docs/, also relative Markdown links to `<name>.md#<anchor>`. */
function references(): Reference[] {
  const found: Reference[] = [];
  for (const file of all) {
    const inDocs = file.startsWith(`docs${path.sep}`);
    readFileSync(path.join(ROOT, file), "utf8")
      .split("\n")
      .forEach((text, index) => {
        const patterns = [/docs\/([\w-]+\.md)(?:#([\w-]+))?/g];
        if (inDocs) patterns.push(/\]\(([\w-]+\.md)(?:#([\w-]+))?\)/g);
        for (const pattern of patterns) {
          for (const match of text.matchAll(pattern)) {
            found.push({ file, line: index + 1, doc: match[1] as string, anchor: match[2] });
          }
        }
      });
  }
  return found;
}

describe("references to the repository's documents", () => {
  test("the documents exist, each with its sections", () => {
    const names = [
      "alerts",
      "architecture",
      "audit",
      "delivery",
      "events",
      "i18n",
      "operations",
      "robots",
      "security",
    ];
    expect([...docs.keys()].sort()).toEqual(names.map((name) => `${name}.md`));
    expect(slug("Claims and leases")).toBe("claims-and-leases");
    expect(slug("Per-webhook cap")).toBe("per-webhook-cap");
  });

  test("every docs/<name>.md#<anchor> names an existing document and heading", () => {
    const found = references();
    expect(found.length).toBeGreaterThan(20);
    const broken = found
      .filter(({ doc, anchor }) => !docs.has(doc) || (anchor !== undefined && !docs.get(doc)?.has(anchor)))
      .map(({ file, line, doc, anchor }) => `${file}:${line} → docs/${doc}${anchor ? `#${anchor}` : ""}`);
    expect(broken).toEqual([]);
  });

  test("no source file cites a document outside the repository", () => {
    const outside: string[] = [];
    for (const file of all.filter((name) => SOURCE.test(name))) {
      readFileSync(path.join(ROOT, file), "utf8")
        .split("\n")
        .forEach((text, index) => {
          const bare = /(?<!docs\/)\b(?:events|delivery|robots|security|architecture)\.md\b/.test(text);
          if (bare || OUTSIDE.test(text)) outside.push(`${file}:${index + 1}: ${text.trim()}`);
        });
    }
    expect(outside).toEqual([]);
  });
});
