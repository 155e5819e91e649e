import { readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { DELETE, GET, PATCH, POST, PUT } from "@/app/api/v1/[...path]/route";
import { API_METHODS, isNotAllowedHandler } from "@/lib/api/not-allowed";

const API_ROOT = path.resolve(__dirname, "../../app/api/v1");

describe("the API's answers outside its routes", () => {
  test("every route answers the methods it does not serve with a JSON 405 naming the allowed ones", async () => {
    const files = (await readdir(API_ROOT, { recursive: true })).filter(
      (file) => /(^|\/)route\.ts$/.test(file) && !file.includes("[..."),
    );
    expect(files.length).toBeGreaterThanOrEqual(12);
    for (const file of files) {
      const module: Record<string, unknown> = await import(path.join(API_ROOT, file));
      const served = API_METHODS.filter(
        (m) => typeof module[m] === "function" && !isNotAllowedHandler(module[m]),
      );
      const refused = API_METHODS.filter((m) => isNotAllowedHandler(module[m]));
      // Every method is either served or refused in JSON: none falls through to Next's empty 405.
      expect([...served, ...refused].sort(), file).toEqual([...API_METHODS].sort());
      for (const method of refused) {
        const response = await (module[method] as (request: Request) => Promise<Response>)(
          new Request(`http://localhost/api/v1/${file}`, { method }),
        );
        expect(response.status, `${method} ${file}`).toBe(405);
        expect(response.headers.get("allow")).toBe(served.join(", "));
        expect(await response.json()).toEqual({
          error: {
            code: "method_not_allowed",
            message: `${method} is not allowed here. Allowed: ${served.join(", ")}.`,
          },
        });
      }
    }
  });

  test("an unknown path under /api/v1 answers the API's JSON 404, for every method", async () => {
    for (const method of API_METHODS) {
      const handler = { GET, POST, PUT, PATCH, DELETE }[method];
      const response = await handler(new Request("http://localhost/api/v1/apps/x/nothing-here", { method }));
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({
        error: {
          code: "not_found",
          message: `No API route ${method} /api/v1/apps/x/nothing-here. See /api/v1/openapi.json.`,
        },
      });
    }
  });
});
