import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { HEAP_NODE_ARGS } from "@/scripts/server-node";

const scripts: Record<string, string> = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, "../package.json"), "utf8"),
).scripts;

// The bench measures memory with HEAP_NODE_ARGS (scripts/bench/processes.ts): what users run must be the same.
describe("package.json's long-running processes", () => {
  it.each(["start", "worker"])("%s runs with the heap flags the bench measures", (name) => {
    const words = scripts[name]?.split(/\s+/) ?? [];
    expect(words[0]).toBe("node");
    for (const flag of HEAP_NODE_ARGS) expect(words).toContain(flag);
  });
});
