import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, test } from "vitest";

/**
 * The fake robots are written from the services' documentation, not from AppHooks' code: were they to share a
 * line with lib/delivery/formats, a misreading of a service would pass in both. So a fake may import Node's
 * modules and its sibling files here, and nothing else — no product code, no package.
 */
const FOLDER = __dirname;

/** Every module a source text imports, exports from, requires or imports dynamically. */
function importsOf(name: string, text: string): string[] {
  const source = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      if (ts.isStringLiteral(node.moduleSpecifier)) found.push(node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const expression = node.moduleReference.expression;
      if (ts.isStringLiteral(expression)) found.push(expression.text);
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const dynamic = callee.kind === ts.SyntaxKind.ImportKeyword;
      const required = ts.isIdentifier(callee) && callee.text === "require";
      if (dynamic || required) {
        const [argument] = node.arguments;
        // A computed module name cannot be checked: it is refused as such.
        found.push(argument && ts.isStringLiteralLike(argument) ? argument.text : "<computed>");
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Allowed: node:… and a sibling file of this folder ("./name"). */
function allowed(specifier: string): boolean {
  return specifier.startsWith("node:") || /^\.\/[\w-][\w.-]*$/.test(specifier);
}

const fakes = readdirSync(FOLDER)
  .filter((name) => name.endsWith(".ts") && !name.endsWith(".test.ts"))
  .sort();

describe("the fake robots are independent of the product", () => {
  test("there are fakes for every robot service", () => {
    expect(fakes).toEqual(
      expect.arrayContaining(["dingtalk.ts", "discord.ts", "lark.ts", "slack.ts", "teams.ts", "wecom.ts"]),
    );
  });

  test.each(fakes)("%s imports only node: modules and its siblings", (name) => {
    const imports = importsOf(name, readFileSync(path.join(FOLDER, name), "utf8"));
    expect(imports.length, name).toBeGreaterThan(0);
    expect(imports.filter((specifier) => !allowed(specifier))).toEqual([]);
  });

  test("the check sees product imports in every form they could take", () => {
    const source = [
      'import { createHmac } from "node:crypto";',
      'import { json } from "./server";',
      'import { robotFormat } from "@/lib/delivery/formats";',
      'import type { Message } from "../../lib/delivery/formats/message";',
      'export { judge } from "./../../lib/delivery/judge";',
      'import formats = require("@/lib/delivery/formats/robot");',
      'const lazy = await import("@/lib/delivery/formats/dingtalk");',
      'const old = require("zod");',
      'const computed = await import("@/lib/" + name);',
      'const parent = await import("./..");',
    ].join("\n");
    const imports = importsOf("sample.ts", source);
    expect(imports).toHaveLength(10);
    expect(imports.filter((specifier) => !allowed(specifier))).toEqual([
      "@/lib/delivery/formats",
      "../../lib/delivery/formats/message",
      "./../../lib/delivery/judge",
      "@/lib/delivery/formats/robot",
      "@/lib/delivery/formats/dingtalk",
      "zod",
      "<computed>",
      "./..",
    ]);
  });
});
