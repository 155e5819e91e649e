import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { jsonNestingDepth, MAX_INPUT_DEPTH, parseInput } from "./parse";

const schema = z.object({ name: z.string(), tags: z.array(z.string()).optional() });

function fieldErrorsOf(input: unknown) {
  try {
    parseInput(schema, input);
  } catch (error) {
    if (error instanceof AppError) return error.fieldErrors;
    throw error;
  }
  throw new Error("parsed without error");
}

describe("parseInput", () => {
  it("names the field holding a NUL character, which Postgres cannot store", () => {
    expect(fieldErrorsOf({ name: "a\u0000b" })).toEqual({ name: expect.stringContaining("NUL") });
    expect(fieldErrorsOf({ name: "ok", tags: ["x", "y\u0000"] })).toEqual({
      tags: expect.stringContaining("NUL"),
    });
  });

  it("refuses nesting deeper than any form needs, without overflowing the stack", () => {
    let deep: unknown = "leaf";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(fieldErrorsOf({ name: "ok", tags: deep })).toEqual({
      tags: `This is nested more than ${MAX_INPUT_DEPTH} levels deep.`,
    });
    let shallow: unknown = "x";
    for (let i = 0; i < MAX_INPUT_DEPTH - 2; i++) shallow = [shallow];
    expect(() => parseInput(z.object({ tags: z.unknown() }), { tags: shallow })).not.toThrow();
  });

  it("passes clean input through the schema", () => {
    expect(parseInput(schema, { name: "ok" })).toEqual({ name: "ok" });
  });

  it("measures a JSON text's nesting without parsing it; brackets in strings do not count", () => {
    expect(jsonNestingDepth('{"a":[1,{"b":[]}]}')).toBe(4);
    expect(jsonNestingDepth('["[[[[", "\\"]", {"x": "}}}"}]')).toBe(2);
    expect(jsonNestingDepth(`${"[".repeat(20_000)}${"]".repeat(20_000)}`)).toBe(20_000);
    expect(jsonNestingDepth("plain text")).toBe(0);
  });
});
